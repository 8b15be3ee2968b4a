// RFC 7622 §3.2 (domainpart): trailing dot, case and width mapping before comparison, IP literals, and the
// IDNA2008 and DNS rules a domainpart in a 'to' is enforced against (a violation gets <jid-malformed/>, §4).
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import { section } from "../../harness/runner/case.ts";
import { clip, ping, twoOnline } from "../helpers.ts";
import {
  expectMalformed,
  expectReaches,
  expectWellFormed,
  fullwidth,
  prober,
  uid,
} from "./address-probes.ts";

const MAPPING = ["RFC7622-3.2.2-1", "RFC7622-3.2.3-1", "RFC7622-8-2"];
const ENFORCED = ["RFC7622-3.2.1-1", "RFC7622-4-1"];

export default section("rfc7622", "3.2", "Domainpart", [
  {
    id: "rfc7622/3.2.2/domainpart-case-mapped",
    title: "a message to bob@DOMAIN (upper case) reaches bob@domain",
    requirements: MAPPING,
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await twoOnline(ctx);
      await expectReaches(alice, bob, `${bob.jid!.local}@${bob.jid!.domain.toUpperCase()}`);
    },
  },
  {
    id: "rfc7622/3.2.2/domainpart-width-mapped",
    title: "a message to bob@ｄｏｍａｉｎ (fullwidth forms, UTF-8) reaches bob@domain",
    requirements: [...MAPPING, "RFC7622-3.2.1-3"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await twoOnline(ctx);
      await expectReaches(alice, bob, `${bob.jid!.local}@${fullwidth(bob.jid!.domain)}`);
    },
  },
  {
    id: "rfc7622/3.2/trailing-dot-stripped",
    title: "a message to bob@domain. (trailing label separator) reaches bob@domain",
    requirements: ["RFC7622-3.2-3", "RFC7622-3.2-4"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await twoOnline(ctx);
      await expectReaches(alice, bob, `${bob.jid!.local}@${bob.jid!.domain}.`);
    },
  },
  {
    id: "rfc7622/3.2/trailing-dot-server-domain",
    title:
      "an IQ to 'domain.' is answered as one to 'domain' (the server compares its domain without the dot)",
    requirements: ["RFC7622-3.2-3"],
    accounts: 1,
    async run(ctx) {
      const s = await prober(ctx);
      const plain = await s.iq(ping(ctx.domain));
      const dotted = await s.iq(ping(`${ctx.domain}.`), 20_000);
      const outcome = (r: typeof plain) => `${r.attrs.type}:${stanzaError(r)?.condition ?? ""}`;
      if (outcome(plain) !== outcome(dotted)) {
        throw new Violation(
          `a ping to '${ctx.domain}' got ${clip(plain)}, but one to '${ctx.domain}.' got ${clip(dotted)}`,
        );
      }
    },
  },
  {
    id: "rfc7622/3.2/ipv4-domainpart-well-formed",
    title: "user@127.0.0.1 (an IPv4 domainpart) is a valid JID: not answered with <jid-malformed/>",
    requirements: ["RFC7622-3.2-2"],
    accounts: 1,
    async run(ctx) {
      await expectWellFormed(await prober(ctx), `u${uid()}@127.0.0.1`);
    },
  },
  {
    id: "rfc7622/3.2/ipv6-domainpart-well-formed",
    title: "user@[::1] (an IPv6 literal in brackets) is a valid JID: not answered with <jid-malformed/>",
    requirements: ["RFC7622-3.2-2"],
    accounts: 1,
    async run(ctx) {
      await expectWellFormed(await prober(ctx), `u${uid()}@[::1]`);
    },
  },
  {
    id: "rfc7622/3.2/ipv6-without-brackets-malformed",
    title: "user@::1 (an IPv6 address without the IP-literal brackets) gets <jid-malformed/>",
    requirements: ENFORCED,
    accounts: 1,
    async run(ctx) {
      await expectMalformed(await prober(ctx), `u${uid()}@::1`);
    },
  },
  {
    id: "rfc7622/3.2.1/symbol-label-malformed",
    title: "a domainpart label holding a symbol (U+265A, DISALLOWED by IDNA2008) gets <jid-malformed/>",
    requirements: [...ENFORCED, "RFC7622-5-1", "RFC7622-8-2"],
    accounts: 1,
    async run(ctx) {
      await expectMalformed(await prober(ctx), `u${uid()}@\u265a${uid()}.invalid`);
    },
  },
  {
    id: "rfc7622/3.2.1/space-in-label-malformed",
    title: "a domainpart label holding a space gets <jid-malformed/>",
    requirements: ENFORCED,
    accounts: 1,
    async run(ctx) {
      await expectMalformed(await prober(ctx), `u${uid()}@exa mple${uid()}.invalid`);
    },
  },
  {
    id: "rfc7622/3.2.1/invalid-a-label-malformed",
    title: "a label 'xn--a' (no valid U-label behind it, so it cannot be converted) gets <jid-malformed/>",
    requirements: [...ENFORCED, "RFC7622-3.2.1-2"],
    accounts: 1,
    async run(ctx) {
      await expectMalformed(await prober(ctx), `u${uid()}@xn--a.x${uid()}.invalid`);
    },
  },
  {
    id: "rfc7622/8/label-over-63-octets-malformed",
    title:
      "a domainpart label of 64 octets (over the DNS limit, §8 address-domain-length) gets <jid-malformed/>",
    requirements: ["RFC7622-8-1", "RFC7622-4-1"],
    accounts: 1,
    async run(ctx) {
      await expectMalformed(await prober(ctx), `u${uid()}@${"a".repeat(64)}.invalid`);
    },
  },
  {
    id: "rfc7622/3.2/domainpart-1024-octets-malformed",
    title: "a domainpart of 1024 octets gets <jid-malformed/>",
    requirements: ["RFC7622-3.2-5", "RFC7622-8-1", "RFC7622-4-1"],
    accounts: 1,
    async run(ctx) {
      // 16 labels of 60 octets, each with its dot (976), then one of 48: 1024 octets, no label over 63.
      const domain = `${"b".repeat(60).concat(".").repeat(16)}${"c".repeat(48)}`;
      await expectMalformed(await prober(ctx), `u${uid()}@${domain}`);
    },
  },
]);
