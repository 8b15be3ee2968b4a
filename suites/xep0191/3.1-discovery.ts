// XEP-0191 §3.1: a server that supports the blocking command advertises urn:xmpp:blocking.
import { Violation } from "../../harness/errors.ts";
import { blocklistGet, discoInfo, NS_BLOCKING, section } from "../kit/index.ts";

export default section("xep0191", "3.1", "User Discovers Support", [
  {
    id: "xep0191/3.1/feature-advertised",
    title: "a server that answers the blocklist request lists urn:xmpp:blocking in its disco#info",
    requirements: ["XEP0191-3.1-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await alice.iq(blocklistGet());
      // a server without the protocol refuses the request: nothing to advertise
      ctx.require(
        reply.attrs.type === "result",
        "the target refuses the blocklist request (XEP-0191 is optional)",
      );
      const info = await discoInfo(alice, ctx.domain);
      if (!info.features.includes(NS_BLOCKING))
        throw new Violation(
          `the server answers the blocking command but its disco#info lacks ${NS_BLOCKING}`,
        );
    },
  },
]);
