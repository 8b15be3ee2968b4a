// RFC 7622 §3.2 (domainpart): trailing dot, case and width mapping before comparison, IP literals, and the
// IDNA2008 and DNS rules a domainpart in a 'to' is enforced against (a violation gets <jid-malformed/>, §4).

import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import { addressCases, clip, type Element, fullwidth, ping, section, uid } from "../kit/index.ts";

const MAPPING = ["RFC7622-3.2.2-1", "RFC7622-3.2.3-1", "RFC7622-8-2"];
const ENFORCED = ["RFC7622-3.2.1-1", "RFC7622-4-1"];
/** A well-formed address at a domain nobody serves: what a malformed domainpart is compared with. */
const remoteTwin = () => `u${uid()}@nowhere-${uid()}.invalid`;

export default section("rfc7622", "3.2", "Domainpart", [
  ...addressCases([
    {
      id: "rfc7622/3.2.2/domainpart-case-mapped",
      title: "a message to bob@DOMAIN (upper case) reaches bob@domain",
      requirements: MAPPING,
      expect: "reaches",
      to: (bob) => `${bob.local}@${bob.domain.toUpperCase()}`,
    },
    {
      id: "rfc7622/3.2.2/domainpart-width-mapped",
      title: "a message to bob@ｄｏｍａｉｎ (fullwidth forms, UTF-8) reaches bob@domain",
      requirements: [...MAPPING, "RFC7622-3.2.1-3"],
      expect: "reaches",
      to: (bob) => `${bob.local}@${fullwidth(bob.domain)}`,
    },
    {
      id: "rfc7622/3.2/trailing-dot-stripped",
      title: "a message to bob@domain. (trailing label separator) reaches bob@domain",
      requirements: ["RFC7622-3.2-3", "RFC7622-3.2-4"],
      expect: "reaches",
      to: (bob) => `${bob.local}@${bob.domain}.`,
    },
    {
      id: "rfc7622/3.2/ipv4-domainpart-well-formed",
      title: "user@127.0.0.1 (an IPv4 domainpart) is a valid JID: not answered with <jid-malformed/>",
      requirements: ["RFC7622-3.2-2"],
      expect: "well-formed",
      to: () => `u${uid()}@127.0.0.1`,
    },
    {
      id: "rfc7622/3.2/ipv6-domainpart-well-formed",
      title: "user@[::1] (an IPv6 literal in brackets) is a valid JID: not answered with <jid-malformed/>",
      requirements: ["RFC7622-3.2-2"],
      expect: "well-formed",
      to: () => `u${uid()}@[::1]`,
    },
    {
      id: "rfc7622/3.2/ipv6-without-brackets-malformed",
      title: "user@::1 (an IPv6 address without the IP-literal brackets) gets <jid-malformed/>",
      requirements: ENFORCED,
      expect: "malformed",
      to: () => `u${uid()}@::1`,
      twin: remoteTwin,
    },
    {
      id: "rfc7622/3.2.1/symbol-label-malformed",
      title: "a domainpart label holding a symbol (U+265A, DISALLOWED by IDNA2008) gets <jid-malformed/>",
      requirements: [...ENFORCED, "RFC7622-5-1", "RFC7622-8-2"],
      expect: "malformed",
      to: () => `u${uid()}@\u265a${uid()}.invalid`,
      twin: remoteTwin,
    },
    {
      id: "rfc7622/3.2.1/space-in-label-malformed",
      title: "a domainpart label holding a space gets <jid-malformed/>",
      requirements: ENFORCED,
      expect: "malformed",
      to: () => `u${uid()}@exa mple${uid()}.invalid`,
      twin: remoteTwin,
    },
    {
      id: "rfc7622/3.2.1/invalid-a-label-malformed",
      title: "a label 'xn--a' (no valid U-label behind it, so it cannot be converted) gets <jid-malformed/>",
      requirements: [...ENFORCED, "RFC7622-3.2.1-2"],
      expect: "malformed",
      to: () => `u${uid()}@xn--a.x${uid()}.invalid`,
      twin: remoteTwin,
    },
    {
      id: "rfc7622/8/label-over-63-octets-malformed",
      title:
        "a domainpart label of 64 octets (over the DNS limit, §8 address-domain-length) gets <jid-malformed/>",
      requirements: ["RFC7622-8-1", "RFC7622-4-1"],
      expect: "malformed",
      to: () => `u${uid()}@${"a".repeat(64)}.invalid`,
      twin: remoteTwin,
    },
    {
      id: "rfc7622/3.2/domainpart-1024-octets-malformed",
      title: "a domainpart of 1024 octets gets <jid-malformed/>",
      requirements: ["RFC7622-3.2-5", "RFC7622-8-1", "RFC7622-4-1"],
      expect: "malformed",
      // 16 labels of 60 octets, each with its dot (976), then one of 48: 1024 octets, no label over 63.
      to: () => `u${uid()}@${"b".repeat(60).concat(".").repeat(16)}${"c".repeat(48)}`,
      twin: remoteTwin,
    },
  ]),
  {
    id: "rfc7622/3.2/trailing-dot-server-domain",
    title:
      "an IQ to 'domain.' is answered as one to 'domain' (the server compares its domain without the dot)",
    requirements: ["RFC7622-3.2-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const plain = await alice.iq(ping(ctx.domain));
      const dotted = await alice.iq(ping(`${ctx.domain}.`), 20_000);
      const outcome = (r: Element) => `${r.attrs.type}:${stanzaError(r)?.condition ?? ""}`;
      if (outcome(plain) !== outcome(dotted)) {
        throw new Violation(
          `a ping to '${ctx.domain}' got ${clip(plain)}, but one to '${ctx.domain}.' got ${clip(dotted)}`,
        );
      }
    },
  },
]);
