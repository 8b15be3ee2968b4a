// XEP-0191 §5: whatever the list says, communications between the user's own resources are never blocked.
import { blockCommand, message, messageWithId, requireBlocking, section, uid } from "../kit/index.ts";

export default section("xep0191", "5", "Relationship to Privacy Lists", [
  {
    id: "xep0191/5/own-resources-never-blocked",
    title:
      "with the user's own bare JID on the blocklist, a message between two of its resources still arrives",
    requirements: ["XEP0191-5-3"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      await requireBlocking(ctx, alice);
      const other = await ctx.login("alice", "online");
      // a server may refuse to put the user's own JID on the list at all: nothing can be blocked then
      const reply = await alice.iq(blockCommand("block", alice.bare));
      ctx.require(reply.attrs.type === "result", "the server refuses to block the user's own JID");
      const id = `self-${uid()}`;
      const got = other.expect(messageWithId(id));
      await alice.send(message(other.full, "to myself", { id }));
      await got;
    },
  },
]);
