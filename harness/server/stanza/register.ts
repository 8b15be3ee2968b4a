// In-band registration after authentication (XEP-0077 §3.2 cancellation, §3.3 password change, and the
// "already registered" answer to a get). Registration before authentication is the connection layer's.
import { NS, xml } from "../../xml/element.ts";
import type { IqCall } from "./iq.ts";
import { removeAccountState } from "./roster.ts";
import { childElements } from "./util.ts";

export function handleRegister(call: IqCall): void {
  const { ctx, iq, payload, session } = call;
  // Only a logged-in account manages its own registration.
  if (!session) {
    call.error("service-unavailable");
    return;
  }
  const account = session.jid.bare();
  if (iq.attrs.type === "get") {
    call.result(xml("query", { xmlns: NS.register }, xml("registered"), xml("username", {}, account.local)));
    return;
  }
  const fields = childElements(payload);
  if (fields.some((f) => f.getName() === "remove")) {
    // §3.2: remove the account, answer, then end every session of it (with not-authorized, as the
    // account no longer exists); its contacts are unsubscribed like a roster removal.
    if (!ctx.host.accounts.remove(account.toString())) {
      call.error("item-not-found");
      return;
    }
    call.result();
    removeAccountState(ctx, account);
    for (const s of ctx.sessions(account)) s.streamError("not-authorized", "account removed");
    return;
  }
  // §3.3: password change: <username/> (if given) must be the account's, <password/> must not be empty.
  const username = payload.getChildText("username");
  const password = payload.getChildText("password");
  if (!password || (username !== null && username !== account.local)) {
    call.error("bad-request");
    return;
  }
  ctx.host.accounts.setPassword(account.toString(), password);
  call.result();
}
