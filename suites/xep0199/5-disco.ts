// XEP-0199 §5: an entity that supports ping MUST list urn:xmpp:ping in its disco#info; a server that
// answers a ping with a result supports it.
import { Violation } from "../../harness/errors.ts";
import { discoInfo, NS, ping, section } from "../kit/index.ts";

export default section("xep0199", "5", "Determining Support", [
  {
    id: "xep0199/5/disco-feature",
    title: "a server that answers pings lists urn:xmpp:ping in its disco#info",
    requirements: ["XEP0199-5-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await alice.iq(ping(ctx.domain, "disco-ping-1"));
      ctx.require(reply.attrs.type === "result", "the server does not answer pings with a result");
      const info = await ctx.setUp("discover the server's features", () => discoInfo(alice, ctx.domain));
      if (!info.features.includes(NS.ping))
        throw new Violation("the server answers pings but its disco#info does not list urn:xmpp:ping");
    },
  },
]);
