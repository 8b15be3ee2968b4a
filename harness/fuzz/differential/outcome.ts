// The normalised outcome of one fuzz case on one target: what any target may be compared on, with
// nothing that differs between servers by right (JIDs become roles, no ids, no timestamps, nothing a
// server adds of its own), and the oracle verdict on that target.
import type { Level as RequirementLevel } from "../../fixtures/catalogue.ts";
import { stanzaError } from "../../match.ts";
import { childDiff } from "../../xml/canonical.ts";
import type { Element } from "../../xml/element.ts";
import type { Effects, SentCase } from "../effects.ts";
import { FUZZ_NS } from "../levels/stanza.ts";

/** What became of one sent stanza. Absent fields do not apply to it (an IQ is not delivered to anyone's inbox, say). */
export interface StanzaOutcome {
  /** The stanza, by kind and type: `iq get`, `message chat`, `presence (no type)`. */
  stanza: string;
  /** An IQ request: `result`, `error <condition>/<type>`, `none`, or `2 replies`. */
  reply?: string;
  /** A message or presence bounced to the sender: `error <condition>/<type>` or `none`. */
  bounce?: string;
  /** Copies delivered, per role (alice is the sender, bob the peer, eve the bystander). */
  delivered?: { alice: number; bob: number; eve: number };
  /** What the delivered copies carried, by the fidelity check of RFC 6120 §8.4 (children kept). */
  payload?: "unchanged" | "altered";
}

/** The oracle verdict on a target: pass, or the oracle it broke and the requirement. */
export type Verdict =
  | { pass: true }
  | { pass: false; oracle: string; level: RequirementLevel; requirement: string; message: string };

export interface Outcome {
  verdict: Verdict;
  /**
   * The XML level's stream: `open`, `open, its ping after the input unanswered`, `closed <condition>`,
   * or `closed without stream error`.
   */
  stream?: string;
  /** The stanza and address levels: per case of the batch, per stanza it sent. */
  cases?: StanzaOutcome[][];
}

const ROLES = ["alice", "bob", "eve"] as const;

function tagOf(el: Element): { id?: string; n?: string } {
  return { id: el.attrs.id, n: el.getChild("fz", FUZZ_NS)?.attrs.n };
}

/** The received element stems from this sent one: same kind, and its id or its fuzz tag. */
function stemsFrom(got: Element, sent: Element, tag: string): boolean {
  if (got.name !== sent.name) return false;
  const t = tagOf(got);
  if (sent.attrs.id !== undefined && t.id === sent.attrs.id) return true;
  return t.n === tag && tagOf(sent).n === tag;
}

export function errorOf(el: Element): string {
  const e = stanzaError(el);
  return `error ${e?.conditions.join("+") || "(no condition)"}/${e?.type ?? "(no type)"}`;
}

const isResponse = (el: Element) => el.attrs.type === "result" || el.attrs.type === "error";
const isRequest = (el: Element) =>
  el.name === "iq" && el.attrs.id !== undefined && (el.attrs.type === "get" || el.attrs.type === "set");

function stanzaOutcome(sent: Element, tag: string, e: Effects): StanzaOutcome {
  const out: StanzaOutcome = { stanza: `${sent.name} ${sent.attrs.type ?? "(no type)"}` };
  const toAlice = e.alice.filter((el) => stemsFrom(el, sent, tag));
  if (isRequest(sent)) {
    const replies = toAlice.filter(isResponse);
    out.reply =
      replies.length === 0
        ? "none"
        : replies.length > 1
          ? `${replies.length} replies`
          : replies[0].attrs.type === "result"
            ? "result"
            : errorOf(replies[0]);
  } else if (sent.name !== "iq" && sent.attrs.type !== "error") {
    const bounces = toAlice.filter((el) => el.attrs.type === "error");
    out.bounce = bounces.length ? errorOf(bounces[0]) : "none";
  }
  // an IQ without an id cannot be told from another one: only what it caused at all is kept
  if (sent.name === "iq" && sent.attrs.id === undefined) return out;
  const copies = {
    alice: toAlice.filter((el) => el.attrs.type === sent.attrs.type),
    bob: e.bob.filter((el) => stemsFrom(el, sent, tag)),
    eve: e.eve.filter((el) => stemsFrom(el, sent, tag)),
  };
  out.delivered = { alice: copies.alice.length, bob: copies.bob.length, eve: copies.eve.length };
  const all = ROLES.flatMap((r) => copies[r]);
  if (all.length)
    out.payload = all.every((got) => !childDiff(sent, got).missing.length) ? "unchanged" : "altered";
  return out;
}

const REMOTE_FAILURE = /^error remote-server-(not-found|timeout)\//;
const ASYNC = "none, or a remote-server error later (asynchronous)";

/**
 * RFC 6120 §10.4.3: when routing to a remote domain fails, the error comes once the attempt has failed,
 * unordered with the sender's own traffic, so within the case's sync it may or may not be there yet.
 * A case whose IQ to an address got a remote-server error records its message's bounce as either.
 */
function asyncBounces(outcomes: StanzaOutcome[]): StanzaOutcome[] {
  if (!outcomes.some((o) => REMOTE_FAILURE.test(o.reply ?? ""))) return outcomes;
  return outcomes.map((o) =>
    o.bounce === "none" || REMOTE_FAILURE.test(o.bounce ?? "") ? { ...o, bounce: ASYNC } : o,
  );
}

/** Per case, per stanza sent: what became of it. */
export function stanzaOutcomes(e: Effects): StanzaOutcome[][] {
  return e.cases.map((c: SentCase) => asyncBounces(c.sent.map((el) => stanzaOutcome(el, c.tag, e))));
}
