// XEP-0280 message carbons: the per-session switch (§4 enable, §5 disable, §10.1 any number of times) and
// the copies the server makes in its message delivery path: <received/> copies of an inbound message for
// the account's other carbons-enabled resources (§7), <sent/> copies of an outbound one for the sender's
// (§8), each the original <message/> unchanged inside a XEP-0297 <forwarded/>, from the bare JID (§11).
import type { Jid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import { eligible, NS_CARBONS, NS_FORWARD } from "./carbons-eligible.ts";
import type { StanzaContext } from "./context.ts";
import {
  carbonAlsoToOrigin,
  carbonBent,
  carbonRecipients,
  carbonsSuppressed,
  eligibleByFault,
  enableAnswer,
  keepsEnabledOnDisable,
  rememberCarbon,
  remoteEnableAccepted,
} from "./fault-hooks-carbons.ts";
import type { IqCall } from "./iq.ts";
import { cloneElement } from "./util.ts";

/** Sessions with carbons enabled, and those that disabled them at least once (for the re-enable fault). */
const enabled = new WeakSet<BoundSession>();
const disabledOnce = new WeakSet<BoundSession>();

/** Ids of eligible messages by "to-bare\0from-bare\0id": an error answering one is eligible (§6.1). */
const eligibleIds = new Set<string>();
const ELIGIBLE_IDS_KEPT = 2000;

export function carbonsEnabled(session: BoundSession): boolean {
  return enabled.has(session);
}

/** The <enable/> and <disable/> IQ-sets (§4, §5): only a local client's own session can switch. */
export function handleCarbons(call: IqCall): void {
  const { session } = call;
  if (call.iq.attrs.type !== "set") {
    call.error("bad-request");
    return;
  }
  // §4.1, §5.1: a client that is not hosted here gets <not-allowed/>
  if (!session || call.scope !== "self") {
    if (remoteEnableAccepted(call.ctx)) call.result();
    else call.error("not-allowed");
    return;
  }
  const enable = call.payload.getName() === "enable";
  const wrong = enableAnswer(call.ctx, enable, enabled.has(session), disabledOnce.has(session));
  if (wrong) {
    call.error(wrong);
    return;
  }
  if (enable) enabled.add(session);
  else {
    disabledOnce.add(session);
    if (!keepsEnabledOnDisable(call.ctx)) enabled.delete(session);
  }
  call.result();
}

const bareKey = (to: string | undefined, from: string | undefined, id: string | undefined) =>
  `${to?.split("/")[0] ?? ""}\u0000${from?.split("/")[0] ?? ""}\u0000${id ?? ""}`;

/** Is the message eligible, `inbound` for the copied account? Eligible ids are remembered for their errors. */
function isEligible(ctx: StanzaContext, stanza: Element, inbound: boolean): boolean {
  const { to, from, id } = stanza.attrs;
  const answers = id !== undefined && eligibleIds.has(bareKey(from, to, id));
  const ok = eligibleByFault(ctx, stanza) ?? eligible(stanza, inbound, answers);
  if (ok && id !== undefined && stanza.attrs.type !== "error") {
    if (eligibleIds.size >= ELIGIBLE_IDS_KEPT) eligibleIds.clear();
    eligibleIds.add(bareKey(to, from, id));
  }
  return ok;
}

/** The wrapper for one resource: §7 / §8, the original as the client sees it, in jabber:client. */
function wrap(
  ctx: StanzaContext,
  kind: "received" | "sent",
  original: Element,
  account: Jid,
  to: BoundSession,
): Element {
  const inner = cloneElement(original);
  inner.attrs.xmlns = NS.client;
  const wrapper = xml(
    "message",
    {
      from: account.toString(),
      to: to.jid.toString(),
      type: original.attrs.type ?? "normal",
      id: ctx.newId("carbon"),
    },
    xml(kind, { xmlns: NS_CARBONS }, xml("forwarded", { xmlns: NS_FORWARD }, inner)),
  );
  rememberCarbon(wrapper, original);
  return carbonBent(ctx, wrapper, kind);
}

/** §7: after the original went to `delivered`, a <received/> copy for each other enabled resource. */
export function copyReceived(
  ctx: StanzaContext,
  account: Jid,
  delivered: readonly BoundSession[],
  original: Element,
): void {
  if (carbonsSuppressed(ctx, "received") || !isEligible(ctx, original, true)) return;
  const origin = carbonAlsoToOrigin(ctx, "received");
  for (const s of carbonRecipients(ctx, ctx.sessions(account), enabled)) {
    if (delivered.includes(s) && !origin) continue;
    ctx.send(s, wrap(ctx, "received", original, account, s));
  }
}

/** §8: a <sent/> copy of what `sender` sent for each other enabled resource of its account. */
export function copySent(ctx: StanzaContext, sender: BoundSession, original: Element): void {
  if (carbonsSuppressed(ctx, "sent") || !isEligible(ctx, original, false)) return;
  const account = sender.jid.bare();
  const origin = carbonAlsoToOrigin(ctx, "sent");
  for (const s of carbonRecipients(ctx, ctx.sessions(account), enabled)) {
    if (s === sender && !origin) continue;
    ctx.send(s, wrap(ctx, "sent", original, account, s));
  }
}
