// RFC 6121 §8.5 delivery matrix: every stanza kind x address form x recipient state of
// 8.5-delivery-table.ts is a case, e.g. rfc6121/8.5.2.1/msg-chat-bare-one. A sender (another account)
// sends one stanza; markers along the same path prove what each resource did or did not get, a
// barrier on the sender what came back, and for an account with no available resource a later
// presence session shows what was stored.

import { Violation } from "../../harness/errors.ts";
import { type MatchSpec, matches, stanzaError } from "../../harness/match.ts";
import {
  type CaseContext,
  type CaseSpec,
  type Client,
  clip,
  type Element,
  markerBarrier,
  NS,
  presence,
  section,
  sharePresence,
  uid,
  xml,
} from "../kit/index.ts";
import {
  ADDR_STATES,
  type Addr,
  KINDS,
  type Kind,
  type Res,
  type Rule,
  rule,
  STATES,
  type State,
  sectionOf,
} from "./8.5-delivery-table.ts";

const PAYLOAD_NS = "urn:xmppspec:delivery";

function build(kind: Kind, to: string, id: string): Element {
  const [name, type] = kind.split("-");
  const error = () => xml("error", { type: "cancel" }, xml("service-unavailable", { xmlns: NS.stanzas }));
  if (name === "msg")
    return xml(
      "message",
      { to, id, type },
      xml("body", {}, `delivery ${kind}`),
      type === "error" ? error() : null,
    );
  if (name === "pres") return xml("presence", { to, id, type: type === "available" ? undefined : type });
  const payload = type === "get" || type === "set" ? xml("query", { xmlns: PAYLOAD_NS }) : null;
  return xml("iq", { to, id, type }, payload, type === "error" ? error() : null);
}

/** The stanza as a resource would receive it: messages and IQs by id, presence by type and sender. */
function arrival(kind: Kind, id: string, sender: string): MatchSpec {
  const [name, type] = kind.split("-");
  if (name === "msg") return { name: "message", id };
  if (name === "iq") return { name: "iq", id };
  return { name: "presence", type: type === "available" ? "" : type, fromBare: sender };
}

/** What came back to the sender about this stanza (errors, IQ answers, presence from the account). */
function answers(kind: Kind, id: string, account: string, inbox: Element[]): Element[] {
  const name = kind.split("-")[0];
  const about: MatchSpec =
    name === "pres"
      ? { name: "presence", fromBare: account }
      : { name: name === "msg" ? "message" : "iq", id };
  return inbox.filter((el) => matches(el, about));
}

/** A miss of the rule: a MUST ends the case (FAIL); a SHOULD is recorded and the case goes on. */
type Miss = (message: string, should: boolean | undefined) => false;

function misses(ctx: CaseContext): Miss {
  return (message, should) => {
    if (!should) throw new Violation(message);
    return ctx.should(false, message) as false;
  };
}

/** Grade what came back; for stored-or-error without an error, a check of the account's next session. */
function checkReply(miss: Miss, r: Rule, kind: Kind, got: Element[], stored: () => Promise<boolean>) {
  const errors = got.filter((el) => el.attrs.type === "error");
  const others = got.filter((el) => el.attrs.type !== "error");
  const checkCond = (e: Element) => {
    const cond = stanzaError(e)?.condition;
    if (r.conds && !r.conds.includes(cond ?? ""))
      miss(
        `the error should be <${r.conds.join("/> or <")}/>, got <${cond ?? "none"}/>: ${clip(e)}`,
        r.condShould,
      );
  };
  switch (r.reply) {
    case "unchecked":
      return undefined;
    case "none":
      if (got.length > 0 && (kind.startsWith("msg") || kind.startsWith("iq") || errors.length > 0))
        miss(`the sender must get no answer, got ${clip(got[0])}`, r.replyShould);
      return undefined;
    case "none-or-unsubscribed": {
      const bad = got.find((el) => el.attrs.type !== "unsubscribed");
      if (bad) miss(`a stranger's probe may get nothing or 'unsubscribed', got ${clip(bad)}`, false);
      // §4.3.2: from the bare JID, since a full JID would leak presence
      const leaky = got.find((el) => (el.attrs.from ?? "").includes("/"));
      if (leaky) miss(`'unsubscribed' must come from the bare JID, got ${clip(leaky)}`, false);
      return undefined;
    }
    case "none-or-error":
      if (others.length > 0) miss(`the sender must get nothing or an error, got ${clip(others[0])}`, false);
      for (const e of errors) checkCond(e);
      return undefined;
    case "error":
      if (others.length > 0) return miss(`expected an error, got ${clip(others[0])}`, r.replyShould);
      if (errors.length === 0) return miss("the sender got no error", r.replyShould);
      checkCond(errors[0]);
      return undefined;
    case "stored-or-error":
      if (errors.length > 0) {
        checkCond(errors[0]);
        return "error";
      }
      return stored;
  }
}

/** One recipient resource of bob's, logged in as the cell's state says. */
function login(ctx: CaseContext, res: Res): Promise<Client> {
  if (res === "connected") return ctx.login("bob", "bound");
  return ctx.login("bob", { presence: res.priority === undefined ? true : { priority: res.priority } });
}

async function runCell(ctx: CaseContext, sender: Client, kind: Kind, addr: Addr, state: State, r: Rule) {
  const miss = misses(ctx);
  const specs = STATES[state] as Res[];
  const resources: Client[] = [];
  if (addr !== "missing") {
    const step = `log in bob's resources (${state})`;
    for (const spec of specs) resources.push(await ctx.setUp(step, () => login(ctx, spec)));
  }
  const account = addr === "missing" ? `nobody-${uid()}@${ctx.domain}` : ctx.account("bob").jid;
  const target = resources.at(-1);
  // the addressed resource shares presence with the sender (§8.5.3.1) by directed presence
  if (addr === "full-shared" && target)
    await ctx.setUp("bob's directed presence reaches the sender", () => sharePresence(target, sender));
  const to = {
    bare: account,
    full: target?.full ?? "",
    "full-shared": target?.full ?? "",
    unmatched: `${account}/nosuch-${uid().slice(0, 6)}`,
    missing: account,
  }[addr];
  const id = `dm-${uid()}`;
  await sender.send(build(kind, to, id));
  await sender.barrier();
  for (const res of resources) await markerBarrier(sender, res);
  // a probe may be answered by a resource's own session: a marker back from each bounds the answers
  if (kind === "pres-probe") for (const res of resources) await markerBarrier(res, sender);
  const matcher = arrival(kind, id, sender.account.jid);
  const got = resources.map((s) => s.inbox.find((el) => matches(el, matcher)));

  // who got it
  const isAvail = (i: number) => specs[i] !== "connected";
  const isNonNeg = (i: number) =>
    specs[i] !== "connected" && ((specs[i] as { priority?: number }).priority ?? 0) >= 0;
  const describe = (i: number) => {
    const s = specs[i];
    return s === "connected"
      ? "the connected non-available resource"
      : `the resource with priority ${s.priority ?? "(none)"}`;
  };
  resources.forEach((_, i) => {
    const want =
      r.deliver === "all-available"
        ? isAvail(i)
        : r.deliver === "all-nonneg"
          ? isNonNeg(i)
          : r.deliver === "target"
            ? i === resources.length - 1
            : r.deliver === "some-nonneg" || r.deliver === "any"
              ? undefined
              : false;
    if (want === true && !got[i]) miss(`${describe(i)} did not get the stanza`, r.deliverShould);
    if (r.deliver === "target" && i !== resources.length - 1) return; // siblings are not the rule's business
    const forbidden = want === false || (r.deliver === "some-nonneg" && !isNonNeg(i));
    const copy = got[i];
    if (forbidden && copy) miss(`${describe(i)} must not get the stanza, got ${clip(copy)}`, r.deliverShould);
  });
  if (r.deliver === "some-nonneg" && !resources.some((_, i) => isNonNeg(i) && got[i]))
    miss("no non-negative available resource got the message", false);
  if (r.toUnchanged)
    for (const el of got)
      if (el && el.attrs.to?.toLowerCase() !== account.toLowerCase())
        miss(`the 'to' of a stanza for the bare JID must stay '${account}', got '${el.attrs.to}'`, false);

  // what came back, and what the account sees once it is next available
  let laterInbox: Element[] | undefined;
  const later = async () => {
    if (laterInbox) return laterInbox;
    let s: Client;
    if (state === "connected") {
      // the connected resource becomes available; the marker below shows what it got by then
      s = resources[0];
      await s.send(presence());
      await s.barrier();
    } else s = await ctx.login("bob", { presence: true });
    await markerBarrier(sender, s);
    laterInbox = [...s.inbox];
    return laterInbox;
  };
  const needsLater = state === "none" || state === "connected";
  const reply = checkReply(miss, r, kind, answers(kind, id, account, sender.inbox), async () =>
    (await later()).some((el) => matches(el, matcher)),
  );
  if (typeof reply === "function" && needsLater && !(await reply()))
    miss(
      "the account got no error back and the stanza was not stored for the account's next presence session",
      r.replyShould,
    );
  if (r.later && needsLater && addr !== "missing") {
    const seen = (await later()).find((el) => matches(el, matcher));
    if (r.later === "must-get" && !seen)
      miss("the stanza was not kept for the account's next available resource", false);
    if (r.later !== "must-get" && seen)
      miss(`the stanza was stored and delivered later: ${clip(seen)}`, r.later === "should-not-get");
  }
}

function cases(): CaseSpec[] {
  const out: CaseSpec[] = [];
  for (const kind of KINDS)
    for (const addr of Object.keys(ADDR_STATES) as Addr[])
      for (const state of ADDR_STATES[addr]) {
        const r = rule(kind, addr, state);
        if (!r) continue;
        const where = addr === "missing" ? "missing-account" : `${addr}-${state}`;
        out.push({
          id: `rfc6121/${sectionOf(addr, state)}/${kind}-${where}`,
          title: `${kind} to ${addr === "missing" ? "an account that does not exist" : `the ${addr} JID, recipient ${state}`}: ${r.deliver}, reply ${r.reply}${r.later ? `, later ${r.later}` : ""}`,
          requirements: r.reqs,
          // bob, when there is one, logs in as the cell's state says
          users: addr === "missing" ? ["alice:available"] : ["alice:available", "bob:account"],
          run: (ctx, { alice }) => runCell(ctx, alice, kind, addr, state, r),
        });
      }
  return out;
}

export default section("rfc6121", "8.5", "Local User", cases(), { generated: true });
