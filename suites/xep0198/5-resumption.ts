// XEP-0198 §5, resumption on a new TCP connection after the harness cuts the old one (loopback, an abrupt
// destroy, mid-traffic): <resumed/> names the old SM-ID and counts the client's stanzas, exactly the
// unacknowledged stanzas come again (none lost, none twice), the counters go on, and a stream still
// open is replaced. A target that grants no resumption SKIPs; every wait is bounded.
import { Violation } from "../../harness/errors.ts";
import {
  assertResumed,
  type CaseSpec,
  cutAndResume,
  cutConnection,
  enableSm,
  expectIds,
  hOf,
  ping,
  requestAck,
  rosterPush,
  rosterSet,
  section,
  sendAck,
  sendNumbered,
} from "../kit/index.ts";

/** Where the client's last ack falls among bob's first three messages before the cut. */
const ACK_POINTS: { slug: string; acked: number; title: string }[] = [
  { slug: "none-acked", acked: 0, title: "none of them acknowledged" },
  { slug: "some-acked", acked: 1, title: "the first acknowledged" },
  { slug: "all-acked", acked: 3, title: "all acknowledged" },
];

function replayCase(slug: string, acked: number, title: string): CaseSpec {
  return {
    id: `xep0198/5/replay-${slug}`,
    title: `three messages received before the cut, ${title}, two more sent while cut off: after <resumed/> exactly the unacknowledged ones come, once each`,
    requirements: ["XEP0198-5-18", "XEP0198-5-19"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice, { resume: true });
      const before = await sendNumbered(bob, alice.full, `${slug}-a`, 3);
      await ctx.setUp("bob's first messages reach alice", () => expectIds(alice, before, "before the cut"));
      const h = acked === 0 ? 0 : on.tracker.hThrough(before[acked - 1]);
      await cutConnection(alice);
      // sent while alice is cut off: the server queues them for the detached session
      const during = await sendNumbered(bob, alice.full, `${slug}-b`, 2);
      const r = await cutAndResume(ctx, alice, on, { account: alice.account, h, keepOld: true });
      assertResumed(r, "the session was cut off moments ago");
      const owed = [...before.slice(acked), ...during];
      await expectIds(r.s, owed, "after <resumed/>");
      await r.s.barrier();
      const seen = [...before, ...during].map((id) => ({
        id,
        n: r.s.inbox.filter((el) => el.attrs.id === id).length,
      }));
      const again = seen.filter((x) => x.n > 0).map((x) => x.id);
      if (again.length > 0)
        throw new Violation(
          `after resumption with h='${h}' these came again: ${again.join(", ")} (owed: ${owed.join(", ")})`,
        );
    },
  };
}

export default section("xep0198", "5", "Resumption", [
  {
    id: "xep0198/5/resumed-h-and-previd",
    title:
      "<resumed/> names the old SM-ID in 'previd' and counts in 'h' the stanzas the client sent before the cut",
    requirements: ["XEP0198-5-12", "XEP0198-7-2"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice, { resume: true });
      for (const id of ["h1", "h2"]) await alice.send(ping(ctx.domain, id));
      await sendNumbered(alice, bob.full, "to-bob", 1);
      // the server's ack proves it handled them before the connection goes
      await ctx.setUp("the server acknowledges alice's stanzas", () => requestAck(alice));
      const r = await cutAndResume(ctx, alice, on, { account: alice.account });
      const resumed = assertResumed(r, "the session was cut off moments ago");
      if (resumed.attrs.previd !== on.id)
        throw new Violation(
          `<resumed/> has previd='${resumed.attrs.previd ?? ""}', the session's SM-ID is '${on.id}'`,
        );
      const h = hOf(resumed, "<resumed/>");
      if (h !== on.tracker.sent)
        throw new Violation(`alice sent ${on.tracker.sent} stanzas before the cut; <resumed/> says h='${h}'`);
    },
  },
  ...ACK_POINTS.map((p) => replayCase(p.slug, p.acked, p.title)),
  {
    id: "xep0198/5/replay-mid-burst",
    title:
      "the connection cut while bob's burst of messages is under way: resuming with what alice handled brings the rest, once each",
    requirements: ["XEP0198-5-18", "XEP0198-5-19"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice, { resume: true });
      const burst = sendNumbered(bob, alice.full, "burst", 6);
      // cut as soon as the first message is in: the rest is on the wire, queued, or not yet sent
      await ctx.setUp("the burst's first message reaches alice", () =>
        alice.expect({ name: "message", id: "burst-1" }),
      );
      await cutConnection(alice);
      const ids = await burst;
      const handled = ids.filter((id) => on.tracker.received.some((el) => el.attrs.id === id));
      const r = await cutAndResume(ctx, alice, on, { account: alice.account, keepOld: true });
      assertResumed(r, "the session was cut off moments ago");
      const owed = ids.filter((id) => !handled.includes(id));
      await expectIds(r.s, owed, `after resuming with h='${on.tracker.h - owed.length}'`);
      await r.s.barrier();
      const again = [...ids].filter((id) => r.s.inbox.some((el) => el.attrs.id === id));
      if (again.length > 0)
        throw new Violation(
          `alice had handled ${handled.join(", ")}; after resumption these came again: ${again.join(", ")}`,
        );
    },
  },
  {
    id: "xep0198/5/replay-roster-push",
    title:
      "a roster push for the cut-off session (another resource of the account changed the roster) comes after <resumed/>",
    requirements: ["XEP0198-5-18", "XEP0198-5-19"],
    users: ["alice:interested", "bob"],
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice, { resume: true });
      await cutConnection(alice);
      await ctx.setUp("alice's other resource adds bob to the roster", async () => {
        const other = await ctx.login("alice", "interested");
        await other.iqResult(rosterSet(bob.bare), "roster set");
      });
      const r = await cutAndResume(ctx, alice, on, { account: alice.account, keepOld: true });
      assertResumed(r, "the session was cut off moments ago");
      await r.s.expect(rosterPush(bob.bare)).catch((err: Error) => {
        throw new Violation(`the roster push for bob never came on the resumed stream: ${err.message}`);
      });
    },
  },
  {
    id: "xep0198/5/replay-in-order",
    title: "the unacknowledged stanzas come again in the order they were first sent",
    requirements: ["XEP0198-5-18"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice, { resume: true });
      const ids = await sendNumbered(bob, alice.full, "order", 5);
      await ctx.setUp("bob's messages reach alice", () => expectIds(alice, ids, "before the cut"));
      const r = await cutAndResume(ctx, alice, on, { account: alice.account, h: 0 });
      assertResumed(r, "the session was cut off moments ago");
      await expectIds(r.s, [ids[ids.length - 1]], "the last unacknowledged message");
      await r.s.barrier();
      // all five arrived; the inbox keeps the rest in arrival order
      const came = [...on.tracker.received.slice(ids.length)]
        .map((el) => el.attrs.id)
        .filter((id) => id?.startsWith("order-"));
      if (came.join(",") !== ids.join(","))
        throw new Violation(`sent as ${ids.join(", ")}; re-sent as ${came.join(", ")}`);
    },
  },
  {
    id: "xep0198/5/second-resumption",
    title:
      "a resumed session cut off again is resumed again with the same SM-ID, owing what came while it was cut off",
    requirements: ["XEP0198-5-18", "XEP0198-5-12"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice, { resume: true });
      const first = await cutAndResume(ctx, alice, on, { account: alice.account, label: "resumed1" });
      assertResumed(first, "the session was cut off moments ago");
      await cutConnection(first.s);
      const during = await sendNumbered(bob, alice.full, "again", 2);
      const second = await cutAndResume(ctx, first.s, on, {
        account: alice.account,
        keepOld: true,
        label: "resumed2",
      });
      assertResumed(second, "the resumed session was cut off moments ago");
      await expectIds(second.s, during, "after the second resumption");
    },
  },
  {
    id: "xep0198/5/resumed-h-zero",
    title: "a session whose client sent no stanza is resumed with h='0'",
    requirements: ["XEP0198-5-12"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const on = await enableSm(ctx, alice, { resume: true });
      const r = await cutAndResume(ctx, alice, on, { account: alice.account });
      const h = hOf(assertResumed(r, "the session was cut off moments ago"), "<resumed/>");
      if (h !== 0) throw new Violation(`alice sent no stanza since <enable/>; <resumed/> says h='${h}'`);
    },
  },
  {
    id: "xep0198/5/counters-continue",
    title: "after resumption the server's 'h' goes on from the old stream's count",
    requirements: ["XEP0198-5-12", "XEP0198-4-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const on = await enableSm(ctx, alice, { resume: true });
      await alice.send(ping(ctx.domain, "c1"));
      await ctx.setUp("the server acknowledges alice's stanza", () => requestAck(alice));
      const r = await cutAndResume(ctx, alice, on, { account: alice.account });
      assertResumed(r, "the session was cut off moments ago");
      await r.s.send(ping(ctx.domain, "c2"));
      await r.s.send(ping(ctx.domain, "c3"));
      const h = await requestAck(r.s);
      if (h !== on.tracker.sent)
        throw new Violation(
          `one stanza before the cut and two after: the resumed stream's <a/> says h='${h}'`,
        );
    },
  },
  {
    id: "xep0198/5/open-stream-replaced",
    title: "resuming a session whose stream is still open ends that stream with a 'conflict' stream error",
    requirements: ["XEP0198-5-17"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const on = await enableSm(ctx, alice, { resume: true });
      const r = await cutAndResume(ctx, alice, on, { account: alice.account, keepOld: true });
      assertResumed(r, "resuming the live session");
      const condition = await alice.expectStreamError(3000).catch(() => undefined);
      ctx.should(
        condition === "conflict",
        condition
          ? `the old stream ended with <${condition}/>, not <conflict/>`
          : "the old stream got no stream error",
      );
      ctx.should(
        await alice.expectClose(3000).then(
          () => true,
          () => false,
        ),
        "the old stream stayed open after the session was resumed elsewhere",
      );
    },
  },
  {
    id: "xep0198/5/acks-after-resume",
    title: "after resumption the client's <a/> counts the stanzas of both streams and is accepted",
    requirements: ["XEP0198-5-18", "XEP0198-4-7"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice, { resume: true });
      const first = await sendNumbered(bob, alice.full, "one", 2);
      await ctx.setUp("bob's messages reach alice", () => expectIds(alice, first, "before the cut"));
      const r = await cutAndResume(ctx, alice, on, { account: alice.account });
      assertResumed(r, "the session was cut off moments ago");
      const second = await sendNumbered(bob, alice.full, "two", 2);
      await expectIds(r.s, second, "after the resumption");
      await sendAck(r.s, on.tracker.h, on.tracker);
      await r.s.barrier().catch((err: Error) => {
        throw new Violation(
          `after <a h='${on.tracker.h}'/> (four messages, two per stream) the stream failed: ${err.message}`,
        );
      });
    },
  },
]);
