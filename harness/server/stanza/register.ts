// In-band registration after authentication (XEP-0077 §3.2 cancellation, §3.3 password change, and the
// "already registered" answer to a get). Registration before authentication is the connection layer's.
import { NS, xml } from "../../xml/element.ts";
import { MIN_PASSWORD_CHARS } from "../register.ts";
import {
  cancelKeeps,
  echoedRequest,
  emptyPasswordAccepted,
  passwordChangeIgnored,
  registeredDropped,
} from "./fault-hooks-register.ts";
import type { IqCall } from "./iq.ts";
import { removeAccountState } from "./roster.ts";
import { childElements } from "./util.ts";

export function handleRegister(call: IqCall): void {
  const { ctx, iq, payload, session } = call;
  // Only a logged-in account manages its own registration.
  if (!session || call.scope === "other") {
    call.error("service-unavailable");
    return;
  }
  const account = session.jid.bare();
  if (iq.attrs.type === "get") {
    // §3.1: <registered/>, what is on file (the username; never the password), and instructions
    const query = xml(
      "query",
      { xmlns: NS.register },
      xml("registered"),
      xml(
        "instructions",
        {},
        "You are registered: send <remove/> to cancel, a new <password/> to change it.",
      ),
      xml("username", {}, account.local),
    );
    call.result(registeredDropped(ctx, query));
    return;
  }
  const fields = childElements(payload);
  if (fields.some((f) => f.getName() === "remove")) {
    // §3.2 error table: <remove/> must be the only child
    if (fields.length > 1) {
      call.error("bad-request", "<remove/> must be the only child of <query/>");
      return;
    }
    const keeps = cancelKeeps(ctx);
    if (keeps.account) {
      call.result();
      return;
    }
    // §3.2: remove the account, answer, then end every session of it (with not-authorized, as the
    // account no longer exists); its contacts are unsubscribed like a roster removal.
    if (!ctx.host.accounts.remove(account.toString())) {
      call.error("item-not-found");
      return;
    }
    call.result();
    if (!keeps.roster) removeAccountState(ctx, account);
    if (!keeps.sessions)
      for (const s of ctx.sessions(account)) s.streamError("not-authorized", "account removed");
    return;
  }
  // §3.3: password change: <username/> (if given) must be the account's; an empty <password/> keeps the
  // old one (MUST); a weak one is refused as at registration (RFC 6120 §13.9.4).
  const username = payload.getChildText("username");
  const password = payload.getChildText("password") ?? "";
  // §3.3: the error does not carry the request (and the password in it) back
  const refuse = (condition: "bad-request" | "not-acceptable", text: string) => {
    const error = ctx.error(iq, condition, { text });
    error.children = error.children.filter((c) => typeof c === "string" || c.getName() !== "query");
    call.reply(echoedRequest(ctx, error, payload));
  };
  if (password === "" && emptyPasswordAccepted(ctx)) {
    ctx.host.accounts.setPassword(account.toString(), "");
    call.result();
    return;
  }
  if (password === "" || (username !== null && username !== account.local)) {
    refuse("bad-request", "a password change names this account and a non-empty password");
    return;
  }
  if ([...password].length < MIN_PASSWORD_CHARS) {
    refuse("not-acceptable", `a password needs ${MIN_PASSWORD_CHARS} characters at least`);
    return;
  }
  if (!passwordChangeIgnored(ctx)) ctx.host.accounts.setPassword(account.toString(), password);
  call.result();
}
