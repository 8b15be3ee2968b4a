// The commands of the stream-management level (XEP-0198): plain data (a finding stores the sequence),
// each run over real connections and checked against the model of what the server owes the client.
import type fc from "fast-check";
import { NoAnswer, StreamClosed, Violation } from "../../errors.ts";
import type { Account } from "../../runner/accounts.ts";
import {
  cutConnection,
  readH,
  requestAck,
  type SmTracker,
  sendAck,
  sendMessages,
  sendResume,
} from "../../session/sm.ts";
import type { Session } from "../../session.ts";
import type { Rig } from "../rig.ts";
import { OracleFailure } from "../types.ts";
import { commandSpec } from "./level.ts";

export type SmCommandSpec =
  /** bob sends n messages to alice's full JID; alice receives them */
  | { op: "send"; n: number }
  /** alice sends n messages to bob and asks for an ack (the server's 'h' must count them) */
  | { op: "alice-sends"; n: number }
  /** alice acknowledges everything she received */
  | { op: "ack" }
  /** alice asks for an ack: 'h' must be what she sent */
  | { op: "request" }
  /** the connection is cut; bob sends `during` messages; alice resumes acknowledging `h` */
  | { op: "cut-resume"; during: number; h: "acked" | "handled" };

/** What the server owes alice: bob's messages in order, how many she handled and acknowledged. */
export interface SmModel {
  /** Ids of bob's messages to alice, in sending order. */
  msgs: string[];
  /** alice's count of handled stanzas (§4 'h' of the client). */
  handled: number;
  /** The 'h' alice last told the server (an <a/> or a <resume/>). */
  acked: number;
  /** Stanzas alice sent since <enable/>. */
  aliceSent: number;
}

export interface SmReal {
  rig: Rig;
  alice: Session;
  bob: Session;
  aliceAccount: Account;
  /** alice's full JID, kept across resumptions. */
  aliceJid: string;
  smId: string;
  tracker: SmTracker;
  /** Numbers message ids within the run. */
  serial: { n: number };
}

type Cmd = fc.AsyncCommand<SmModel, SmReal, false>;

export function newSmModel(): SmModel {
  return { msgs: [], handled: 0, acked: 0, aliceSent: 0 };
}

/** Any wait or protocol failure inside a command is the model disagreeing with the server. */
async function judged<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof OracleFailure) throw err;
    if (err instanceof NoAnswer || err instanceof StreamClosed || err instanceof Violation)
      throw new OracleFailure("model", `${what}: ${err.message}`);
    throw err;
  }
}

async function receiveAll(s: Session, ids: string[], what: string): Promise<void> {
  for (const id of ids) await judged(`${what}: message '${id}'`, () => s.expect({ name: "message", id }));
}

function nextIds(r: SmReal, n: number): string[] {
  return Array.from({ length: n }, () => `sm-${++r.serial.n}`);
}

function withSpec(spec: SmCommandSpec, cmd: Omit<Cmd, "toString">): Cmd {
  return Object.assign(cmd, { spec, toString: () => JSON.stringify(spec) });
}

function sendCommand(spec: { op: "send"; n: number }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(m, r) {
      const ids = nextIds(r, spec.n);
      await sendMessages(r.bob, r.aliceJid, ids);
      m.msgs.push(...ids);
      await receiveAll(r.alice, ids, "bob's message to alice");
      m.handled = m.msgs.length;
    },
  });
}

function aliceSendsCommand(spec: { op: "alice-sends"; n: number }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(m, r) {
      await sendMessages(r.alice, r.bob.jid?.toString() ?? "", nextIds(r, spec.n));
      m.aliceSent += spec.n;
      // until the server acknowledges them, a cut may lose them on the wire (§4: the sender's to resend)
      const h = await judged("<r/> after alice's messages", () => requestAck(r.alice));
      if (h !== m.aliceSent)
        throw new OracleFailure(
          "model",
          `alice sent ${m.aliceSent} stanzas; the server's <a/> says h='${h}'`,
        );
    },
  });
}

function ackCommand(spec: { op: "ack" }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(m, r) {
      await sendAck(r.alice, m.handled, r.tracker);
      m.acked = m.handled;
    },
  });
}

function requestCommand(spec: { op: "request" }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(m, r) {
      const h = await judged("<r/>", () => requestAck(r.alice));
      if (h !== m.aliceSent)
        throw new OracleFailure(
          "model",
          `alice sent ${m.aliceSent} stanzas; the server's <a/> says h='${h}'`,
        );
    },
  });
}

function cutResumeCommand(spec: { op: "cut-resume"; during: number; h: "acked" | "handled" }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(m, r) {
      await cutConnection(r.alice);
      const during = nextIds(r, spec.during);
      await sendMessages(r.bob, r.aliceJid, during);
      m.msgs.push(...during);
      const h = spec.h === "acked" ? m.acked : m.handled;
      const s = await r.rig.connect("alice-resumed");
      await judged("a new stream for the resumption", async () => {
        await s.openWithFeatures();
        await s.negotiate({
          tls: r.rig.target.tls,
          auth: { username: r.aliceAccount.username, password: r.aliceAccount.password },
        });
      });
      r.tracker.watch(s, true);
      const answer = await judged("<resume/>", () => sendResume(s, r.smId, h));
      if (answer.name !== "resumed")
        throw new OracleFailure(
          "model",
          `a session cut moments ago was not resumed: ${answer.toString().slice(0, 200)}`,
        );
      if (readH(answer) !== m.aliceSent)
        throw new OracleFailure(
          "model",
          `alice sent ${m.aliceSent} stanzas; <resumed/> says h='${answer.attrs.h ?? ""}'`,
        );
      r.alice = s;
      const owed = m.msgs.slice(h);
      await receiveAll(s, owed, `after resuming with h='${h}'`);
      // the answer to <r/> comes after whatever the server re-sent (it handles our <r/> after <resume/>);
      // a nonza, so it proves nothing else came without adding to the stanzas the model counts
      const after = await judged("<r/> after the replay", () => requestAck(s));
      if (after !== m.aliceSent)
        throw new OracleFailure(
          "model",
          `alice sent ${m.aliceSent} stanzas; after resuming, <a/> says h='${after}'`,
        );
      const extra = s.inbox.filter((el) => el.name === "message" && m.msgs.includes(el.attrs.id ?? ""));
      if (extra.length > 0)
        throw new OracleFailure(
          "model",
          `after resuming with h='${h}' (owed ${owed.join(", ") || "nothing"}) these came again: ${extra.map((el) => el.attrs.id).join(", ")}`,
        );
      m.acked = h;
      m.handled = m.msgs.length;
    },
  });
}

export function smCommandOf(spec: SmCommandSpec): Cmd {
  switch (spec.op) {
    case "send":
      return sendCommand(spec);
    case "alice-sends":
      return aliceSendsCommand(spec);
    case "ack":
      return ackCommand(spec);
    case "request":
      return requestCommand(spec);
    case "cut-resume":
      return cutResumeCommand(spec);
  }
}

export function smSpecOf(c: fc.AsyncCommand<SmModel, SmReal, boolean>): SmCommandSpec {
  return commandSpec<SmCommandSpec>(c);
}
