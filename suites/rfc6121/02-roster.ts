// RFC 6121 §2: managing the roster — get, set, push, remove, errors.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { assertStanzaError, rosterGet, rosterSet } from "../helpers.ts";

function items(result: Element): Element[] {
  return result.getChild("query", NS.roster)?.getChildren("item") ?? [];
}

function isPushFor(jid: string) {
  return (el: Element) =>
    el.name === "iq" &&
    el.attrs.type === "set" &&
    !!el.getChild("query", NS.roster)?.getChildByAttr("jid", jid);
}

/** Acknowledge a roster push as RFC 6121 §2.1.6 asks of clients. */
async function ack(s: Session, push: Element): Promise<void> {
  await s.send(xml("iq", { type: "result", id: push.attrs.id }));
}

export default section("rfc6121", "2", "Managing the Roster", [
  {
    id: "rfc6121/2.1.4/empty-roster",
    title: "a new account's roster get returns a result with an empty <query/>",
    requirements: ["RFC6121-2.1.4-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const r = await s.iqResult(rosterGet(), "roster get");
      ctx.expect(r.getChild("query", NS.roster), "<query/> in the result").to.not.equal(undefined);
      ctx.expect(items(r), "items").to.have.length(0);
    },
  },
  {
    id: "rfc6121/2.3.2/add-item",
    title: "a roster set adds the item: result, a push to the sender, and the item in the next roster get",
    requirements: ["RFC6121-2.3.2-1", "RFC6121-2.3.2-2", "RFC6121-2.3.2-3", "RFC6121-2.1.6-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const contact = `contact-${Date.now()}@${ctx.domain}`;
      const push = s.expect(isPushFor(contact));
      push.catch(() => {});
      await s.iqResult(rosterSet(contact, { name: "Contact" }, ["Friends"]), "roster set");
      const p = await push;
      ctx.expect(p.getChild("query", NS.roster)!.getChildren("item"), "items in the push").to.have.length(1);
      await ack(s, p);
      const item = items(await s.iqResult(rosterGet(), "roster get")).find((i) => i.attrs.jid === contact);
      if (!item) throw new Violation("the added item is not in the roster");
      ctx.expect(item.attrs.name).to.equal("Contact");
      ctx.expect(item.getChildText("group")).to.equal("Friends");
      ctx.expect(item.attrs.subscription ?? "none").to.equal("none");
    },
  },
  {
    id: "rfc6121/2.2/push-to-all-interested",
    title: "a roster set from one resource is pushed to every interested resource of the account",
    requirements: ["RFC6121-2.2-2", "RFC6121-2.3.2-3"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const [s1, s2] = await Promise.all([ctx.login(a, { roster: true }), ctx.login(a, { roster: true })]);
      const contact = `pushed-${Date.now()}@${ctx.domain}`;
      const other = s2.expect(isPushFor(contact));
      other.catch(() => {});
      await s1.iqResult(rosterSet(contact), "roster set");
      await ack(s2, await other);
    },
  },
  {
    id: "rfc6121/2.5.2/remove-item",
    title: "subscription='remove' deletes the item and pushes the removal",
    requirements: ["RFC6121-2.5.2-1", "RFC6121-2.1.2.5-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const contact = `gone-${Date.now()}@${ctx.domain}`;
      await s.iqResult(rosterSet(contact), "roster set");
      const removal = s.expect(
        (el) =>
          isPushFor(contact)(el) && el.getChild("query")!.getChild("item")!.attrs.subscription === "remove",
      );
      removal.catch(() => {});
      await s.iqResult(rosterSet(contact, { subscription: "remove" }), "roster remove");
      await removal;
      const left = items(await s.iqResult(rosterGet(), "roster get")).filter((i) => i.attrs.jid === contact);
      ctx.expect(left, "items left").to.have.length(0);
    },
  },
  {
    id: "rfc6121/2.5.3/remove-unknown-item",
    title: "removing an item that is not in the roster gets <item-not-found/>",
    requirements: ["RFC6121-2.5.3-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(rosterSet(`never-${Date.now()}@${ctx.domain}`, { subscription: "remove" }));
      assertStanzaError(reply, ["item-not-found"]);
    },
  },
  {
    id: "rfc6121/2.3.3/two-items",
    title: "a roster set with two items gets <bad-request/>",
    requirements: ["RFC6121-2.1.5-1", "RFC6121-2.3.3-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(
        xml(
          "iq",
          { type: "set" },
          xml(
            "query",
            { xmlns: NS.roster },
            xml("item", { jid: `a@${ctx.domain}` }),
            xml("item", { jid: `b@${ctx.domain}` }),
          ),
        ),
      );
      assertStanzaError(reply, ["bad-request"]);
    },
  },
  {
    id: "rfc6121/2.3.3/other-users-roster",
    title: "a roster set addressed to another account gets <forbidden/> (or <service-unavailable/>)",
    requirements: ["RFC6121-2.1.5-3", "RFC6121-2.3.3-2"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const s = await ctx.login(a);
      const set = rosterSet(`intruder-${Date.now()}@${ctx.domain}`);
      set.attrs.to = b.jid;
      const reply = await s.iq(set);
      assertStanzaError(reply, ["forbidden", "service-unavailable", "not-allowed"]);
    },
  },
  {
    id: "rfc6121/2.1.5/subscription-attribute-ignored",
    title: "a roster set with subscription='both' does not grant a subscription",
    requirements: ["RFC6121-2.1.5-2"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0], { roster: true });
      const contact = `sneaky-${Date.now()}@${ctx.domain}`;
      await s.iqResult(rosterSet(contact, { subscription: "both" }), "roster set");
      const item = items(await s.iqResult(rosterGet(), "roster get")).find((i) => i.attrs.jid === contact);
      if (item) ctx.expect(item.attrs.subscription ?? "none", "subscription").to.equal("none");
    },
  },
]);
