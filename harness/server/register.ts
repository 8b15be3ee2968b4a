// XEP-0077 in-band registration before authentication: the form (get) and account creation (set).
// Cancelling (<remove/>) and password changes after authentication belong to the stanza layer.
import { tryParseJid } from "../jid.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import {
  bentError,
  bentForm,
  disabledCondition,
  duplicateAccepted,
  missingFieldAccepted,
  registrationDropped,
  unauthenticatedCancel,
} from "./fault-hooks-xep0077.ts";
import type { FaultCheck } from "./faults/index.ts";
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

const NS_XDATA = "jabber:x:data";

/**
 * The fields the form asks for (XEP-0077 §3.1: username and password, nothing the schema lacks), and the
 * same as a data form (§4: a hidden FORM_TYPE, a field for each iq:register one) for clients that prefer it.
 */
export function registrationForm(): Element {
  const field = (v: string, type: string, label: string) =>
    xml("field", { var: v, type, label }, xml("required"));
  return xml(
    "query",
    { xmlns: NS.register },
    xml("instructions", {}, "Choose a username and password to register with this server."),
    xml("username"),
    xml("password"),
    xml(
      "x",
      { xmlns: NS_XDATA, type: "form" },
      xml("field", { var: "FORM_TYPE", type: "hidden" }, xml("value", {}, NS.register)),
      field("username", "text-single", "Username"),
      field("password", "text-private", "Password"),
    ),
  );
}

/** A submitted field: from the data form when one was sent (§6: it takes precedence), else the iq:register one. */
function submitted(query: Element, name: string): string {
  const form = query.getChild("x", NS_XDATA);
  if (!form) return query.getChildText(name) ?? "";
  const field = form.getChildren("field").find((f) => f.attrs.var === name);
  return field?.getChildText("value") ?? "";
}

/** XEP-0077 §3.1: a host without in-band registration answers <service-unavailable/>. */
export function registrationDisabled(req: Element, fault: FaultCheck): Element {
  return iqError(req, "cancel", disabledCondition(fault), "in-band registration is disabled");
}

/**
 * The reply to a pre-authentication jabber:iq:register IQ on a stream served as `domain`; `anyPassword`
 * (fault accept-weak-password) skips the strength check.
 */
export function handleRegister(
  req: Element,
  domain: string,
  accounts: AccountStore,
  fault: FaultCheck,
  anyPassword = false,
): Element {
  const query = req.getChild("query", NS.register);
  if (!query) return iqError(req, "modify", "bad-request");
  if (req.attrs.type === "get") return iqResult(req, bentForm(fault, registrationForm()));
  if (query.getChild("remove")) {
    const victim = unauthenticatedCancel(fault, query);
    if (victim !== undefined && accounts.remove(`${victim}@${domain}`)) return iqResult(req);
    // §3.2: the host identifies the entity by the stream's address, and there is none before authentication
    return iqError(req, "auth", "not-authorized", "authenticate before cancelling a registration");
  }
  const refuse = (type: string, condition: string, text: string) =>
    bentError(fault, iqError(req, type, condition, text));
  const username = submitted(query, "username");
  const password = submitted(query, "password");
  // XEP-0077 §3.1: a required field missing (an empty <password/> included) is <not-acceptable/>.
  if (username === "" && missingFieldAccepted(fault)) return iqResult(req);
  if (username === "" || (password === "" && !missingFieldAccepted(fault))) {
    return refuse("modify", "not-acceptable", "both username and password are required");
  }
  if ([...password].length < MIN_PASSWORD_CHARS && !anyPassword && password !== "") {
    return refuse("modify", "not-acceptable", `a password needs ${MIN_PASSWORD_CHARS} characters at least`);
  }
  const jid = tryParseJid(`${username}@${domain}`);
  if (!jid?.local || jid.resource !== "" || username.includes("@") || username.includes("/")) {
    return refuse("modify", "not-acceptable", "the username is not a valid localpart");
  }
  if (registrationDropped(fault)) return iqResult(req);
  if (!accounts.create(jid.toString(), password)) {
    if (duplicateAccepted(fault) && accounts.setPassword(jid.toString(), password)) return iqResult(req);
    return refuse("cancel", "conflict", "the username is taken");
  }
  return iqResult(req);
}
