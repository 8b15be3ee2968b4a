// XEP-0198 §5 (and §10), resumption refused: an unknown SM-ID, another account's session, a session its
// client closed cleanly, one past its resumption time, a stream not yet authenticated; then binding still
// possible, and what became of the stanzas of a session that ended unresumed (§4). Every wait is bounded:
// the one clock wait is the resumption time the target announced in <enabled max/>.
import { Violation } from "../../harness/errors.ts";
import {
  authenticatedStream,
  type CaseContext,
  cutAndResume,
  cutConnection,
  enableSm,
  failedCondition,
  outwaitResumption,
  ping,
  type Resumption,
  readH,
  requestAck,
  type Session,
  type SmOn,
  section,
  sendNumbered,
  sendResume,
} from "../kit/index.ts";

/** The resumption must not succeed, and the refusal is a <failed/> (§5: MUST), with item-not-found (SHOULD). */
function assertRefused(ctx: CaseContext, r: Resumption, what: string): void {
  if (r.answer.name === "resumed")
    throw new Violation(`${what}, yet the server resumed it: ${r.answer.toString().slice(0, 200)}`);
  const condition = failedCondition(r.answer);
  ctx.should(
    condition === "item-not-found",
    `the <failed/> ${what} carries ${condition ? `<${condition}/>` : "no condition"}, not <item-not-found/>`,
  );
}

/** A resumable session of `s`, cut off: the state an attacker or a late client would find. */
async function cutOff(ctx: CaseContext, s: Session): Promise<SmOn> {
  const on = await enableSm(ctx, s, { resume: true });
  await s.send(ping(ctx.domain));
  await ctx.setUp("the server acknowledges a stanza", () => requestAck(s));
  await cutConnection(s);
  return on;
}

export default section("xep0198", "5", "Resumption", [
  {
    id: "xep0198/5/failed-unknown-previd",
    title:
      "a <resume/> naming an SM-ID the server never gave (while the account has a session to resume) is answered <failed/>",
    requirements: ["XEP0198-5-14"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const on = await cutOff(ctx, alice);
      const r = await cutAndResume(ctx, alice, on, {
        account: alice.account,
        previd: `${on.id ?? ""}-not-it`,
        keepOld: true,
      });
      assertRefused(ctx, r, "for an unknown SM-ID");
    },
  },
  {
    id: "xep0198/10/failed-other-account",
    title:
      "another account cannot resume a session: its <resume/> with the session's SM-ID is answered <failed/>",
    requirements: ["XEP0198-10-1", "XEP0198-5-14"],
    users: ["alice", "bob:account"],
    async run(ctx, { alice }) {
      const on = await cutOff(ctx, alice);
      const r = await cutAndResume(ctx, alice, on, {
        account: ctx.account("bob"),
        keepOld: true,
        label: "bob",
      });
      assertRefused(ctx, r, "for alice's session, asked by bob");
    },
  },
  {
    id: "xep0198/10/no-resume-before-auth",
    title: "a <resume/> on a stream that has not authenticated does not resume the session",
    requirements: ["XEP0198-10-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const on = await cutOff(ctx, alice);
      const s = await ctx.setUp("open a stream (TLS, no SASL)", () =>
        ctx.openSecured({ label: "anonymous" }),
      );
      const answer = await sendResume(s, on.id ?? "", 0).catch(() => undefined);
      // a <failed/> or a stream error both refuse; only <resumed/> hands the session over
      if (answer?.name === "resumed")
        throw new Violation("the server resumed alice's session for a stream that never authenticated");
    },
  },
  {
    id: "xep0198/5/failed-after-clean-close",
    title: "a session whose client closed the stream with </stream:stream> cannot be resumed",
    requirements: ["XEP0198-5-14"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const on = await enableSm(ctx, alice, { resume: true });
      await alice.close();
      const s = await authenticatedStream(ctx, alice.account, "after-close");
      const answer = await sendResume(s, on.id ?? "", on.tracker.h);
      assertRefused(ctx, { s, answer }, "for a session its client closed cleanly");
    },
  },
  {
    id: "xep0198/5/failed-after-timeout",
    title:
      "past the resumption time the server announced, <resume/> is answered <failed/> (its 'h', if any, counts the stanzas handled)",
    requirements: ["XEP0198-5-14", "XEP0198-5-15"],
    users: ["alice"],
    lingers: "outwaits the resumption time the target announced",
    async run(ctx, { alice }) {
      const on = await cutOff(ctx, alice);
      await outwaitResumption(ctx, on);
      const r = await cutAndResume(ctx, alice, on, { account: alice.account, keepOld: true });
      assertRefused(ctx, r, "past the resumption time");
      const h = r.answer.attrs.h === undefined ? undefined : readH(r.answer);
      if (r.answer.attrs.h !== undefined && h !== on.tracker.sent)
        throw new Violation(
          `alice's session handled ${on.tracker.sent} stanzas; the <failed/> says h='${r.answer.attrs.h}'`,
        );
    },
  },
  {
    id: "xep0198/5/bind-after-failed-resume",
    title: "after a failed resumption the client can bind a resource on the same stream",
    requirements: ["XEP0198-5-16"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const on = await cutOff(ctx, alice);
      const r = await cutAndResume(ctx, alice, on, {
        account: alice.account,
        previd: "xmppspec-unknown",
        keepOld: true,
      });
      ctx.require(
        r.answer.name === "failed",
        "the unknown SM-ID was not refused (graded by xep0198/5/failed-unknown-previd)",
      );
      const bound = await r.s.bind().then(
        () => true,
        () => false,
      );
      ctx.should(bound, "after <failed/> the server did not let the client bind a resource on the stream");
    },
  },
  {
    id: "xep0198/4/unacked-not-dropped",
    title:
      "stanzas left unacknowledged by a session that is never resumed are bounced to their sender or kept for the account, not dropped",
    requirements: ["XEP0198-4-10", "XEP0198-4-9", "XEP0198-4-11"],
    users: ["alice", "bob"],
    lingers: "outwaits the resumption time the target announced",
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice, { resume: true });
      const ids = await sendNumbered(bob, alice.full, "left", 2);
      await ctx.setUp("bob's messages reach alice", async () => {
        for (const id of ids) await alice.expect({ name: "message", id });
      });
      await cutConnection(alice);
      await outwaitResumption(ctx, on);
      // RFC 6121 §8.5.3.2.1 for a chat message to a gone resource: offline storage, another resource, or an error
      await bob.barrier();
      const bounced = ids.filter((id) =>
        bob.inbox.some((el) => el.attrs.id === id && el.attrs.type === "error"),
      );
      const again = await ctx.login("alice", "online");
      await again.barrier();
      const kept = ids.filter((id) => again.inbox.some((el) => el.attrs.id === id));
      const lost = ids.filter((id) => !bounced.includes(id) && !kept.includes(id));
      ctx.should(
        lost.length === 0,
        `unacknowledged messages neither bounced nor delivered later: ${lost.join(", ")}`,
      );
      const delayed = again.inbox
        .filter((el) => kept.includes(el.attrs.id ?? ""))
        .every((el) => el.getChild("delay", "urn:xmpp:delay") !== undefined);
      ctx.should(delayed, "a message delivered after the session ended carries no XEP-0203 <delay/>");
    },
  },
]);
