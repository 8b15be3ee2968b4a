// Isolation: a case's sessions receive nothing from user accounts that are not part of the case. Every
// case has fresh accounts nobody else knows, so a stanza from another account of the target's domains
// reached them only because the server delivered it where it was not addressed (a presence leak, a
// misrouted message). Reading: fixtures/rfc/interpretations.tsv, I-oracle-isolation.
import { tryParseJid } from "../../jid.ts";
import { clip, type Element } from "../../xml/element.ts";
import type { OracleFinding } from "./finding.ts";
import type { SentStanza, StanzaLog } from "./stanza-log.ts";

/** What each kind of stanza from an outsider breaks. */
const BROKEN: Record<string, string> = {
  // RFC 6121 §11 / RFC 6120 §13.10.2: presence reaches only those authorised to see it
  presence: "RFC6121-11-2, RFC6121-11-3, RFC6120-13.10.2-1",
  // RFC 6120 §10.5.4, RFC 6121 §8.5: a stanza is delivered where its 'to' points, nowhere else
  message: "RFC6120-10.5.4-2, RFC6121-8.5.3.1-3",
  iq: "RFC6120-10.5.4-2, RFC6121-8.5.3.1-2",
};

export interface IsolationInput {
  log: StanzaLog;
  /** The accounts the case was given (username@domain). */
  accounts: readonly string[];
  /** The target's domains: only their user accounts can be outsiders. */
  domains: readonly string[];
  /**
   * Accounts of a pool (`--account`), leased to one case after another: a stanza from one of them may be
   * left over from an earlier case (offline storage), so it is a doubt (WARN), not a leak.
   */
  pooled?: readonly string[];
}

const bareOf = (jid: string | undefined) => (jid === undefined ? undefined : tryParseJid(jid)?.bare());

/** Bare JIDs a sent stanza involves: its addressee, and any 'jid' it carries (a roster item, say). */
function addressed(s: SentStanza): string[] {
  const out: string[] = [];
  const walk = (el: Element) => {
    if (el.attrs.jid) out.push(el.attrs.jid);
    for (const c of el.getChildElements()) walk(c);
  };
  if (s.el.attrs.to) out.push(s.el.attrs.to);
  walk(s.el);
  return out;
}

/** The case's own party: its accounts, whoever its sessions logged in as, and whoever it addressed. */
function party(input: IsolationInput): Set<string> {
  const own = new Set<string>();
  const add = (jid: string | undefined) => {
    const bare = bareOf(jid);
    if (bare) own.add(bare.toString());
  };
  for (const a of input.accounts) add(a);
  for (const s of input.log.sentStanzas()) {
    add(s.jid);
    for (const j of addressed(s)) add(j);
  }
  for (const r of input.log.arrivals) {
    add(r.session.jid?.toString());
    add(r.session.authenticatedAs);
  }
  return own;
}

/** An answer (an IQ result or error, an error stanza) to a stanza the case sent, whoever it names as sender. */
function answers(el: Element, sentIds: Set<string>): boolean {
  const type = el.attrs.type;
  const answer = type === "error" || (el.getName() === "iq" && type === "result");
  return answer && el.attrs.id !== undefined && sentIds.has(el.attrs.id);
}

/** One finding per (session, outsider): the first stanza shows it, the count says how many more came. */
export function isolationFindings(input: IsolationInput): OracleFinding[] {
  const domains = new Set(input.domains.map((d) => tryParseJid(d)?.domain ?? d));
  const pooled = new Set(input.pooled?.map((a) => bareOf(a)?.toString()));
  let own: Set<string> | undefined;
  let sentIds: Set<string> | undefined;
  const seen = new Map<string, { finding: OracleFinding; count: number }>();
  for (const { session, el } of input.log.arrivals) {
    const from = bareOf(el.attrs.from);
    if (!from || from.local === "" || !domains.has(from.domain)) continue;
    own ??= party(input);
    sentIds ??= new Set(input.log.sentStanzas().flatMap((s) => (s.el.attrs.id ? [s.el.attrs.id] : [])));
    const bare = from.toString();
    // an address the case wrote in another form (one the server maps) answers as that account
    if (own.has(bare) || answers(el, sentIds)) continue;
    const key = `${session.opts.label}\u0000${bare}`;
    const hit = seen.get(key);
    if (hit) {
      hit.count += 1;
      continue;
    }
    const kind = el.getName();
    const leftover = pooled.has(bare);
    const message = leftover
      ? `isolation: ${session.opts.label} received ${clip(el, 200)} from ${bare}, another account of the pool: perhaps left over from an earlier case (offline storage), perhaps a leak (${BROKEN[kind]})`
      : `isolation: ${session.opts.label} received ${clip(el, 200)} from ${bare}, an account that is not part of this case (${BROKEN[kind]})`;
    seen.set(key, { finding: { oracle: "isolation", grade: leftover ? "WARN" : "FAIL", message }, count: 1 });
  }
  return [...seen.values()].map(({ finding, count }) =>
    count > 1 ? { ...finding, message: `${finding.message}; ${count - 1} more from that account` } : finding,
  );
}
