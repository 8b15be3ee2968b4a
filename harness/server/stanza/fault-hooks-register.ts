// What the XEP-0077 faults (faults/xep0077.ts) do to registration after authentication (./register.ts):
// each hook is called at one place and, without its fault, leaves the rule-abiding answer alone.
import { type Element, NS } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import { cloneElement } from "./util.ts";

/**
 * registered-element-missing: the "already registered" answer loses <registered/> and the username;
 * registered-info-missing: it keeps only <registered/>.
 */
export function registeredDropped(ctx: StanzaContext, query: Element): Element {
  const kept = ctx.fault("registered-element-missing")
    ? ["instructions"]
    : ctx.fault("registered-info-missing")
      ? ["registered"]
      : undefined;
  if (kept) query.children = query.children.filter((c) => typeof c === "string" || kept.includes(c.name));
  return query;
}

/** remote-cancel-from-bare: a cancellation routed to another service carries the bare JID as 'from'. */
export function remoteCancelBent(ctx: StanzaContext, iq: Element): Element {
  const cancel = iq.getChild("query", NS.register)?.getChild("remove");
  if (cancel && ctx.fault("remote-cancel-from-bare") && iq.attrs.from)
    iq.attrs.from = iq.attrs.from.replace(/\/.*$/, "");
  return iq;
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
