// Small building blocks the suites share: stanza builders and RFC-derived assertions.
import { StreamClosed, Violation } from "../harness/errors.ts";
import { stanzaError, streamErrorCondition } from "../harness/match.ts";
import type { CaseContext } from "../harness/runner/context.ts";
import type { Session } from "../harness/session.ts";
import { type Element, NS, xml } from "../harness/xml/element.ts";

export { NS, xml };

/** Default error types of RFC 6120 §8.3.3 (the SHOULD of each condition). */
export const DEFAULT_ERROR_TYPE: Record<string, string[]> = {
  "bad-request": ["modify"],
  conflict: ["cancel"],
  "feature-not-implemented": ["cancel", "modify"],
  forbidden: ["auth"],
  gone: ["cancel"],
  "internal-server-error": ["cancel"],
  "item-not-found": ["cancel"],
  "jid-malformed": ["modify"],
  "not-acceptable": ["modify"],
  "not-allowed": ["cancel"],
  "not-authorized": ["auth"],
  "policy-violation": ["modify", "wait"],
  "recipient-unavailable": ["wait"],
  redirect: ["modify"],
  "registration-required": ["auth"],
  "remote-server-not-found": ["cancel"],
  "remote-server-timeout": ["wait"],
  "resource-constraint": ["wait"],
  "service-unavailable": ["cancel"],
  "subscription-required": ["auth"],
  "undefined-condition": ["auth", "cancel", "continue", "modify", "wait"],
  "unexpected-request": ["wait", "modify"],
};

const ERROR_TYPES = ["auth", "cancel", "continue", "modify", "wait"];

/**
 * Check an error reply as RFC 6120 §8.3 requires: type='error', the id of the request, an
 * <error/> with a legal type and exactly one defined condition, which must be one of `allowed`.
 * Returns the condition.
 */
export function assertStanzaError(reply: Element, allowed: string[], requestId?: string): string {
  if (reply.attrs.type !== "error") {
    throw new Violation(
      `expected an error (${allowed.join(" or ")}), got type='${reply.attrs.type ?? ""}': ${clip(reply)}`,
    );
  }
  if (requestId !== undefined && reply.attrs.id !== requestId) {
    throw new Violation(`the error carries id '${reply.attrs.id ?? ""}', not the request's '${requestId}'`);
  }
  const e = stanzaError(reply);
  if (!e) throw new Violation(`the error stanza has no <error/> child: ${clip(reply)}`);
  if (!e.type || !ERROR_TYPES.includes(e.type))
    throw new Violation(`the <error/> type '${e.type ?? ""}' is not a defined type`);
  if (e.conditions.length !== 1) {
    throw new Violation(
      `the <error/> must carry exactly one defined condition, found ${e.conditions.length}`,
    );
  }
  if (!allowed.includes(e.condition!)) {
    throw new Violation(`expected <${allowed.join("/> or <")}/>, got <${e.condition}/>`);
  }
  return e.condition!;
}

/** The error type a condition SHOULD carry (a WARN-level check, used by SHOULD cases). */
export function assertDefaultErrorType(reply: Element): void {
  const e = stanzaError(reply);
  const want = e?.condition ? DEFAULT_ERROR_TYPE[e.condition] : undefined;
  if (e && want && !want.includes(e.type ?? "")) {
    throw new Violation(`<${e.condition}/> should carry type '${want.join("' or '")}', got '${e.type}'`);
  }
}

/** Base64 of a UTF-8 string, as SASL payloads are sent (RFC 6120 §6.3.5). */
export const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

export function clip(el: Element | string, n = 300): string {
  const s = el.toString();
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

export function ping(to?: string, id?: string): Element {
  return xml("iq", { type: "get", to, id }, xml("ping", { xmlns: NS.ping }));
}

export function rosterGet(): Element {
  return xml("iq", { type: "get" }, xml("query", { xmlns: NS.roster }));
}

export function rosterSet(jid: string, attrs: Record<string, string> = {}, groups: string[] = []): Element {
  return xml(
    "iq",
    { type: "set" },
    xml(
      "query",
      { xmlns: NS.roster },
      xml("item", { jid, ...attrs }, ...groups.map((g) => xml("group", {}, g))),
    ),
  );
}

export function message(to: string, body: string, attrs: Record<string, string> = {}): Element {
  return xml("message", { to, type: "chat", ...attrs }, xml("body", {}, body));
}

/** The case's first two accounts logged in as interested (roster fetched), available resources. */
export async function twoOnline(ctx: CaseContext): Promise<[Session, Session]> {
  const [a, b] = ctx.accounts;
  return Promise.all([
    ctx.login(a, { roster: true, presence: true }),
    ctx.login(b, { roster: true, presence: true }),
  ]);
}

/**
 * Send bytes and expect the stream to be closed with a stream error (the MUST), whose condition
 * SHOULD be one of `should` (a mismatch there is a WARN-level Violation). A stanza answer instead
 * of a stream error fails at once rather than waiting for a timeout.
 */
export async function expectStreamErrorAfter(
  s: Session,
  bytes: string | Buffer,
  should: string[],
): Promise<string> {
  await s.send(bytes);
  return expectStreamErrorNext(s, should);
}

/** The next thing the target sends must be a stream error (see expectStreamErrorAfter). */
export async function expectStreamErrorNext(s: Session, should: string[]): Promise<string> {
  let first: Element | undefined;
  try {
    first = await s.expect(() => true);
  } catch (err) {
    if (!s.streamError)
      throw err instanceof StreamClosed
        ? new Violation("the target closed the connection without a stream error")
        : err;
  }
  if (!s.streamError) throw new Violation(`expected a stream error, got ${clip(first!)}`);
  const cond = streamErrorCondition(s.streamError);
  await s.expectClose();
  if (!cond || !should.includes(cond)) {
    throw new Violation(
      `the stream error should be <${should.join("/> or <")}/>, got <${cond ?? "none"}/>`,
      true,
    );
  }
  return cond;
}

/**
 * Prove that nothing sent earlier on `from`'s stream is still on its way to `to`: send a marker
 * message along the same path and wait for it (RFC 6120 §10.1 in-order delivery).
 */
export async function markerBarrier(from: Session, to: Session): Promise<void> {
  const id = `marker-${Math.random().toString(36).slice(2)}`;
  const got = to.expect({ name: "message", id });
  got.catch(() => {});
  await from.send(xml("message", { to: to.jid!.toString(), id, type: "chat" }, xml("body", {}, "marker")));
  await got;
}
