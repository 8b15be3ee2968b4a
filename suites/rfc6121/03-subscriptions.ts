// RFC 6121 §3: presence subscriptions — request, approve, deny, stamping.
import { section } from "../../harness/runner/case.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { rosterGet, twoOnline } from "../helpers.ts";

function pushWith(jid: string, check: (item: Element) => boolean) {
  return (el: Element) => {
    const item =
      el.name === "iq" && el.attrs.type === "set"
        ? el.getChild("query", NS.roster)?.getChildByAttr("jid", jid)
        : undefined;
    return !!item && check(item);
  };
}

async function itemOf(s: Session, jid: string): Promise<Element | undefined> {
  const r = await s.iqResult(rosterGet(), "roster get");
  return r
    .getChild("query", NS.roster)
    ?.getChildren("item")
    .find((i) => i.attrs.jid === jid);
}

export default section("rfc6121", "3", "Managing Presence Subscriptions", [
  {
    id: "rfc6121/3.1.2/subscribe-pending-out",
    title: "an outbound subscribe gives the user a roster push with ask='subscribe'",
    requirements: ["RFC6121-3.1.2-9", "RFC6121-A.2.1-None"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const alice = await ctx.login(a, { roster: true, presence: true });
      const push = alice.expect(pushWith(b.jid, (i) => i.attrs.ask === "subscribe"));
      push.catch(() => {});
      await alice.send(xml("presence", { to: b.jid, type: "subscribe", id: "sub-1" }));
      await push;
    },
  },
  {
    id: "rfc6121/3.1.3/subscribe-delivered-bare-from",
    title: "the contact receives the subscription request stamped with the user's bare JID",
    requirements: ["RFC6121-3.1.2-7", "RFC6121-3.1.3-9", "RFC6121-A.3.1-None"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await alice.send(xml("presence", { to: b.jid, type: "subscribe" }));
      const req = await bob.expect({ name: "presence", type: "subscribe" });
      ctx.expect(req.attrs.from?.toLowerCase(), "'from' of the request").to.equal(a.jid.toLowerCase());
    },
  },
  {
    id: "rfc6121/3.1.5/approve",
    title:
      "approving a request: both rosters change (from / to) and the user gets 'subscribed' and the contact's presence",
    requirements: [
      "RFC6121-3.1.5-1",
      "RFC6121-3.1.5-2",
      "RFC6121-3.1.5-3",
      "RFC6121-3.1.6-2",
      "RFC6121-A.2.3-NonePPendingIn",
    ],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await alice.send(xml("presence", { to: b.jid, type: "subscribe" }));
      await bob.expect({ name: "presence", type: "subscribe" });
      const bobPush = bob.expect(pushWith(a.jid, (i) => i.attrs.subscription === "from"));
      const alicePush = alice.expect(pushWith(b.jid, (i) => i.attrs.subscription === "to"));
      const subscribed = alice.expect({ name: "presence", type: "subscribed" });
      const presence = alice.expect(
        (el) => el.name === "presence" && !el.attrs.type && el.attrs.from === bob.jid!.toString(),
      );
      for (const p of [bobPush, alicePush, subscribed, presence]) p.catch(() => {});
      await bob.send(xml("presence", { to: a.jid, type: "subscribed" }));
      await bobPush;
      const s = await subscribed;
      ctx.expect(s.attrs.from?.toLowerCase(), "'from' of 'subscribed'").to.equal(b.jid.toLowerCase());
      await alicePush;
      await presence;
      ctx.expect((await itemOf(alice, b.jid))?.attrs.subscription).to.equal("to");
    },
  },
  {
    id: "rfc6121/3.2/deny",
    title: "denying a request ('unsubscribed') reaches the user and leaves the subscription at none",
    requirements: ["RFC6121-A.2.4-NonePPendingIn", "RFC6121-A.3.4-NonePPendingOut"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await twoOnline(ctx);
      await alice.send(xml("presence", { to: b.jid, type: "subscribe" }));
      await bob.expect({ name: "presence", type: "subscribe" });
      const push = alice.expect(
        pushWith(b.jid, (i) => (i.attrs.subscription ?? "none") === "none" && !i.attrs.ask),
      );
      push.catch(() => {});
      await bob.send(xml("presence", { to: a.jid, type: "unsubscribed" }));
      await alice.expect({ name: "presence", type: "unsubscribed" });
      await push;
    },
  },
]);
