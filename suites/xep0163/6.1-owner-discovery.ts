// XEP-0163 §6.1 Account Owner Service Discovery: a server that runs PEP for the account answers a
// disco#info to the account's bare JID with the identity pubsub/pep. Whether it runs PEP is seen first
// from a publish: a server that refuses it as unknown SKIPs.
import { Violation } from "../../harness/errors.ts";
import {
  discoInfo,
  pepNode,
  pepPayload,
  publishIq,
  section,
  stanzaErrorCondition,
  uid,
} from "../kit/index.ts";

export default section("xep0163", "6.1", "Account Owner Service Discovery", [
  {
    id: "xep0163/6.1/pep-identity-on-own-bare-jid",
    title:
      "a server that accepts a publish on the account's own bare JID lists the identity pubsub/pep for it",
    requirements: ["XEP0163-6.1-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const node = pepNode(ctx);
      const reply = await ctx.setUp("alice publishes to her own PEP node", () =>
        alice.iq(publishIq(node, `i-${uid()}`, pepPayload(node, "probe"))),
      );
      ctx.require(
        reply.attrs.type === "result",
        `the server refuses a PEP publish (<${stanzaErrorCondition(reply) ?? "?"}/>): no PEP for the account`,
      );
      const info = await ctx.setUp("alice discovers her own bare JID", () => discoInfo(alice, alice.bare));
      if (!info.identities.some((i) => i.category === "pubsub" && i.type === "pep"))
        throw new Violation(
          `the account runs PEP but its disco#info has no pubsub/pep identity: ${info.identities.map((i) => `${i.category}/${i.type}`).join(", ")}`,
        );
    },
  },
]);
