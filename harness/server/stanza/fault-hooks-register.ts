// What the XEP-0077 faults (faults/xep0077.ts) do to registration after authentication (./register.ts):
// each hook is called at one place and, without its fault, leaves the rule-abiding answer alone.
import type { Element } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import { cloneElement } from "./util.ts";

/** registered-element-missing: the "already registered" answer loses <registered/> and the username. */
export function registeredDropped(ctx: StanzaContext, query: Element): Element {
  if (!ctx.fault("registered-element-missing")) return query;
  query.children = query.children.filter((c) => typeof c === "string" || c.name === "instructions");
  return query;
}

/** What a cancellation leaves behind under the cancel-keeps-* faults. */
export function cancelKeeps(ctx: StanzaContext): { account: boolean; sessions: boolean; roster: boolean } {
  return {
    account: ctx.fault("cancel-keeps-account"),
    sessions: ctx.fault("cancel-keeps-sessions"),
    roster: ctx.fault("cancel-keeps-roster"),
  };
}

/** password-change-ignored: the change is answered but not made. */
export function passwordChangeIgnored(ctx: StanzaContext): boolean {
  return ctx.fault("password-change-ignored");
}

/** password-empty-accepted: an empty <password/> becomes the password. */
export function emptyPasswordAccepted(ctx: StanzaContext): boolean {
  return ctx.fault("password-empty-accepted");
}

/** password-error-echoes-request: the refused request's <query/> goes back inside the error. */
export function echoedRequest(ctx: StanzaContext, error: Element, payload: Element): Element {
  if (ctx.fault("password-error-echoes-request")) error.children.unshift(cloneElement(payload));
  return error;
}
