// XEP-0077 in-band registration before authentication: the form (get) and account creation (set).
// Cancelling (<remove/>) and password changes after authentication belong to the stanza layer.
import { tryParseJid } from "../jid.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import { iqError, iqResult } from "./iq-reply.ts";
import type { AccountStore } from "./types.ts";

export function isRegisterRequest(el: Element): boolean {
  return (
    el.name === "iq" &&
    (el.attrs.type === "get" || el.attrs.type === "set") &&
    el.getChild("query", NS.register) !== undefined
  );
}

/**
 * RFC 6120 §13.9.4: servers "SHOULD enforce minimal criteria for password strength". Ours is the floor
 * NIST SP 800-63B §5.1.1.1 sets for a chosen secret: at least 8 characters.
 */
export const MIN_PASSWORD_CHARS = 8;

/**
 * The reply to a pre-authentication jabber:iq:register IQ on a stream served as `domain`; `anyPassword`
 * (fault accept-weak-password) skips the strength check.
 */
export function handleRegister(
  req: Element,
  domain: string,
  accounts: AccountStore,
  anyPassword = false,
): Element {
  const query = req.getChild("query", NS.register)!;
  if (req.attrs.type === "get") {
    return iqResult(
      req,
      xml(
        "query",
        { xmlns: NS.register },
        xml("instructions", {}, "Choose a username and password to register with this server."),
        xml("username"),
        xml("password"),
      ),
    );
  }
  if (query.getChild("remove")) {
    return iqError(req, "auth", "not-authorized", "authenticate before cancelling a registration");
  }
  const username = query.getChildText("username") ?? "";
  const password = query.getChildText("password") ?? "";
  // XEP-0077 §3.1: a required field missing is <not-acceptable/>.
  if (username === "" || password === "") {
    return iqError(req, "modify", "not-acceptable", "both username and password are required");
  }
  if ([...password].length < MIN_PASSWORD_CHARS && !anyPassword) {
    return iqError(
      req,
      "modify",
      "not-acceptable",
      `a password needs ${MIN_PASSWORD_CHARS} characters at least`,
    );
  }
  const jid = tryParseJid(`${username}@${domain}`);
  if (!jid?.local || jid.resource !== "" || username.includes("@") || username.includes("/")) {
    return iqError(req, "modify", "not-acceptable", "the username is not a valid localpart");
  }
  if (!accounts.create(jid.toString(), password)) {
    return iqError(req, "cancel", "conflict", "the username is taken");
  }
  return iqResult(req);
}
