// The commands of the archive level (XEP-0313 with XEP-0059 paging): bob sends alice messages, alice
// reads her archive a page at a time or walks it whole, and each answer is checked against the model,
// the list of messages in the order the server got them. Each command is plain data, so a finding can
// store the sequence and replay it.
import type fc from "fast-check";
import { type MamQuery, type MamResult, mamQueryIq, NS_MAM, readResult } from "../../mam.ts";
import type { Session } from "../../session.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { Rig } from "../rig.ts";
import { OracleFailure } from "../types.ts";

export type MamCommandSpec =
  | { op: "send"; count: number }
  /** A page of `max` after (forwards) or before (backwards) the message at `at` (a fraction of the archive; -1: none). */
  | { op: "page"; max: number; backwards: boolean; at: number }
  | { op: "walk"; max: number }
  /** A page after or before an id the archive never gave out: item-not-found (XEP-0313 §4.3.2). */
  | { op: "unknown-id"; backwards: boolean };

/** The messages alice's archive must hold, oldest first: their 'id' attributes. */
export interface MamModel {
  /** What the archive held before this run, oldest first (kept users: ./mam-parties.ts); none for new users. */
  prior: string[];
  /** What bob sent this run. */
  sent: string[];
}

/** The whole archive the model expects: what it held before the run, then the run's messages. */
const archiveOf = (m: MamModel) => [...m.prior, ...m.sent];

export interface MamReal {
  rig: Rig;
  alice: Session;
  bob: Session;
  /** The archive id of each message id, learnt from the archive. */
  archiveIds: Map<string, string>;
  tag: string;
  next: number;
  /** The archive id of the last message the archive held before this run (undefined: it was empty). */
  priorLast?: string;
}

type Cmd = fc.AsyncCommand<MamModel, MamReal, false>;

const bare = (s: Session) => s.jid?.bare().toString() ?? "";

export interface Page {
  results: MamResult[];
  complete: boolean;
}

/** One page of the archive, each message's body checked (XEP-0313 §3). */
export async function readArchive(s: Session, q: MamQuery): Promise<Page> {
  const iq = mamQueryIq(q);
  const queryid = iq.getChild("query", NS_MAM)?.attrs.queryid;
  const reply = await s.iq(iq);
  const fin = reply.getChild("fin", NS_MAM);
  if (reply.attrs.type !== "result" || !fin)
    throw new OracleFailure("model", `the archive query ${JSON.stringify(q)} got no result with <fin/>`);
  const results: MamResult[] = [];
  for (let i = 0; i < s.inbox.length; ) {
    const r = readResult(s.inbox[i]);
    if (r && r.queryid === queryid) {
      // the archived message is the one sent (XEP-0313 §3: the body MUST be kept)
      const body = r.message.getChild("body")?.getText();
      if (body !== `archived ${r.message.attrs.id ?? ""}`)
        throw new OracleFailure(
          "model",
          `the archived message '${r.message.attrs.id ?? ""}' came back with the body '${body ?? ""}'`,
        );
      results.push(r);
      s.inbox.splice(i, 1);
    } else i++;
  }
  return { results, complete: fin.attrs.complete === "true" };
}

const idsOf = (p: Page) => p.results.map((r) => r.message.attrs.id ?? "");
const show = (ids: string[]) =>
  ids.length > 6 ? `${ids.slice(0, 3).join(",")}…${ids.slice(-2).join(",")}` : ids.join(",");

/** Learns the archive ids of every message sent so far (one unpaged read of what this run added). */
async function learnIds(m: MamModel, r: MamReal): Promise<void> {
  if (m.sent.every((id) => r.archiveIds.has(id))) return;
  const all = await readArchive(r.alice, { max: 100, ...(r.priorLast ? { after: r.priorLast } : {}) });
  for (const x of all.results) r.archiveIds.set(x.message.attrs.id ?? "", x.id);
}

function withSpec(spec: MamCommandSpec, cmd: Cmd): Cmd {
  return Object.assign(cmd, { spec });
}

function sendCommand(spec: { op: "send"; count: number }): Cmd {
  return withSpec(spec, {
    check: (m) => m.sent.length + spec.count <= 60,
    async run(m, r) {
      const ids: string[] = [];
      for (let i = 0; i < spec.count; i++) {
        const id = `${r.tag}-${r.next++}`;
        ids.push(id);
        await r.bob.send(
          xml("message", { to: bare(r.alice), type: "chat", id }, xml("body", {}, `archived ${id}`)),
        );
      }
      const last = ids[ids.length - 1];
      await r.alice.expect((el: Element) => el.getName() === "message" && el.attrs.id === last);
      for (let i = r.alice.inbox.length - 1; i >= 0; i--)
        if (ids.includes(r.alice.inbox[i].attrs.id ?? "")) r.alice.inbox.splice(i, 1);
      m.sent.push(...ids);
    },
    toString: () => `send(${spec.count})`,
  });
}

function pageCommand(spec: { op: "page"; max: number; backwards: boolean; at: number }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(m, r) {
      await learnIds(m, r);
      const n = m.sent.length;
      // the anchor: one of the run's messages, or none (the first page, or with an empty <before/> the last)
      const k = spec.at < 0 || n === 0 ? -1 : Math.min(n - 1, Math.floor(spec.at * n));
      const anchor = k < 0 ? undefined : r.archiveIds.get(m.sent[k]);
      if (k >= 0 && anchor === undefined)
        throw new OracleFailure("model", `the message '${m.sent[k]}' is not in the archive`);
      const q = spec.backwards
        ? { max: spec.max, before: anchor ?? "" }
        : { max: spec.max, ...(anchor ? { after: anchor } : {}) };
      const page = await readArchive(r.alice, q);
      // positions in the whole archive, where the run's messages follow what it held before
      const all = archiveOf(m);
      const at = k < 0 ? -1 : m.prior.length + k;
      const [from, to] = spec.backwards
        ? [Math.max(0, (at < 0 ? all.length : at) - spec.max), at < 0 ? all.length : at]
        : [at + 1, Math.min(all.length, at + 1 + spec.max)];
      const want = all.slice(from, to);
      const got = idsOf(page);
      if (got.join() !== want.join())
        throw new OracleFailure(
          "model",
          `the page ${JSON.stringify(q)} held [${show(got)}], the model says [${show(want)}]`,
        );
      const last = spec.backwards ? from === 0 : to === all.length;
      if (page.complete !== last)
        throw new OracleFailure(
          "model",
          `the page ${JSON.stringify(q)} is ${page.complete ? "" : "not "}complete; it is ${last ? "" : "not "}the last`,
        );
    },
    toString: () => `page(max ${spec.max}, ${spec.backwards ? "before" : "after"} ${spec.at.toFixed(2)})`,
  });
}

function walkCommand(spec: { op: "walk"; max: number }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(m, r) {
      const got: string[] = [];
      const all = archiveOf(m);
      let after: string | undefined;
      for (let pages = 0; ; pages++) {
        if (pages > all.length + 2) throw new OracleFailure("model", `the walk by ${spec.max} does not end`);
        const page = await readArchive(r.alice, { max: spec.max, ...(after ? { after } : {}) });
        got.push(...idsOf(page));
        if (page.complete || page.results.length === 0) break;
        after = page.results[page.results.length - 1]?.id;
      }
      if (got.join() !== all.join())
        throw new OracleFailure(
          "model",
          `walking by ${spec.max} gave [${show(got)}], the archive is [${show(all)}]`,
        );
    },
    toString: () => `walk(${spec.max})`,
  });
}

function unknownIdCommand(spec: { op: "unknown-id"; backwards: boolean }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(_m, r) {
      const q = spec.backwards ? { before: "never-given-out" } : { after: "never-given-out" };
      const reply = await r.alice.iq(mamQueryIq({ max: 5, ...q }));
      const condition = reply.getChild("error")?.getChildElements()[0]?.getName();
      if (reply.attrs.type !== "error" || condition !== "item-not-found")
        throw new OracleFailure(
          "model",
          `a page ${JSON.stringify(q)} was answered ${reply.attrs.type ?? ""} ${condition ?? ""}, not item-not-found`,
        );
      for (let i = r.alice.inbox.length - 1; i >= 0; i--)
        if (readResult(r.alice.inbox[i])) r.alice.inbox.splice(i, 1);
    },
    toString: () => `unknown-id(${spec.backwards ? "before" : "after"})`,
  });
}

export function mamCommandOf(spec: MamCommandSpec): Cmd {
  switch (spec.op) {
    case "send":
      return sendCommand(spec);
    case "page":
      return pageCommand(spec);
    case "walk":
      return walkCommand(spec);
    case "unknown-id":
      return unknownIdCommand(spec);
  }
}

export function mamSpecOf(c: fc.AsyncCommand<MamModel, MamReal, boolean>): MamCommandSpec {
  const w = c as unknown as { spec?: MamCommandSpec; cmd?: { spec: MamCommandSpec } };
  return (w.spec ?? w.cmd?.spec) as MamCommandSpec;
}
