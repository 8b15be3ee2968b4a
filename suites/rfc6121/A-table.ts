// RFC 6121 Appendix A as data, read from the shipped fixtures/rfc/rfc6121-subscription-states.tsv: the nine
// states, what each state shows in the roster, and the 72 rows of the eight processing tables.
import { fixture, readTsv } from "../../harness/fixtures/tsv.ts";

export const STATES = [
  "None",
  "None + Pending Out",
  "None + Pending In",
  "None + Pending Out+In",
  "To",
  "To + Pending In",
  "From",
  "From + Pending Out",
  "Both",
] as const;
export type State = (typeof STATES)[number];

/** What a state is made of (Appendix A.1): the roster's 'subscription' and 'ask', and the hidden Pending In. */
export interface Parts {
  subscription: "none" | "to" | "from" | "both";
  ask: boolean;
  pendingIn: boolean;
}

export function partsOf(state: State): Parts {
  const subscription = state.startsWith("Both")
    ? "both"
    : state.startsWith("To")
      ? "to"
      : state.startsWith("From")
        ? "from"
        : "none";
  return { subscription, ask: /Pending Out/.test(state), pendingIn: /Pending (Out\+)?In/.test(state) };
}

/** The state as the contact sees it: subscriptions and pending requests swap direction. */
export function mirror(state: State): State {
  const p = partsOf(state);
  const sub = { none: "none", to: "from", from: "to", both: "both" }[p.subscription];
  const found = STATES.find((s) => {
    const q = partsOf(s);
    return q.subscription === sub && q.ask === p.pendingIn && q.pendingIn === p.ask;
  });
  if (!found) throw new Error(`no mirror state for ${state}`);
  return found;
}

export type StanzaType = "subscribe" | "unsubscribe" | "subscribed" | "unsubscribed";

export interface TableRow {
  /** Requirement id of the row, e.g. RFC6121-A.2.1-None. */
  id: string;
  /** "A.2.1" ... "A.3.4". */
  table: string;
  outbound: boolean;
  type: StanzaType;
  state: State;
  /** Routed (outbound) or delivered (inbound)? */
  pass: boolean;
  /** MUST, MUST NOT or SHOULD NOT, as the table writes it. */
  keyword: string;
  /** The state after the row ("no state change" and pre-approval rows keep `state`). */
  next: State;
  /** A.2.3 rows where an outbound 'subscribed' is a pre-approval (RFC 6121 §3.4.2). */
  preApproval: boolean;
}

function asState(s: string): State {
  const st = STATES.find((x) => x === s);
  if (!st) throw new Error(`rfc6121-subscription-states.tsv: unknown state '${s}'`);
  return st;
}

function load(): TableRow[] {
  return readTsv(fixture("rfc/rfc6121-subscription-states.tsv")).map((row) => {
    const r = row.fields();
    const state = asState(r.existing_state);
    const preApproval = r.new_state === "pre-approval";
    return {
      id: r.id,
      table: r.section,
      outbound: r.direction === "outbound",
      type: r.stanza_type as StanzaType,
      state,
      pass: r.requirement === "MUST",
      keyword: r.requirement,
      next: r.new_state === "no state change" || preApproval ? state : asState(r.new_state),
      preApproval,
    };
  });
}

export const ROWS: readonly TableRow[] = load();

/** Does the row apply to the contact's side of the same stanza (its own table row)? */
export function contactSideRow(row: TableRow): TableRow {
  const found = ROWS.find(
    (r) => r.outbound !== row.outbound && r.type === row.type && r.state === mirror(row.state),
  );
  if (!found) throw new Error(`no contact-side row for ${row.id}`);
  return found;
}

/** "None + Pending Out+In" -> "none-plus-pending-out-in" (the case id's last part). */
export function slug(state: State): string {
  return state.toLowerCase().replace(/ \+ /g, "-plus-").replace(/\+/g, "-").replace(/ /g, "-");
}

/**
 * The interpretation (fixtures/rfc/interpretations.tsv) an inbound row rests on where §3.2.3 or §3.3.3
 * contradicts it: the table delivers an 'unsubscribed' that denies the user's pending request (A.3.4) and
 * an 'unsubscribe' that withdraws the contact's (A.3.2), where the text's check (subscription 'to'/'both',
 * or 'from'/'both') fails and it says "MUST silently ignore".
 */
export function contestedBy(row: TableRow): string | undefined {
  if (row.outbound || !row.pass) return undefined;
  const p = partsOf(row.state);
  if (row.type === "unsubscribed" && p.ask && p.subscription !== "to" && p.subscription !== "both")
    return "I-6121-deny-pending";
  if (row.type === "unsubscribe" && p.pendingIn && p.subscription !== "from" && p.subscription !== "both")
    return "I-6121-unsub-pending";
  return undefined;
}
