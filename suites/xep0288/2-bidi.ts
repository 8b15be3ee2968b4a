// XEP-0288 bidirectional server-to-server streams, the target as receiving server: the harness asks for a
// bidirectional stream after TLS; the target may then send its own stanzas over it, but only once the
// harness has authenticated. XEP-0288 is optional: a target that does not offer it SKIPs.
import { Violation } from "../../harness/errors.ts";
import {
  externalWith,
  NS_BIDI,
  NS_BIDI_FEATURE,
  requireExternal,
  s2sSecured,
  section,
  xml,
} from "../kit/index.ts";

export default section(
  "xep0288",
  "2",
  "Bidirectional Server-to-Server Connections",
  [
    {
      id: "xep0288/2.2/inbound-bidi-no-stanzas-before-auth",
      title:
        "on a stream the harness made bidirectional, the target sends none of its stanzas before the harness has authenticated",
      requirements: ["XEP0288-2.2-2"],
      needs: ["s2s"],
      users: ["alice"],
      async run(ctx, { alice }) {
        const { s, domain } = await s2sSecured(ctx, { certificate: "when-required" });
        ctx.require(
          s.features?.getChild("bidi", NS_BIDI_FEATURE) !== undefined,
          "the target does not offer bidirectional streams (XEP-0288 is optional)",
        );
        await s.send(xml("bidi", { xmlns: NS_BIDI }));
        const id = "bidi-early";
        await alice.send(
          xml("message", { to: `someone@${domain}`, type: "chat", id }, xml("body", {}, "early")),
        );
        // stanzas go one way on this stream until we authenticate: nothing can serve as a barrier
        const early = await s.expect({ name: "message", id }, 1000).catch(() => undefined);
        if (early)
          throw new Violation(
            "the target sent a stanza over the bidirectional stream before we authenticated",
          );
      },
    },
    {
      id: "xep0288/2.2/inbound-bidi-authenticated-domain-only",
      title:
        "over a bidirectional stream the harness authenticated for one domain, the target sends no stanza for another domain",
      requirements: ["XEP0288-2.2-4"],
      needs: ["s2s"],
      users: ["alice"],
      async run(ctx, { alice }) {
        const { s } = await s2sSecured(ctx);
        ctx.require(
          s.features?.getChild("bidi", NS_BIDI_FEATURE) !== undefined,
          "the target does not offer bidirectional streams (XEP-0288 is optional)",
        );
        requireExternal(ctx, s);
        await s.send(xml("bidi", { xmlns: NS_BIDI }));
        await ctx.setUp("authenticate with SASL EXTERNAL", async () => {
          const answer = await externalWith(s);
          if (!answer.ok) throw new Violation(`SASL EXTERNAL failed: <${answer.condition ?? ""}/>`);
        });
        // a domain of the case the stream never proved
        const other = ctx.federation.domain("other");
        const id = "bidi-other";
        await alice.send(
          xml("message", { to: `someone@${other}`, type: "chat", id }, xml("body", {}, "other")),
        );
        const wrong = await s.expect({ name: "message", id }, 1000).catch(() => undefined);
        if (wrong)
          throw new Violation(
            `the target sent a stanza for ${other} over the stream authenticated for another domain`,
          );
      },
    },
  ],
  { generated: true },
);
