// XEP-0077 §8: the in-band registration stream feature is for clients; a server SHOULD NOT offer it on a
// stream a peer server opened ('jabber:server').
import { NS, s2sSecured, section } from "../kit/index.ts";

export default section("xep0077", "8", "Stream Feature", [
  {
    id: "xep0077/8/no-feature-on-s2s",
    title: "the target does not offer in-band registration on a server-to-server stream",
    requirements: ["XEP0077-8-2"],
    needs: ["s2s"],
    async run(ctx) {
      const { s } = await s2sSecured(ctx);
      ctx.should(
        !s.features?.getChild("register", NS.registerFeature),
        "the target offers <register xmlns='http://jabber.org/features/iq-register'/> to a peer server",
      );
    },
  },
]);
