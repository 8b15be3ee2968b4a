// XEP-0198 §6, error handling: a <failed/> carries a stanza error condition of RFC 6120, and an <a/> that
// acknowledges more stanzas than the server sent ends the stream with <undefined-condition/> and
// <handled-count-too-high/>, also where the count is the largest unsignedInt (no wrap makes it lawful).

import { conditionsOf } from "../../harness/error-conditions.ts";
import { Violation } from "../../harness/errors.ts";
import { streamErrorCondition } from "../../harness/match.ts";
import {
  authenticatedStream,
  type CaseSpec,
  cutConnection,
  enableSm,
  expectIds,
  H_MAX,
  NS_SM,
  requireSm,
  section,
  sendAck,
  sendNumbered,
  sendResume,
} from "../kit/index.ts";

/** How far above what the server sent the client's ack goes. */
const TOO_HIGH: { slug: string; title: string; h: (received: number) => number }[] = [
  { slug: "ack-above-sent", title: "five more than the server sent", h: (n) => n + 5 },
  { slug: "ack-max-unsignedint", title: "2^32-1, the largest 'h', after two stanzas", h: () => H_MAX },
];

function tooHighCase(slug: string, title: string, h: (received: number) => number): CaseSpec {
  return {
    id: `xep0198/6/${slug}`,
    title: `an <a/> acknowledging ${title} ends the stream with <undefined-condition/> and <handled-count-too-high/>`,
    requirements: ["XEP0198-6-4"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice);
      const ids = await sendNumbered(bob, alice.full, slug, 2);
      await ctx.setUp("bob's messages reach alice", () => expectIds(alice, ids, "before the ack"));
      await sendAck(alice, h(on.tracker.h));
      const condition = await alice.expectStreamError(3000).catch(() => undefined);
      const detail = alice.streamError?.getChild("handled-count-too-high", NS_SM);
      ctx.should(
        condition === "undefined-condition" && detail !== undefined,
        condition
          ? `the stream ended with <${condition}/>${detail ? "" : " without <handled-count-too-high/>"}`
          : `alice acknowledged ${h(on.tracker.h)} of ${on.tracker.h} stanzas and the stream went on`,
      );
    },
  };
}

export default section("xep0198", "6", "Error Handling", [
  {
    id: "xep0198/6/failed-stanza-condition",
    title:
      "the <failed/> answering a <resume/> for an unknown SM-ID carries a condition, one of RFC 6120's stanza error conditions",
    requirements: ["XEP0198-6-2", "XEP0198-6-1", "XEP0198-5-13"],
    users: ["alice:account"],
    async run(ctx) {
      const s = await authenticatedStream(ctx, ctx.account("alice"), "resume");
      requireSm(ctx, s);
      const answer = await sendResume(s, "xmppspec-never-issued", 0);
      if (answer.name !== "failed")
        throw new Violation(`a <resume/> for an SM-ID never issued was answered <${answer.name}/>`);
      const conditions = answer.getChildElements().filter((c) => c.name !== "text");
      const known = new Set(conditionsOf("stanza"));
      const wrong = conditions.filter(
        (c) => c.getNS() !== "urn:ietf:params:xml:ns:xmpp-stanzas" || !known.has(c.name),
      );
      if (wrong.length > 0)
        throw new Violation(
          `the <failed/> carries ${wrong.map((c) => `<${c.name} xmlns='${c.getNS() ?? ""}'/>`).join(", ")}, no stanza error condition of RFC 6120`,
        );
      ctx.should(conditions.length > 0, "the <failed/> carries no error condition");
    },
  },
  ...TOO_HIGH.map((t) => tooHighCase(t.slug, t.title, t.h)),
  {
    id: "xep0198/6/resume-h-too-high",
    title:
      "a <resume/> whose 'h' acknowledges more than the server sent ends the stream with <handled-count-too-high/>",
    requirements: ["XEP0198-6-4", "XEP0198-5-18"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice, { resume: true });
      const ids = await sendNumbered(bob, alice.full, "high", 2);
      await ctx.setUp("bob's messages reach alice", () => expectIds(alice, ids, "before the cut"));
      const h = on.tracker.h + 5;
      await cutConnection(alice);
      const s = await authenticatedStream(ctx, alice.account, "resumed");
      const answer = await sendResume(s, on.id ?? "", h).catch(() => undefined);
      // refused (<failed/>) or ended: the count was not taken; resumed: the stream must then end (§6)
      if (answer?.name === "failed") return;
      const condition = answer
        ? await s.expectStreamError(3000).catch(() => undefined)
        : s.streamError && streamErrorCondition(s.streamError);
      const detail = s.streamError?.getChild("handled-count-too-high", NS_SM);
      ctx.should(
        condition === "undefined-condition" && detail !== undefined,
        `<resume h='${h}'/> after ${on.tracker.h} stanzas: ${answer ? "resumed, then " : ""}${condition ? `<${condition}/>${detail ? "" : " without <handled-count-too-high/>"}` : s.closed || s.streamEnded ? "the connection closed without a stream error" : "the stream went on"}`,
      );
    },
  },
]);
