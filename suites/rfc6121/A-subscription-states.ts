// RFC 6121 Appendix A: bring a fresh user/contact pair into a row's state, send the row's stanza,
// and check the user's roster (pushes and roster get) and whether the stanza was routed/delivered.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { clip, markerBarrier, rosterGet, rosterSet, twoOnline } from "../helpers.ts";

const lc = (s: string | undefined) => (s ?? "").toLowerCase();
const bareOf = (s: string | undefined) => lc(s).split("/")[0];

/** A roster push (iq set with a roster item) about `jid`. */
export function isPushFor(jid: string) {
  return (el: Element) =>
    el.name === "iq" &&
    el.attrs.type === "set" &&
    !!el
      .getChild("query", NS.roster)
      ?.getChildren("item")
      .some((i) => lc(i.attrs.jid) === lc(jid));
}

function pushItem(push: Element, jid: string): Element {
  return push
    .getChild("query", NS.roster)!
    .getChildren("item")
    .find((i) => lc(i.attrs.jid) === lc(jid))!;
}

/** The roster item for `jid` from a roster get (undefined when there is none). */
export async function rosterItem(s: Session, jid: string): Promise<Element | undefined> {
  const r = await s.iqResult(rosterGet(), "roster get");
  return r
    .getChild("query", NS.roster)
    ?.getChildren("item")
    .find((i) => lc(i.attrs.jid) === lc(jid));
}

/** subscription/ask of an item as "sub" or "sub+ask" ('none' when the attribute is absent). */
function stateOf(item: Element | undefined): string {
  if (!item) return "absent";
  const sub = item.attrs.subscription ?? "none";
  return item.attrs.ask ? `${sub}+${item.attrs.ask}` : sub;
}

/** Drop everything received so far (after a barrier), so later expectations see only new stanzas. */
export async function drain(s: Session): Promise<void> {
  await s.barrier();
  s.inbox.splice(0);
}

/**
 * `user` subscribes to `contact`'s presence and `contact` approves (RFC 6121 §3.1): afterwards the
 * user has 'to' (or 'both') and the contact 'from' (or 'both'). Both sessions must be available
 * and interested (roster requested) so the pushes prove the state is settled.
 */
export async function subscribeTo(user: Session, contact: Session): Promise<void> {
  const userJid = user.jid!.bare().toString();
  const contactJid = contact.jid!.bare().toString();
  await user.send(xml("presence", { to: contactJid, type: "subscribe" }));
  await contact.expect((el) => el.name === "presence" && el.attrs.type === "subscribe");
  const userPush = user.expect(
    (el) =>
      isPushFor(contactJid)(el) && ["to", "both"].includes(pushItem(el, contactJid).attrs.subscription ?? ""),
  );
  const contactPush = contact.expect(
    (el) =>
      isPushFor(userJid)(el) && ["from", "both"].includes(pushItem(el, userJid).attrs.subscription ?? ""),
  );
  userPush.catch(() => {});
  contactPush.catch(() => {});
  await contact.send(xml("presence", { to: userJid, type: "subscribed" }));
  await Promise.all([userPush, contactPush]);
}

/** Wait for the user's next roster push about `jid` and check it shows `want` (e.g. "from"). */
async function expectPushState(s: Session, jid: string, want: string, row: string): Promise<void> {
  const push = await s.expect(isPushFor(jid));
  const got = stateOf(pushItem(push, jid));
  if (got !== want)
    throw new Violation(`${row}: the roster push shows '${got}', the resulting state is '${want}'`);
}

async function expectRosterState(s: Session, jid: string, want: string[], row: string): Promise<void> {
  const got = stateOf(await rosterItem(s, jid));
  if (!want.includes(got))
    throw new Violation(`${row}: the roster shows '${got}', expected '${want.join("' or '")}'`);
}

function fromContact(contactJid: string, type: string) {
  return (el: Element) =>
    el.name === "presence" && el.attrs.type === type && bareOf(el.attrs.from) === lc(contactJid);
}

export default section("rfc6121", "A", "Subscription States", [
  {
    id: "rfc6121/A.2.2/both-outbound-unsubscribe",
    title: "Both: an outbound 'unsubscribe' is routed and leaves the user in From",
    requirements: ["RFC6121-A.2.2-Both", "RFC6121-3.3.2-1"],
    accounts: 2,
    async run(ctx) {
      const [user, contact] = await twoOnline(ctx);
      const [u, c] = [user.jid!.bare().toString(), contact.jid!.bare().toString()];
      await subscribeTo(user, contact);
      await subscribeTo(contact, user);
      await expectRosterState(user, c, ["both"], "setup");
      await Promise.all([drain(user), drain(contact)]);
      await user.send(xml("presence", { to: c, type: "unsubscribe" }));
      await expectPushState(user, c, "from", "A.2.2 Both");
      await contact.expect(fromContact(u, "unsubscribe"));
      await expectRosterState(user, c, ["from"], "A.2.2 Both");
    },
  },
  {
    id: "rfc6121/A.2.4/from-outbound-unsubscribed",
    title: "From: an outbound 'unsubscribed' is routed and leaves the user in None",
    requirements: ["RFC6121-A.2.4-From", "RFC6121-3.2.2-7"],
    accounts: 2,
    async run(ctx) {
      const [user, contact] = await twoOnline(ctx);
      const [u, c] = [user.jid!.bare().toString(), contact.jid!.bare().toString()];
      await subscribeTo(contact, user);
      await expectRosterState(user, c, ["from"], "setup");
      await Promise.all([drain(user), drain(contact)]);
      await user.send(xml("presence", { to: c, type: "unsubscribed" }));
      await expectPushState(user, c, "none", "A.2.4 From");
      await contact.expect(fromContact(u, "unsubscribed"));
      await expectRosterState(user, c, ["none"], "A.2.4 From");
    },
  },
  {
    id: "rfc6121/A.3.2/both-inbound-unsubscribe",
    title: "Both: an inbound 'unsubscribe' is delivered and leaves the user in To",
    requirements: ["RFC6121-A.3.2-Both", "RFC6121-A.3.2-1"],
    accounts: 2,
    async run(ctx) {
      const [user, contact] = await twoOnline(ctx);
      const [u, c] = [user.jid!.bare().toString(), contact.jid!.bare().toString()];
      await subscribeTo(user, contact);
      await subscribeTo(contact, user);
      await expectRosterState(user, c, ["both"], "setup");
      await Promise.all([drain(user), drain(contact)]);
      await contact.send(xml("presence", { to: u, type: "unsubscribe" }));
      await user.expect(fromContact(c, "unsubscribe"));
      await expectPushState(user, c, "to", "A.3.2 Both");
      await expectRosterState(user, c, ["to"], "A.3.2 Both");
    },
  },
  {
    id: "rfc6121/A.3.3/none-inbound-subscribed-ignored",
    title: "None: an unsolicited inbound 'subscribed' changes nothing and is not delivered",
    requirements: ["RFC6121-A.3.3-None", "RFC6121-3.1.6-6", "RFC6121-A.3.3-1"],
    accounts: 2,
    async run(ctx) {
      const [user, contact] = await twoOnline(ctx);
      const [u, c] = [user.jid!.bare().toString(), contact.jid!.bare().toString()];
      // a roster item without any subscription: state None (A.1 row 1)
      await user.iqResult(rosterSet(c), "roster set");
      await expectRosterState(user, c, ["none"], "setup");
      await Promise.all([drain(user), drain(contact)]);
      await contact.send(xml("presence", { to: u, type: "subscribed" }));
      await markerBarrier(contact, user);
      const hit = user.inbox.find((el) => fromContact(c, "subscribed")(el) || isPushFor(c)(el));
      if (hit) throw new Violation(`A.3.3 None: the unsolicited 'subscribed' had an effect: ${clip(hit)}`);
      await expectRosterState(user, c, ["none"], "A.3.3 None");
    },
  },
  {
    id: "rfc6121/A.3.4/to-inbound-unsubscribed",
    title: "To: an inbound 'unsubscribed' is delivered and leaves the user in None",
    requirements: ["RFC6121-A.3.4-To", "RFC6121-3.2.3-1", "RFC6121-A.3.4-1"],
    accounts: 2,
    async run(ctx) {
      const [user, contact] = await twoOnline(ctx);
      const [u, c] = [user.jid!.bare().toString(), contact.jid!.bare().toString()];
      await subscribeTo(user, contact);
      await expectRosterState(user, c, ["to"], "setup");
      await Promise.all([drain(user), drain(contact)]);
      await contact.send(xml("presence", { to: u, type: "unsubscribed" }));
      await user.expect(fromContact(c, "unsubscribed"));
      await expectPushState(user, c, "none", "A.3.4 To");
      await expectRosterState(user, c, ["none"], "A.3.4 To");
    },
  },
]);
