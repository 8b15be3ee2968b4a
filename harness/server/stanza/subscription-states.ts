// RFC 6121 Appendix A: the nine subscription states and the eight processing tables, as data.
// Rows read "in this state, does the stanza pass (outbound: routed to the contact; inbound: delivered to
// the user), and which state follows (null: no state change)". They mirror
// fixtures/rfc/rfc6121-subscription-states.tsv, which the tests compare them against row by row.
import type { Element } from "../../xml/element.ts";
import type { Contact, Subscription } from "./roster-store.ts";

export const SUBSCRIPTION_STATES = [
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

export type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number];

export const SUBSCRIPTION_TYPES = ["subscribe", "unsubscribe", "subscribed", "unsubscribed"] as const;
export type SubscriptionType = (typeof SUBSCRIPTION_TYPES)[number];

export interface Row {
  pass: boolean;
  next: SubscriptionState | null;
}

type Table = Record<SubscriptionState, Row>;

const keep = (pass: boolean): Row => ({ pass, next: null });
const to = (next: SubscriptionState): Row => ({ pass: true, next });

/** A.2: outbound stanzas (user -> contact); `pass` = route to the contact. */
export const OUTBOUND: Record<SubscriptionType, Table> = {
  // A.2.1 (Table 2): always routed; "pending out" sets the 'ask' flag.
  subscribe: {
    None: to("None + Pending Out"),
    "None + Pending Out": keep(true),
    "None + Pending In": to("None + Pending Out+In"),
    "None + Pending Out+In": keep(true),
    To: keep(true),
    "To + Pending In": keep(true),
    From: to("From + Pending Out"),
    "From + Pending Out": keep(true),
    Both: keep(true),
  },
  // A.2.2 (Table 3): always routed.
  unsubscribe: {
    None: keep(true),
    "None + Pending Out": to("None"),
    "None + Pending In": keep(true),
    "None + Pending Out+In": to("None + Pending In"),
    To: to("None"),
    "To + Pending In": to("None + Pending In"),
    From: keep(true),
    "From + Pending Out": to("From"),
    Both: to("From"),
  },
  // A.2.3 (Table 4): routed only when it answers a pending request; None, None + Pending Out and To are
  // pre-approvals (§3.4), handled beside the table.
  subscribed: {
    None: keep(false),
    "None + Pending Out": keep(false),
    "None + Pending In": to("From"),
    "None + Pending Out+In": to("From + Pending Out"),
    To: keep(false),
    "To + Pending In": to("Both"),
    From: keep(false),
    "From + Pending Out": keep(false),
    Both: keep(false),
  },
  // A.2.4 (Table 5): SHOULD NOT route where there is nothing to deny or cancel.
  unsubscribed: {
    None: keep(false),
    "None + Pending Out": keep(false),
    "None + Pending In": to("None"),
    "None + Pending Out+In": to("None + Pending Out"),
    To: keep(false),
    "To + Pending In": to("To"),
    From: to("None"),
    "From + Pending Out": to("None + Pending Out"),
    Both: to("To"),
  },
};

/** A.3: inbound stanzas (contact -> user); `pass` = deliver to the user. */
export const INBOUND: Record<SubscriptionType, Table> = {
  // A.3.1 (Table 6)
  subscribe: {
    None: to("None + Pending In"),
    "None + Pending Out": to("None + Pending Out+In"),
    "None + Pending In": keep(false),
    "None + Pending Out+In": keep(false),
    To: to("To + Pending In"),
    "To + Pending In": keep(false),
    From: keep(false),
    "From + Pending Out": keep(false),
    Both: keep(false),
  },
  // A.3.2 (Table 7)
  unsubscribe: {
    None: keep(false),
    "None + Pending Out": keep(false),
    "None + Pending In": to("None"),
    "None + Pending Out+In": to("None + Pending Out"),
    To: keep(false),
    "To + Pending In": to("To"),
    From: to("None"),
    "From + Pending Out": to("None + Pending Out"),
    Both: to("To"),
  },
  // A.3.3 (Table 8)
  subscribed: {
    None: keep(false),
    "None + Pending Out": to("To"),
    "None + Pending In": keep(false),
    "None + Pending Out+In": to("To + Pending In"),
    To: keep(false),
    "To + Pending In": keep(false),
    From: keep(false),
    "From + Pending Out": to("Both"),
    Both: keep(false),
  },
  // A.3.4 (Table 9)
  unsubscribed: {
    None: keep(false),
    "None + Pending Out": to("None"),
    "None + Pending In": keep(false),
    "None + Pending Out+In": to("None + Pending In"),
    To: to("None"),
    "To + Pending In": to("None + Pending In"),
    From: keep(false),
    "From + Pending Out": to("From"),
    Both: to("From"),
  },
};

/** States in which an outbound "subscribed" is a pre-approval (RFC 6121 §3.4.2 rules 3 and 4). */
export const PRE_APPROVAL_STATES: readonly SubscriptionState[] = ["None", "None + Pending Out", "To"];

/** Where an inbound "subscribe" lands when the user pre-approved it (§3.4.2, A.3.1 footnote [1]). */
export const PRE_APPROVED_NEXT: Partial<Record<SubscriptionState, SubscriptionState>> = {
  None: "From",
  "None + Pending Out": "From + Pending Out",
  To: "Both",
};

interface Parts {
  subscription: Subscription;
  ask: boolean;
  pendingIn: boolean;
}

const PARTS: Record<SubscriptionState, Parts> = {
  None: { subscription: "none", ask: false, pendingIn: false },
  "None + Pending Out": { subscription: "none", ask: true, pendingIn: false },
  "None + Pending In": { subscription: "none", ask: false, pendingIn: true },
  "None + Pending Out+In": { subscription: "none", ask: true, pendingIn: true },
  To: { subscription: "to", ask: false, pendingIn: false },
  "To + Pending In": { subscription: "to", ask: false, pendingIn: true },
  From: { subscription: "from", ask: false, pendingIn: false },
  "From + Pending Out": { subscription: "from", ask: true, pendingIn: false },
  Both: { subscription: "both", ask: false, pendingIn: false },
};

/** The state of a contact record; no record is None (Appendix A.1 Implementation Note). */
export function stateOf(c: Contact | undefined): SubscriptionState {
  if (!c) return "None";
  const found = SUBSCRIPTION_STATES.find((s) => {
    const p = PARTS[s];
    return p.subscription === c.subscription && p.ask === c.ask && p.pendingIn === (c.pendingIn !== null);
  });
  if (!found) throw new Error(`impossible subscription state for ${c.jid}`);
  return found;
}

/**
 * Moves a record to `state`. `request` is the stored inbound subscribe when Pending In starts now; an
 * existing stored request is kept (RFC 6121 §3.1.3 rule 4: store one request per contact).
 */
export function applyState(c: Contact, state: SubscriptionState, request: Element | null): void {
  const p = PARTS[state];
  c.subscription = p.subscription;
  c.ask = p.ask;
  if (!p.pendingIn) c.pendingIn = null;
  else if (c.pendingIn === null) {
    if (!request) throw new Error("Pending In needs the stored request");
    c.pendingIn = request;
  }
}

/** Does the contact receive the user's presence (subscription from or both)? */
export function contactSubscribed(c: Contact | undefined): boolean {
  return c?.subscription === "from" || c?.subscription === "both";
}

/** Does the user receive the contact's presence (subscription to or both)? */
export function userSubscribed(c: Contact | undefined): boolean {
  return c?.subscription === "to" || c?.subscription === "both";
}
