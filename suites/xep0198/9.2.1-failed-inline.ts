// XEP-0198 §9.2.1, a failed inline resumption: <success/> carries the <failed/>, and the inline XEP-0386
// Bind 2 request is still processed, establishing a new session. A target without SASL2 with inline SM and
// Bind 2 SKIPs.
import { Violation } from "../../harness/errors.ts";
import { BIND2_TAG, expectIds, NS_SM, sasl2Inline, section, sendNumbered } from "../kit/index.ts";

export default section("xep0198", "9.2.1", "Failed Resumption", [
  {
    id: "xep0198/9.2.1/failed-then-bound",
    title:
      "an inline <resume/> of an unknown session: <success/> carries <failed/> and <bound/>, and the new session receives stanzas",
    requirements: ["XEP0198-9.2.1-1"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const r = await sasl2Inline(ctx, alice.account, {
        resume: { previd: "xmppspec-no-such-session", h: 0 },
        bind: { tag: BIND2_TAG },
      });
      const { resumption, bound, identifier, success } = r.result;
      if (resumption?.name !== "failed" || resumption.getNS() !== NS_SM)
        throw new Violation(
          `no session has that SM-ID, yet <success/> carries no <failed xmlns='${NS_SM}'/>: ${success.toString().slice(0, 400)}`,
        );
      if (!bound)
        throw new Violation(
          `the resumption failed, yet the inline <bind/> was not processed (no <bound/>): ${success.toString().slice(0, 400)}`,
        );
      // XEP-0388: once a resource is bound the identifier is a full JID
      if (!identifier?.startsWith(`${alice.bare}/`))
        throw new Violation(`<bound/> came, but <authorization-identifier/> is '${identifier ?? ""}'`);
      const ids = await sendNumbered(bob, identifier, "bound", 1);
      await expectIds(r.s, ids, "on the session bound inline");
    },
  },
]);
