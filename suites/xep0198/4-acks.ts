// XEP-0198 §4, acks: the server answers <r/> with <a h/> counting the stanzas it handled since <enable/>
// (stanzas only, every kind, never the nonzas), answers every request, takes the client's own <a/>, and
// the client's answer to the server's <r/>. XEP-0198 is optional: a target without it SKIPs.
import { Violation } from "../../harness/errors.ts";
import type { Element } from "../../harness/xml/element.ts";
import {
  type CaseSpec,
  enableSm,
  expectIds,
  NS_SM,
  ping,
  requestAck,
  section,
  sendAck,
  sendNumbered,
  smAnswer,
  xml,
} from "../kit/index.ts";

/** One stanza of each kind §4 counts, addressed so the server handles it without error. */
const COUNTED: { kind: string; stanza: (self: string, peer: string) => Element }[] = [
  { kind: "iq", stanza: (_, peer) => ping(peer.split("/")[0].split("@")[1]) },
  {
    kind: "message",
    stanza: (_, peer) =>
      xml("message", { to: peer, type: "chat", id: "counted" }, xml("body", {}, "count me")),
  },
  { kind: "presence", stanza: (_, peer) => xml("presence", { to: peer }) },
  // one the server cannot deliver is handled all the same (§4: it accepted responsibility, here by bouncing it)
  {
    kind: "bounced",
    stanza: (_, peer) =>
      xml(
        "message",
        { to: `nobody-${peer.split("@")[0]}@${peer.split("/")[0].split("@")[1]}`, type: "chat" },
        xml("body", {}, "undeliverable"),
      ),
  },
];

function countedCase(kind: string, make: (self: string, peer: string) => Element): CaseSpec {
  return {
    id: `xep0198/4/h-counts-${kind}`,
    title: `the 'h' of the server's <a/> counts each ${kind} stanza the client sent since <enable/>`,
    requirements: ["XEP0198-4-3", "XEP0198-4-1"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice);
      for (let i = 0; i < 3; i++) await alice.send(make(alice.full, bob.full));
      const h = await requestAck(alice);
      if (h !== on.tracker.sent)
        throw new Violation(`after ${on.tracker.sent} ${kind} stanzas the server's <a/> says h='${h}'`);
    },
  };
}

export default section("xep0198", "4", "Acks", [
  {
    id: "xep0198/4/r-answered-h-zero",
    title: "an <r/> right after <enabled/> is answered <a h='0'/>: no stanza handled yet",
    requirements: ["XEP0198-4-3", "XEP0198-4-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await enableSm(ctx, alice);
      const h = await requestAck(alice);
      if (h !== 0)
        throw new Violation(`no stanza was sent since <enable/>, yet the server's <a/> says h='${h}'`);
    },
  },
  ...COUNTED.map((c) => countedCase(c.kind, c.stanza)),
  {
    id: "xep0198/4/h-ignores-nonzas",
    title: "the server's 'h' counts stanzas only: the client's <r/> and <a/> elements add nothing",
    requirements: ["XEP0198-4-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const on = await enableSm(ctx, alice);
      await alice.send(ping(ctx.domain));
      const first = await requestAck(alice);
      await sendAck(alice, on.tracker.h);
      const second = await requestAck(alice);
      const third = await requestAck(alice);
      const seen = [first, second, third];
      if (seen.some((h) => h !== on.tracker.sent))
        throw new Violation(
          `one stanza sent, three <r/> and an <a/> between them: the server said h=${seen.join(", ")}`,
        );
    },
  },
  {
    id: "xep0198/4/every-r-answered",
    title: "each of several <r/> sent back to back, amid stanzas, gets its own <a/>",
    requirements: ["XEP0198-4-4", "XEP0198-4-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await enableSm(ctx, alice);
      const answers: Promise<Element>[] = [];
      for (let i = 0; i < 3; i++) {
        await alice.send(ping(ctx.domain));
        const a = smAnswer(alice, ["a"]);
        a.catch(() => {});
        answers.push(a);
        await alice.send(xml("r", { xmlns: NS_SM }));
      }
      const got = await Promise.all(answers.map((a) => a.catch(() => undefined)));
      const missing = got.filter((a) => a === undefined).length;
      if (missing > 0) throw new Violation(`${missing} of 3 <r/> got no <a/>`);
    },
  },
  {
    id: "xep0198/4/client-ack-accepted",
    title:
      "an unrequested <a/> from the client acknowledging what it received is accepted: the stream goes on",
    requirements: ["XEP0198-4-5", "XEP0198-4-7"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice);
      const ids = await sendNumbered(bob, alice.full, "ack", 2);
      await ctx.setUp("bob's messages reach alice", () => expectIds(alice, ids, "before the ack"));
      await sendAck(alice, on.tracker.h, on.tracker);
      await alice.barrier().catch((err: Error) => {
        throw new Violation(`after alice's <a h='${on.tracker.h}'/> the stream failed: ${err.message}`);
      });
    },
  },
  {
    id: "xep0198/4/server-request-answered",
    title: "the server's own <r/>, answered with the client's 'h', is accepted: the stream goes on",
    requirements: ["XEP0198-4-3", "XEP0198-4-7"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const on = await enableSm(ctx, alice);
      // servers request acks after some stanzas or some time: give them ten messages and a bounded wait
      const request = smAnswer(alice, ["r"], 3000);
      request.catch(() => {});
      const ids = await sendNumbered(bob, alice.full, "req", 10);
      await ctx.setUp("bob's messages reach alice", () => expectIds(alice, ids, "before the request"));
      const r = await request.catch(() => undefined);
      ctx.require(
        r !== undefined,
        "the target sent no <r/> within 3 s of ten stanzas (XEP-0198 leaves when to ask to the server)",
      );
      await sendAck(alice, on.tracker.h, on.tracker);
      await alice.barrier().catch((err: Error) => {
        throw new Violation(
          `alice answered the server's <r/> with h='${on.tracker.h}'; then the stream failed: ${err.message}`,
        );
      });
    },
  },
]);
