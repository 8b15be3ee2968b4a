// RFC 7622 §3.1-3.2 (with §3.5 Table 2): how a 'to' is split into localpart, domainpart and resourcepart,
// and that a JID with an empty part, or no domainpart, is refused with <jid-malformed/> (§4).

import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import { addressCases, clip, ping, section, uid } from "../kit/index.ts";

export default section("rfc7622", "3.1", "Fundamentals", [
  ...addressCases([
    {
      id: "rfc7622/3.1/two-at-signs",
      title: "a 'to' with two '@' (a@b@domain: the domainpart 'b@domain' holds an '@') gets <jid-malformed/>",
      requirements: ["RFC7622-3.2.1-1", "RFC7622-4-1"],
      expect: "malformed",
      to: (_, domain) => `a${uid()}@b@${domain}`,
    },
    {
      id: "rfc7622/3.1/empty-localpart",
      title: "a 'to' with an '@' and nothing before it ('@domain') gets <jid-malformed/>",
      requirements: ["RFC7622-3.3-1", "RFC7622-8-3", "RFC7622-4-1"],
      expect: "malformed",
      to: (_, domain) => `@${domain}`,
      twin: null,
    },
    {
      id: "rfc7622/3.1/empty-resourcepart",
      title: "a 'to' with a '/' and nothing after it ('user@domain/') gets <jid-malformed/>",
      requirements: ["RFC7622-3.4-2", "RFC7622-8-5", "RFC7622-4-1"],
      expect: "malformed",
      // the prober's own account: read without the rules it is her bare JID, which the server answers for
      to: (me) => `${me.account.jid}/`,
      twin: null,
    },
    {
      id: "rfc7622/3.1/empty-localpart-and-resourcepart",
      title: "'@domain/' (RFC 7622 §3.5 example 19) gets <jid-malformed/>",
      requirements: ["RFC7622-3.3-1", "RFC7622-3.4-2", "RFC7622-4-1"],
      expect: "malformed",
      to: (_, domain) => `@${domain}/`,
      twin: null,
    },
    {
      id: "rfc7622/3.1/no-domainpart",
      title: "'user@' (a localpart without a domainpart, §3.5 example 22) gets <jid-malformed/>",
      requirements: ["RFC7622-3.2-1", "RFC7622-3.2-5", "RFC7622-8-1", "RFC7622-4-1"],
      expect: "malformed",
      to: (me) => `${me.account.username}@`,
    },
    {
      id: "rfc7622/3.1/resourcepart-without-domainpart",
      title: "'/foobar' (a resourcepart without a domainpart, §3.5 example 23) gets <jid-malformed/>",
      requirements: ["RFC7622-3.2-1", "RFC7622-3.2-5", "RFC7622-4-1"],
      expect: "malformed",
      to: () => `/foobar${uid()}`,
    },
    {
      id: "rfc7622/3.1/separators-matched-before-mapping",
      title:
        "a fullwidth '@' (U+FF20) is no separator: 'user＠domain' is a domainpart holding '@' after width mapping, so <jid-malformed/>",
      requirements: ["RFC7622-3.2.1-1", "RFC7622-4-1"],
      expect: "malformed",
      // §3.1 implementation note: separators are matched before any mapping, which would turn U+FF20 into
      // '@' and the address into the prober's own bare JID, which the server answers for.
      to: (me, domain) => `${me.account.username}\uff20${domain}`,
      twin: null,
    },
  ]),
  {
    id: "rfc7622/3.1/domainpart-before-at-in-resourcepart",
    title:
      "'domain/x@elsewhere.invalid' (§3.5 example 15) names the server's domain with a resourcepart holding '@', not a user at elsewhere.invalid",
    requirements: ["RFC7622-3.2-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await alice.iq(ping(`${ctx.domain}/x@nowhere-${uid()}.invalid`), 20_000);
      const cond = stanzaError(reply)?.condition;
      // §3.2: the domainpart is what remains after removing from the first '/' on, then up to the first '@'.
      if (cond === "jid-malformed" || cond === "remote-server-not-found") {
        throw new Violation(
          `the server did not take '${ctx.domain}' as the domainpart (a resourcepart may hold '@'): ${clip(reply)}`,
        );
      }
    },
  },
]);
