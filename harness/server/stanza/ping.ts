// XMPP Ping (XEP-0199) answered by the server: for itself, for the sender's own account, and for another
// account's bare JID on its behalf (RFC 6121 §8.5.2.1.3), where only someone who shares the account's
// presence learns more than <service-unavailable/> (XEP-0199 §7: no presence leak).
import { tryParseJid } from "../../jid.ts";
import { pingRefusal, pingSetAnswered, remotePingDropped } from "./fault-hooks-ping.ts";
import type { IqCall } from "./iq.ts";
import { contactSubscribed } from "./subscription-states.ts";

export function handlePing(call: IqCall): void {
  const { ctx, iq } = call;
  if (remotePingDropped(ctx, call.session !== undefined)) return;
  // XEP-0199 defines <ping/> in an IQ get only; a set violates its syntax (RFC 6120 §8.3.3.1).
  if (iq.attrs.type !== "get" && !pingSetAnswered(ctx)) {
    call.error("bad-request");
    return;
  }
  if (call.scope === "other") {
    const account = tryParseJid(iq.attrs.to ?? "")?.bare();
    const sender = tryParseJid(iq.attrs.from ?? "")?.bare();
    const shares =
      !!account && !!sender && contactSubscribed(ctx.rosters.get(account.toString(), sender.toString()));
    if (shares) call.result();
    else call.error("service-unavailable");
    return;
  }
  const refusal = pingRefusal(ctx);
  if (refusal) {
    call.error(refusal);
    return;
  }
  call.result();
}
