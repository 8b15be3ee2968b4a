// XEP-0077 §10: a server that supports in-band registration reports "jabber:iq:register" in disco#info.
import { discoInfo, NS, registeredAnswer, section } from "../kit/index.ts";

export default section("xep0077", "10", "Determining Support", [
  {
    id: "xep0077/10/disco-feature",
    title: "a server that answers registration requests lists jabber:iq:register in its disco#info",
    requirements: ["XEP0077-10-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const offered = ctx.target.capabilities.has("registration");
      const answered = offered || (await registeredAnswer(ctx, alice)).attrs.type === "result";
      ctx.require(answered, "the target supports no XEP-0077 request");
      const info = await ctx.setUp("discover the server's features", () => discoInfo(alice, ctx.domain));
      ctx.should(
        info.features.includes(NS.register),
        "the server's disco#info does not list jabber:iq:register",
      );
    },
  },
]);
