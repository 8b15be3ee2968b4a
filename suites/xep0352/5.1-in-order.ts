// XEP-0352 §5.1: <active/> takes effect before the server handles the client's next request: whatever it
// held back while the client was inactive (the latest presence of each contact, at least) is on the wire
// before the answer to a ping that follows <active/>.
import { Violation } from "../../harness/errors.ts";
import { indicate, NS_CSI, presence, requireCsi, section, subscribe, xml } from "../kit/index.ts";

export default section("xep0352", "5.1", "In-order processing", [
  {
    id: "xep0352/5.1/active-flushes-before-pong",
    title:
      "after <active/> and a ping, a contact's latest presence sent while the client was inactive arrives before the pong",
    requirements: ["XEP0352-5.1-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      requireCsi(ctx, alice);
      await ctx.setUp("alice subscribes to bob's presence", () => subscribe(alice, bob));
      await indicate(alice, "inactive");
      await bob.send(presence({ status: "while-inactive-1" }));
      await bob.send(presence({ status: "while-inactive-2" }));
      // bob's presence is handled (and held, or sent) before his ping is answered
      await bob.barrier();
      // the ping right after <active/> is the "subsequent data" of §5.1
      await alice.send(xml("active", { xmlns: NS_CSI }));
      const before = await alice.barrier();
      const latest = before.filter((el) => el.name === "presence" && el.attrs.from === bob.full).at(-1);
      if (latest?.getChildText("status") !== "while-inactive-2")
        throw new Violation(
          `before the pong that followed <active/>, the client had ${latest ? `presence with status '${latest.getChildText("status") ?? ""}'` : "no presence"} from ${bob.full}, not its latest ('while-inactive-2')`,
        );
    },
  },
]);
