// XEP-0030 §6.3: the same identity to every disco#info request at the same JID+node.
import { assertInfoResult, infoReply, section } from "../kit/index.ts";

export default section("xep0030", "6.3", "Response Consistency", [
  {
    id: "xep0030/6.3/server-identity-stable",
    title: "the server gives the same identities (category/type) to two requesters and to a repeated request",
    requirements: ["XEP0030-6.3-1"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const ids = async (s: typeof alice) =>
        assertInfoResult(await infoReply(s, ctx.domain), `disco#info of ${ctx.domain}`)
          .identities.map((i) => `${i.category}/${i.type}`)
          .sort()
          .join(" ");
      const [a1, a2, b] = [await ids(alice), await ids(alice), await ids(bob)];
      ctx.should(a1 === a2 && a1 === b, `identities differ between requests: [${a1}] [${a2}] [${b}]`);
    },
  },
]);
