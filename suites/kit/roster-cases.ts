// What the RFC 6121 §2 and §3 cases share beyond the kit's subscription set: malformed roster sets, a
// push matched by what its item says, a request that stops at the contact (pending, not yet answered),
// and the optional features (roster versioning, pre-approval) whose absence gives SKIP.
import { conditionsOf } from "../../harness/error-conditions.ts";
import type { MatchSpec } from "../../harness/match.ts";
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client, UserSpec } from "../../harness/runner/users.ts";
import type { Opened, Session } from "../../harness/session.ts";
import { presenceFrom } from "./matchers.ts";
import { itemsOf, lc, NS_PREAPPROVAL, NS_ROSTERVER, offersFeature, rosterItem, subOf } from "./roster.ts";
import { type Element, NS, subscription, xml } from "./stanzas.ts";

/** Where the RFC asks only for "a stanza error" (§2.1.5, §2.3.3), every defined condition is acceptable. */
export const ANY_STANZA_CONDITION = conditionsOf("stanza");

/** A roster set with exactly these children of <query/> (for the malformed ones of §2.1.5, §2.3.3). */
export function rosterQuerySet(...children: Element[]): Element {
  return xml("iq", { type: "set" }, xml("query", { xmlns: NS.roster }, ...children));
}

/** A roster push whose item for `jid` passes `test`; `what` names the test in a timeout's message. */
export function pushWhere(jid: string, what: string, test: (item: Element) => boolean): MatchSpec {
  return {
    name: "iq",
    type: "set",
    rosterItem: { jid },
    where: (el) => itemsOf(el).some((i) => lc(i.attrs.jid) === lc(jid) && test(i)),
    what,
  };
}

/** `user` asks `contact` for a subscription; returns the request once the contact has it (state Pending). */
export async function requestSubscription(user: Client, contact: Client): Promise<Element> {
  const request = contact.expect(presenceFrom(user.bare, "subscribe"));
  await user.send(subscription("subscribe", contact.bare));
  return request;
}

const OPTIONAL = {
  rosterver: { ns: NS_ROSTERVER, what: "roster versioning" },
  "pre-approval": { ns: NS_PREAPPROVAL, what: "pre-approval" },
};

/** Skip unless the target advertises the optional feature (RFC 6121 §2.6.1, §3.4). */
export function requireOptional(ctx: CaseContext, s: Opened, feature: keyof typeof OPTIONAL): void {
  const f = OPTIONAL[feature];
  ctx.require(offersFeature(s.features, f.ns), `the target does not advertise ${f.what}`);
}

/** Cases that need an optional feature of `who`'s server: each skips first when it is not advertised. */
export function needingOptional(
  feature: keyof typeof OPTIONAL,
  who: string,
  users: UserSpec[],
  cases: Omit<CaseSpec, "users">[],
): CaseSpec[] {
  return cases.map((c) => ({
    ...c,
    users,
    async run(ctx, u) {
      requireOptional(ctx, u[who], feature);
      await c.run(ctx, u);
    },
  }));
}

/** The subscription `s`'s roster shows for `jid` (a roster get; 'none' when there is no item). */
export async function rosterSubscription(s: Session, jid: string): Promise<string> {
  return subOf(await rosterItem(s, jid));
}
