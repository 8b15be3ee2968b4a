// XEP-0054 §4 Determining Support: a server that answers vCard requests lists "vcard-temp" in its
// disco#info features. The vCard answer comes first, so a server without vCards SKIPs rather than fails.
import { Violation } from "../../harness/errors.ts";
import { cardOf, discoInfo, section, stanzaErrorCondition, vcardGet } from "../kit/index.ts";

/** Refusals that say the server has no vCard service at all (RFC 6120 §8.3.3.3, §8.3.3.19). */
const NOT_SUPPORTED = ["service-unavailable", "feature-not-implemented"];

export default section("xep0054", "4", "Determining Support", [
  {
    id: "xep0054/4/disco-lists-vcard-temp",
    title: "a server that answers a vCard get lists the feature 'vcard-temp' in its disco#info",
    requirements: ["XEP0054-4-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await ctx.setUp("alice gets her own vCard", () => alice.iq(vcardGet()));
      const condition = reply.attrs.type === "error" ? stanzaErrorCondition(reply) : undefined;
      ctx.require(
        !(condition && NOT_SUPPORTED.includes(condition)),
        `the server refuses vCard requests with <${condition}/>: it does not support XEP-0054`,
      );
      ctx.require(
        reply.attrs.type === "error" || cardOf(reply) !== undefined,
        "the server's answer to a vCard get is no vCard answer",
      );
      const info = await ctx.setUp("discover the server's features", () => discoInfo(alice, ctx.domain));
      if (!info.features.includes("vcard-temp"))
        throw new Violation(
          `the server answers vCard requests but its disco#info lists no 'vcard-temp' (features: ${info.features.join(", ")})`,
        );
    },
  },
]);
