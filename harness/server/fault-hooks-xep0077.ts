// What the XEP-0077 faults (faults/xep0077.ts) do to in-band registration, before authentication
// (./register.ts) and after it (./stanza/register.ts), kept apart so the rule-abiding code stays readable:
// without its fault each hook leaves the answer as XEP-0077 says.
import { type Element, NS, xml } from "../xml/element.ts";
import type { FaultCheck, FaultName } from "./faults/index.ts";

/** The faults that turn in-band registration off (and answer the disabled path wrongly). */
const REGISTRATION_OFF: readonly FaultName[] = ["registration-off-not-allowed"];

/** Is registration off because a fault says so (on top of the server's own option)? */
export function registrationOffByFault(fault: FaultCheck): boolean {
  return REGISTRATION_OFF.some((f) => fault(f));
}

/** The condition a disabled registration answers: §3.1 says <service-unavailable/>. */
export function disabledCondition(fault: FaultCheck): string {
  return fault("registration-off-not-allowed") ? "not-allowed" : "service-unavailable";
}

/** The form a registration get before authentication returns, as the faults bend it. */
export function bentForm(fault: FaultCheck, form: Element): Element {
  if (fault("register-form-empty")) return xml("query", { xmlns: NS.register });
  if (fault("register-form-says-registered")) form.children.unshift(xml("registered"));
  if (fault("register-form-extra-field")) form.append(xml("captcha"));
  const data = form.getChild("x", "jabber:x:data");
  if (data && fault("register-xdata-no-form-type")) {
    const dropped = new Set(["FORM_TYPE", "username"]);
    data.children = data.children.filter((f) => typeof f === "string" || !dropped.has(f.attrs.var));
  }
  if (fault("register-form-oob"))
    form.append(xml("x", { xmlns: "jabber:x:oob" }, xml("url", {}, "https://localhost/register")));
  if (data && fault("register-xdata-extra-required"))
    data.append(xml("field", { var: "x-captcha", type: "text-single" }, xml("required")));
  return form;
}

/** register-missing-field-accepted: a missing or empty password is taken (as ""). */
export function missingFieldAccepted(fault: FaultCheck): boolean {
  return fault("register-missing-field-accepted");
}

/** registration-duplicate-accepted: a taken username gets the new password. */
export function duplicateAccepted(fault: FaultCheck): boolean {
  return fault("registration-duplicate-accepted");
}

/** register-error-code-only: the error keeps only a legacy code (XEP-0086), no defined condition. */
export function bentError(fault: FaultCheck, error: Element): Element {
  if (!fault("register-error-code-only")) return error;
  const e = error.getChild("error");
  if (e) {
    e.attrs.code = "406";
    e.children = [];
  }
  return error;
}

/** cancel-unauthenticated-accepted: the username a pre-authentication <remove/> names, to remove. */
export function unauthenticatedCancel(fault: FaultCheck, query: Element): string | undefined {
  if (!fault("cancel-unauthenticated-accepted")) return undefined;
  return query.getChildText("username") ?? undefined;
}

/** register-result-without-account: a complete registration is answered, and nothing stored. */
export function registrationDropped(fault: FaultCheck): boolean {
  return fault("register-result-without-account");
}
