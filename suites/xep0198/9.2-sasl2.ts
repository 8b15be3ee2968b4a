// XEP-0198 §9.2, stream resumption inlined in SASL2's <authenticate/> (XEP-0388) beside an XEP-0386 Bind 2
// request: the <resume/> is processed first, a successful resumption answers in <success/> with <resumed/>,
// binds nothing, and is followed by no stream features. A target without SASL2 and inline SM SKIPs.
import { Violation } from "../../harness/errors.ts";
import {
  BIND2_TAG,
  type CaseContext,
  type Client,
  cutConnection,
  enableSm,
  expectIds,
  type InlineResumption,
  NS,
  sasl2Inline,
  section,
  sendNumbered,
} from "../kit/index.ts";

/** alice's SM session cut off, two messages from bob waiting, and an inline resumption (beside a Bind 2 request). */
async function resumeInline(
  ctx: CaseContext,
  alice: Client,
  bob: Client,
  o: { slug: string; bind: boolean },
): Promise<InlineResumption & { owed: string[] }> {
  const on = await enableSm(ctx, alice, { resume: true });
  await cutConnection(alice);
  const owed = await sendNumbered(bob, alice.full, o.slug, 2);
  const r = await sasl2Inline(ctx, alice.account, {
    resume: { previd: on.id ?? "", h: on.tracker.h },
    ...(o.bind ? { bind: { tag: BIND2_TAG } } : {}),
  });
  return { ...r, owed };
}

/** The inline resumption succeeded: <success/> carries <resumed/>, else a Violation naming what it holds. */
function assertResumedInline(r: InlineResumption): void {
  if (r.result.resumption?.name !== "resumed")
    throw new Violation(
      `the session was cut off moments ago, yet the inline <resume/> got no <resumed/> in <success/>: ${r.result.success.toString().slice(0, 400)}`,
    );
}

export default section("xep0198", "9.2", "Inline Stream Resumption", [
  {
    id: "xep0198/9.2/resumed-not-bound",
    title:
      "<resume/> and <bind/> inlined in <authenticate/>: <success/> carries <resumed/>, no <bound/>, no new resource, and the waiting stanzas come",
    requirements: ["XEP0198-9.2-1", "XEP0198-9.2-2"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const r = await resumeInline(ctx, alice, bob, { slug: "inline", bind: true });
      // processed first, the <resume/> finds a stream with no session yet; a <bind/> processed first
      // would leave it nothing to resume onto
      assertResumedInline(r);
      if (r.result.bound)
        throw new Violation(
          `after a successful inline resumption the server also answered the <bind/>: ${r.result.bound.toString()}`,
        );
      const id = r.result.identifier;
      // XEP-0388: the identifier is bare, or full once a resource is bound: the resumed one, never a new one
      if (id?.includes("/") && id !== alice.full)
        throw new Violation(`the resumed session is ${alice.full}; <authorization-identifier/> names ${id}`);
      await expectIds(r.s, r.owed, "after the inline resumption");
    },
  },
  {
    id: "xep0198/9.2/no-features-after-resumed",
    title:
      "after a <success/> that carries <resumed/> the stream is re-established: no stream features follow",
    requirements: ["XEP0198-9.2-3"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const r = await resumeInline(ctx, alice, bob, { slug: "nofeat", bind: false });
      await ctx.setUp("the inline resumption succeeds", async () => assertResumedInline(r));
      // the ping's answer comes after anything the server sent right after <success/>
      await r.s.expectNothing(
        { name: "features", ns: NS.stream },
        "the stream was resumed inline (no stream features may follow <success/>)",
      );
    },
  },
]);
