// XEP-0077 in-band registration as its own suite drives it: the form, submissions built from it, the
// "already registered" answer, password changes and cancellation, and whether an account still logs in.
import { SaslFailure, StreamClosed, Violation } from "../../harness/errors.ts";
import { type Account, account, freshName, freshPassword } from "../../harness/runner/accounts.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import type { Opened } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { clip } from "./stanzas.ts";

export const NS_XDATA = "jabber:x:data";
export const NS_OOB = "jabber:x:oob";

/** The elements XEP-0077's schema (§14) defines inside <query xmlns='jabber:iq:register'/>. */
export const REGISTER_SCHEMA = new Set(
  (
    "registered instructions username nick password name first last email address city state zip " +
    "phone url date misc text key remove"
  ).split(" "),
);

/** The flags of the schema that are not fields to fill in. */
const NOT_FIELDS = new Set(["registered", "instructions", "remove", "key"]);

/** A registration get (XEP-0077 §3.1), to the target's domain. */
export function registerGet(to?: string): Element {
  return xml("iq", { type: "get", ...(to ? { to } : {}) }, xml("query", { xmlns: NS.register }));
}

/** A registration set with these jabber:iq:register children (a `null` value is an empty element). */
export function registerSet(fields: Record<string, string | null>, to?: string): Element {
  const children = Object.entries(fields).map(([k, v]) => (v === null ? xml(k) : xml(k, {}, v)));
  return xml("iq", { type: "set", ...(to ? { to } : {}) }, xml("query", { xmlns: NS.register }, ...children));
}

/** §3.2: <remove/>, alone. */
export function cancelSet(...extra: Element[]): Element {
  return xml("iq", { type: "set" }, xml("query", { xmlns: NS.register }, ...extra, xml("remove")));
}

/** The <query/> of a registration result (an empty one when the result has none). */
export function queryOf(reply: Element): Element {
  return reply.getChild("query", NS.register) ?? xml("query", { xmlns: NS.register });
}

/** The jabber:iq:register fields a form asks for (instructions and flags aside). */
export function formFields(query: Element): string[] {
  return query
    .getChildElements()
    .filter((c) => c.getNS() === NS.register && !NOT_FIELDS.has(c.name))
    .map((c) => c.name);
}

/** The data form (XEP-0004) of a registration query, if any. */
export function dataForm(query: Element): Element | undefined {
  return query.getChild("x", NS_XDATA);
}

/** A stream before authentication, and the target's answer to a registration get on it. */
export async function formBeforeAuth(ctx: CaseContext): Promise<{ s: Opened; reply: Element }> {
  const s = await ctx.openSecured({ label: "register" });
  const reply = await s.iq(registerGet(ctx.domain));
  return { s, reply };
}

/**
 * The form a server that offers registration returns (set-up: an error or a redirect, §5, SKIPs): its
 * fields, and the stream it came on.
 */
export async function offeredForm(
  ctx: CaseContext,
): Promise<{ s: Opened; query: Element; fields: string[] }> {
  const { s, reply } = await ctx.setUp("ask for the registration form", () => formBeforeAuth(ctx));
  if (reply.attrs.type !== "result")
    ctx.skip(`the target answers a registration get with an error: ${clip(reply)}`);
  const query = queryOf(reply);
  const fields = formFields(query);
  if (!fields.includes("username") || !fields.includes("password"))
    ctx.skip(`the form asks for no username and password (a redirect or a data form only): ${clip(reply)}`);
  return { s, query, fields };
}

/** Values for every field the form lists: the account's username and password, plausible text elsewhere. */
export function filledFields(fields: string[], a: Account): Record<string, string> {
  const plausible: Record<string, string> = {
    email: `${a.username}@example.com`,
    url: "https://example.com/",
  };
  return Object.fromEntries(
    fields.map((f) => [
      f,
      f === "username" ? a.username : f === "password" ? a.password : (plausible[f] ?? "xmppspec"),
    ]),
  );
}

/** Register `a` on `s` with the form's `fields` filled; the answer. A result is the runner's to cancel. */
export async function submit(ctx: CaseContext, s: Opened, fields: string[], a: Account): Promise<Element> {
  const reply = await s.iq(registerSet(filledFields(fields, a), ctx.domain));
  if (reply.attrs.type === "result") ctx.registered.push(a);
  return reply;
}

/** A fresh account of the target's domain (not yet registered); its password is a secret of the transcript. */
export function freshAccount(ctx: CaseContext): Account {
  const password = freshPassword();
  ctx.transcript.secret(password);
  return account(freshName(), password, ctx.domain);
}

/**
 * Does `username` with `password` log in (SASL succeeds) on a new stream? A stream that breaks before SASL
 * answers says nothing either way, and gets one more try (jabberd2 2.7 hands a just-removed account's stale
 * routing error to the next new connection, as harness/runner/accounts.ts notes).
 */
export async function logsIn(ctx: CaseContext, username: string, password: string): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const s = await ctx.openSecured({ label: "login" });
    try {
      await s.authenticate({ username, password });
      return true;
    } catch (err) {
      if (err instanceof SaslFailure) return false;
      if (!(err instanceof StreamClosed) || attempt >= 2) throw err;
    } finally {
      await s.close().catch(() => {});
    }
  }
}

/** Fails unless `username`/`password` logs in, saying `what`. */
export async function assertLogsIn(ctx: CaseContext, username: string, password: string, what: string) {
  if (!(await logsIn(ctx, username, password))) throw new Violation(`${what}: the login is refused`);
}

/** Fails if `username`/`password` logs in, saying `what`. */
export async function assertRefused(ctx: CaseContext, username: string, password: string, what: string) {
  if (await logsIn(ctx, username, password)) throw new Violation(`${what}: the login succeeds`);
}

/**
 * §3.3: `client` changes its password to `password` (with its <username/>, as the XEP's example). A
 * refusal (§3.3-2: a deployment MAY disable in-band password changes) SKIPs.
 */
export async function changePassword(ctx: CaseContext, client: Client, password: string): Promise<void> {
  const reply = await client.iq(registerSet({ username: client.account.username, password }, ctx.domain));
  if (reply.attrs.type !== "result")
    ctx.skip(`the target refuses in-band password changes (XEP-0077 §3.3 allows it): ${clip(reply)}`);
  ctx.note("password changed");
}

/** §3.2: `client` cancels its registration; a refusal (not-allowed, forbidden: §3.2 allows them) SKIPs. */
export async function cancelRegistration(ctx: CaseContext, client: Client): Promise<void> {
  const reply = await client.iq(cancelSet()).catch((err) => {
    // the answer may be lost in the stream's end that follows it (§3.2: the server ends the sessions)
    if (client.streamEnded || client.closed) return undefined;
    throw err;
  });
  if (reply && reply.attrs.type !== "result")
    ctx.skip(`the target refuses in-band cancellation (XEP-0077 §3.2 allows it): ${clip(reply)}`);
}

/**
 * A logged-in account's registration get. <service-unavailable/> (no XEP-0077, §3.1) and <not-allowed/> (a
 * deployment that disables in-band registration management, §11 and the §3.2/§3.3 error tables) SKIP.
 */
export async function registeredAnswer(ctx: CaseContext, client: Client): Promise<Element> {
  const reply = await client.iq(registerGet());
  const refusal = reply.attrs.type === "error" ? reply.getChild("error") : undefined;
  for (const condition of ["service-unavailable", "not-allowed"])
    if (refusal?.getChild(condition, NS.stanzas))
      ctx.skip(
        `the target refuses a logged-in account's registration get with <${condition}/> (XEP-0077 §3.1, §11)`,
      );
  return reply;
}
