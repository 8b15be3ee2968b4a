// One RFC 6121 Appendix A row as a case: reach the row's state, send its stanza, then check routing or
// delivery (the row's MUST / MUST NOT / SHOULD NOT) and the user's next state.

import { Violation } from "../../harness/errors.ts";
import { matches } from "../../harness/match.ts";
import {
  type CaseContext,
  type CaseSpec,
  type Client,
  clip,
  markerBarrier,
  presenceFrom,
  rosterItem,
  subscription,
} from "../kit/index.ts";
import { expectPush, probePendingIn, pushedStates, reach, shown, shownFor } from "./A-states.ts";
import { contactSideRow, partsOf, slug, type TableRow } from "./A-table.ts";

/** The RFC 6121 §3 requirements a row also exercises, beside the row itself and the A.3 prose. */
function section3(row: TableRow): string[] {
  const s = row.state;
  const changes = row.next !== s;
  const sub = (...states: string[]) => states.includes(s);
  if (row.outbound) {
    switch (row.type) {
      case "subscribe":
        return changes ? ["RFC6121-3.1.2-1", "RFC6121-3.1.2-9"] : ["RFC6121-3.1.2-1"];
      case "unsubscribe":
        return changes ? ["RFC6121-3.3.2-1", "RFC6121-3.3.2-5"] : ["RFC6121-3.3.2-1"];
      case "subscribed":
        if (row.pass) return ["RFC6121-3.1.5-1", "RFC6121-3.1.5-2", "RFC6121-3.4.2-3"];
        return row.preApproval ? ["RFC6121-3.4.2-5"] : ["RFC6121-3.4.2-2"];
      case "unsubscribed":
        return row.pass ? ["RFC6121-3.2.2-4", "RFC6121-3.2.2-7"] : ["RFC6121-3.2.2-2"];
    }
  }
  switch (row.type) {
    case "subscribe":
      return row.pass ? ["RFC6121-3.1.3-9"] : [];
    case "unsubscribe":
      if (!row.pass) return ["RFC6121-A.3.2-2", "RFC6121-3.3.3-5"];
      if (sub("None + Pending In")) return ["RFC6121-A.3.2-1", "RFC6121-3.3.3-6"];
      return sub("From", "From + Pending Out", "Both")
        ? ["RFC6121-A.3.2-1", "RFC6121-3.3.3-2"]
        : ["RFC6121-A.3.2-1"];
    case "subscribed":
      if (row.pass) return ["RFC6121-A.3.3-2", "RFC6121-3.1.6-2"];
      return [
        sub("To", "To + Pending In", "Both") ? "RFC6121-A.3.3-3" : "RFC6121-A.3.3-1",
        "RFC6121-3.1.6-6",
      ];
    case "unsubscribed":
      if (!row.pass) return ["RFC6121-A.3.4-2", "RFC6121-3.2.3-6"];
      return sub("To", "To + Pending In", "Both")
        ? ["RFC6121-A.3.4-1", "RFC6121-3.2.3-2"]
        : ["RFC6121-A.3.4-1"];
  }
}

/**
 * Inbound rows whose delivery the text around the tables leaves open, for the set-ups used here:
 * - 'unsubscribe' in None + Pending In: §3.3.3 says a server that keeps a request but never had the
 *   sender in the roster (no item, as every set-up here leaves it) "MUST simply remove any record" of it;
 * - 'subscribe' in None + Pending In, None + Pending Out+In, To + Pending In (the table's S.N.): §3.1.3
 *   rule 3 says a request from a contact without a subscription "MUST" go to all available resources.
 */
function deliveryOptional(inbound: TableRow): boolean {
  if (inbound.type === "unsubscribe") return inbound.state === "None + Pending In";
  if (inbound.type !== "subscribe" || inbound.pass) return false;
  const sub = partsOf(inbound.state).subscription;
  return sub === "none" || sub === "to";
}

/** Outbound: can the contact see the routed stanza? Only where its own (inbound) row delivers it. */
function routingVisible(row: TableRow): boolean {
  const other = contactSideRow(row);
  return other.pass && !deliveryOptional(other);
}

/**
 * Both accounts are on the target, so the stanza also meets the contact's own table row (the mirror
 * state). Outbound: a routed stanza is seen only when that row delivers it, so the case checks both rows.
 * Inbound: a stanza the contact's server does not route never reaches the user's row, and the case then
 * exercises both rows.
 */
function requirementsOf(row: TableRow): string[] {
  const other = contactSideRow(row);
  const ids = [row.id, ...section3(row)];
  // A.1: a roster item the user created stays while a request from the contact is pending (every
  // set-up but None + Pending In's has one)
  const keepsItem = row.state !== "None + Pending In" && row.next !== row.state;
  if (keepsItem && partsOf(row.next).pendingIn && partsOf(row.next).subscription === "none")
    ids.push("RFC6121-A.1-1");
  if (row.outbound ? row.pass && routingVisible(row) : !other.pass) ids.push(other.id);
  return ids;
}

function title(row: TableRow): string {
  const where = row.outbound ? "to the contact" : "to the user";
  const verb = row.outbound ? "routed" : "delivered";
  const action = row.pass ? `${verb} ${where}` : `not ${verb} (${row.keyword})`;
  const next = row.preApproval
    ? "a pre-approval"
    : row.next === row.state
      ? "no state change"
      : `'${row.next}'`;
  const who = row.outbound ? "outbound" : "inbound";
  return `${row.state}: an ${who} '${row.type}' is ${action}; ${next}`;
}

/**
 * (b) routing or delivery, as far as two accounts of one server can see it. A breach of a SHOULD NOT is
 * recorded and the case goes on, so the state checks (MUST) still run and a wrong state is reported.
 */
async function checkPassage(ctx: CaseContext, user: Client, contact: Client, row: TableRow): Promise<void> {
  const [from, to] = row.outbound ? [user, contact] : [contact, user];
  const verb = row.outbound ? "routed to the contact" : "delivered to the user";
  const arrived = presenceFrom(from.bare, row.type);
  // outbound: the contact's server may rightly hold back what the user's routes (its inbound row)
  const optional = !row.outbound && deliveryOptional(row);
  const visible = row.outbound ? routingVisible(row) : !optional;
  if (row.pass && visible) {
    await to.expect(arrived).catch(() => {
      const also = row.outbound
        ? ` (and ${contactSideRow(row).table} '${contactSideRow(row).state}' delivers it)`
        : "";
      throw new Violation(`${row.table} ${row.state}: the '${row.type}' was not ${verb}${also} (MUST)`);
    });
  } else if (!row.pass && !optional) {
    await markerBarrier(from, to);
    const hit = to.inbox.find((el) => matches(el, arrived));
    if (!hit) return;
    const breach = `${row.table} ${row.state}: the '${row.type}' was ${verb} (${row.keyword}): ${clip(hit)}`;
    if (row.keyword === "MUST NOT") throw new Violation(breach);
    ctx.should(false, breach);
  }
}

/** (a) and (c): the user's next state in pushes and in a roster get, then the hidden Pending In. */
async function checkState(user: Client, contact: Client, row: TableRow, hadItem: boolean): Promise<void> {
  const what = `${row.table} ${row.state} -> ${row.next}`;
  const want = shownFor(row.next);
  // a user who never added the contact may see None as no item at all (A.1), so also as a 'remove' push
  const absentOk = !hadItem && want === "none";
  if (want !== shownFor(row.state)) await expectPush(user, contact.bare, want, what);
  else {
    // no visible change: any push about the contact must still show the old state
    await user.barrier();
    const wrong = pushedStates(user, contact.bare).find(
      (st) => st !== want && !(absentOk && st === "remove"),
    );
    if (wrong)
      throw new Violation(`${what}: a roster push shows '${wrong}', the state should stay '${want}'`);
  }
  const got = shown(await rosterItem(user, contact.bare));
  if (got !== want && !(got === "absent" && absentOk))
    throw new Violation(`${what}: the roster shows '${got}', the state should show '${want}'`);
  await probePendingIn(user, contact, partsOf(row.next), what);
}

/** The case of one Appendix A row, e.g. rfc6121/A.2.1/none-plus-pending-out. */
export function rowCase(row: TableRow): CaseSpec {
  return {
    id: `rfc6121/${row.table}/${slug(row.state)}`,
    title: title(row),
    requirements: requirementsOf(row),
    users: ["user:online", "contact:online"],
    async run(ctx, { user, contact }) {
      const hadItem = await reach(user, contact, row.state);
      const [from, to] = row.outbound ? [user, contact] : [contact, user];
      await from.send(subscription(row.type, to.bare, { id: `row-${slug(row.state)}` }));
      await checkPassage(ctx, user, contact, row);
      await checkState(user, contact, row, hadItem);
    },
  };
}
