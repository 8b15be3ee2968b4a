// RFC 7622 address probes: put an address in a 'to' or a bind <resource/> and see how the server treats
// it. RFC 7622 §4: the server enforces the rules for the 'to' of stanzas and the <resource/> of binding,
// and rejects a violation with <jid-malformed/> (RFC 6120 §8.3.3.8). The families are tables: a row is
// an address and the treatment it must get.

import { conditionsOf } from "../../harness/error-conditions.ts";
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import type { Account } from "../../harness/runner/accounts.ts";
import type { CaseSpec } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import type { Session } from "../../harness/session.ts";
import { bindRequest } from "./binding.ts";
import { markerBarrier } from "./order.ts";
import { assertStanzaError } from "./stanza-errors.ts";
import { clip, type Element, NS, nextId, ping, uid, xml } from "./stanzas.ts";
import { type Row, tableCases } from "./tables.ts";

/** Answers to IQs for a domain the server cannot reach may wait on DNS: allow more than one answer time. */
const REMOTE_MS = 20_000;

/** ASCII to its fullwidth form (U+FF01..U+FF5E), which width mapping (RFC 8265 §3.3.1) maps back. */
export function fullwidth(s: string): string {
  return s.replace(/[\x21-\x7e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x21 + 0xff01));
}

/** A unique ASCII string of exactly `octets` octets: a random token padded with `fill`. */
export function ofOctets(octets: number, fill: string): string {
  const u = uid();
  return `${u}${fill.repeat(octets - u.length)}`;
}

/** Long addresses are shortened in messages (the transcript has them whole). */
export function clipAddr(s: string): string {
  return s.length > 80 ? `${s.slice(0, 40)}…(${Buffer.byteLength(s)} octets)…${s.slice(-20)}` : s;
}

/**
 * An IQ ping to `to`, which is not a JID, must be refused (RFC 7622 §4: the server MUST "reject stanzas ...
 * that violate the rules"); the error should name <jid-malformed/>, the condition RFC 6120 §8.3.3.8 defines
 * for it: §4 points to §8.3.3.8 for how to reject, and §8.3.3.8 words its use as a description, so another
 * condition is a WARN. A ping, because a server that processes the stanza anyway tends to answer it with a
 * result, which tells acceptance apart from a refusal under another condition. But `to` names nobody, so a
 * result may be the server's answer for any address nobody holds (rfc6120/10.5.3.1 grades that): the ping
 * to `twin`, a well-formed address of the same kind that nobody holds either, must be refused for the
 * result to show that only the address was let through; if it is answered too, nothing was exercised.
 */
export async function expectMalformed(
  ctx: CaseContext,
  s: Session,
  to: string,
  twin: string | null,
): Promise<void> {
  const iq = ping(to, nextId("addr"));
  const reply = await s.iq(iq, REMOTE_MS);
  // no twin: read without the rules, `to` names the server itself, so an answer shows it was taken for that
  if (reply.attrs.type !== "error" && twin !== null) {
    await ctx.setUp(`a ping to '${clipAddr(twin)}' (well-formed, nobody's) is refused`, async () => {
      const control = await s.iq(ping(twin, nextId("twin")), REMOTE_MS);
      if (control.attrs.type !== "error") throw new Violation(`it was answered: ${clip(control)}`);
    });
  }
  if (reply.attrs.type !== "error")
    throw new Violation(`'${clipAddr(to)}' is not a JID, yet the server answered the IQ: ${clip(reply)}`);
  const cond = assertStanzaError(reply, conditionsOf("stanza"), iq.attrs.id);
  if (cond !== "jid-malformed") ctx.reading("I-7622-jid-malformed");
  ctx.should(
    cond === "jid-malformed",
    `'${clipAddr(to)}' is not a JID: the error should be <jid-malformed/>, got <${cond}/>`,
  );
}

/**
 * Alice sends Bob's available account a chat message at `to`, not a JID but one a server that skips the
 * rules reads as Bob's (mapped, or with a resource that matches none, which RFC 6121 §8.5.3.2.1 has
 * delivered): Bob exists and is available, so the only reason to refuse it is the address. Delivered:
 * FAIL; refused: the error should be <jid-malformed/>; dropped without an error: WARN (§4 rejects "by
 * returning a <jid-malformed/> error").
 */
export async function expectRefusedForContact(
  ctx: CaseContext,
  alice: Session,
  bob: Client,
  to: string,
): Promise<void> {
  const { delivered, answer } = await chatToContact(alice, bob, to);
  if (delivered)
    throw new Violation(`'${clipAddr(to)}' is not a JID, yet the message to it reached ${bob.bare}`);
  if (answer?.attrs.type !== "error") {
    ctx.should(false, `'${clipAddr(to)}' is not a JID: the message was dropped without an error`);
    return;
  }
  const cond = assertStanzaError(answer, conditionsOf("stanza"), answer.attrs.id);
  ctx.should(
    cond === "jid-malformed",
    `'${clipAddr(to)}' is not a JID: the error should be <jid-malformed/>, got <${cond}/>`,
  );
}

/** Alice's chat message to `to`: did it reach Bob (a marker along the same path bounds it), and what came back. */
async function chatToContact(
  alice: Session,
  bob: Client,
  to: string,
): Promise<{ delivered: boolean; answer?: Element }> {
  const id = nextId("addr");
  await alice.send(xml("message", { to, id, type: "chat" }, xml("body", {}, "address probe")));
  await markerBarrier(alice, bob);
  if (bob.inbox.some((el) => el.name === "message" && el.attrs.id === id)) return { delivered: true };
  await alice.barrier();
  return { delivered: false, answer: alice.inbox.find((el) => el.attrs.id === id) };
}

/**
 * An IQ to `to`, a valid JID, must not be refused as malformed; any other answer (a result, or an error
 * such as <service-unavailable/> for an account that does not exist) is the server's to choose.
 */
export async function expectWellFormed(s: Session, to: string): Promise<Element> {
  const reply = await s.iq(ping(to), REMOTE_MS);
  if (stanzaError(reply)?.condition === "jid-malformed") {
    throw new Violation(`'${clipAddr(to)}' is a valid JID, yet the server answered <jid-malformed/>`);
  }
  return reply;
}

/** Alice sends a message to `to`; it must reach Bob (proved or disproved by a marker along the same path). */
export async function expectReaches(alice: Session, bob: Client, to: string): Promise<void> {
  const { delivered, answer: bounced } = await chatToContact(alice, bob, to);
  if (delivered) return;
  throw new Violation(
    `a message to '${clipAddr(to)}' (the same account as ${bob.bare}) did not reach it` +
      (bounced ? `; the server answered ${clip(bounced)}` : ""),
  );
}

/** Which arrives first: the IQ at Bob, or Alice's answer to it. */
async function iqRace(alice: Session, bob: Session, to: string): Promise<Element> {
  const iq = ping(to, nextId("addr"));
  const atBob = bob.expect({ name: "iq", id: iq.attrs.id });
  return Promise.race([atBob, alice.iq(iq)]);
}

/**
 * Alice sends an IQ to `to`, a full JID that names no bound resource of Bob's; it must not reach Bob (RFC 6121
 * §8.5.3.2.2 has the server answer it instead). Resolves once Alice has her answer.
 */
export async function expectNotReaches(alice: Session, bob: Session, to: string): Promise<void> {
  const first = await iqRace(alice, bob, to);
  if (first.attrs.type === "get")
    throw new Violation(`an IQ to '${clipAddr(to)}' was delivered to another resource`);
}

/** An IQ to `to` reaches Bob, who answers it. */
export async function expectIqReaches(alice: Session, bob: Session, to: string): Promise<void> {
  const first = await iqRace(alice, bob, to);
  if (first.attrs.type === "get") {
    await bob.send(xml("iq", { type: "result", id: first.attrs.id, to: first.attrs.from }));
    return;
  }
  throw new Violation(`an IQ to the bound resource '${clipAddr(to)}' did not reach it: ${clip(first)}`);
}

/** An address and the treatment RFC 7622 asks for it; one scenario per treatment. */
export interface AddressRow extends Row {
  /**
   * malformed: a ping to it gets an error, <jid-malformed/> (expectMalformed); for-contact: it reads as
   * Bob's address when the rules are skipped, and a message to it is refused (expectRefusedForContact);
   * well-formed: it is not refused as malformed; reaches: Alice's message to it reaches Bob (the address
   * is Bob's, mapped).
   */
  expect: "malformed" | "for-contact" | "well-formed" | "reaches";
  /** The address, built on `base` (Bob for "reaches" and "for-contact", else the prober's own account). */
  to: (base: AddressBase, domain: string) => string;
  /**
   * "malformed": a well-formed address of the same kind nobody holds (default a local account's), or null
   * where `to` read without the rules names the server itself (then an answer alone is the evidence).
   */
  twin?: ((base: AddressBase, domain: string) => string) | null;
}

interface AddressBase {
  account: Account;
  local: string;
  domain: string;
}

/** A user's account as provisioned, and the parts of the JID the server bound. */
function baseOf(c: Client): AddressBase {
  return { account: c.account, local: c.jid.local, domain: c.jid.domain };
}

/** The rows as cases: a prober logged in (and Bob online, for "reaches"). */
export function addressCases(rows: AddressRow[]): CaseSpec[] {
  const toBob = (row: AddressRow) => row.expect === "reaches" || row.expect === "for-contact";
  const withUsers = rows.map((row) => (toBob(row) ? { ...row, users: ["alice:online", "bob:online"] } : row));
  return tableCases(withUsers, {
    users: ["alice"],
    async run(row, ctx, users) {
      const alice = users.alice;
      // bob is there for the rows addressed to him only
      if (toBob(row)) {
        const to = row.to(baseOf(users.bob), ctx.domain);
        if (row.expect === "reaches") return expectReaches(alice, users.bob, to);
        return expectRefusedForContact(ctx, alice, users.bob, to);
      }
      const me = baseOf(alice);
      const to = row.to(me, ctx.domain);
      const twin = row.twin === null ? null : (row.twin?.(me, ctx.domain) ?? `nobody-${uid()}@${ctx.domain}`);
      if (row.expect === "malformed") await expectMalformed(ctx, alice, to, twin);
      else await expectWellFormed(alice, to);
    },
  });
}

/** The outcome of binding a requested resourcepart: the bound JID as the server wrote it, and its resourcepart. */
export type BindOutcome =
  | { kind: "bound"; jid: string; resource: string; session: Session }
  | { kind: "error"; reply: Element };

/**
 * Authenticates the account and binds `resource` (or asks the server for one); the raw <jid/> of the result,
 * not a prepared copy.
 */
export async function bindOutcome(
  ctx: CaseContext,
  account: Account,
  resource?: string,
): Promise<BindOutcome> {
  const s = await ctx.open({ label: account.username.slice(0, 8) });
  await s.negotiate({
    tls: ctx.target.tls,
    auth: { username: account.username, password: account.password },
  });
  const reply = await s.iq(bindRequest(resource));
  if (reply.attrs.type === "error") return { kind: "error", reply };
  const jid = reply.getChild("bind", NS.bind)?.getChildText("jid");
  if (!jid) throw new Violation("the bind result carries no <jid/>");
  const slash = jid.indexOf("/");
  if (slash < 0) throw new Violation(`the bound JID '${jid}' has no resourcepart`);
  return { kind: "bound", jid, resource: jid.slice(slash + 1), session: s };
}

/**
 * The server bound one of `accepted`, never one of `wrong`; skips when it bound a resource of its own
 * instead (RFC 6120 §7.7.2.1 allows that override). `refusalIsWarn`: the string only needs mapping, which
 * RFC 7622 §4 encourages (a SHOULD), so a refusal is a WARN.
 */
export function boundAsRequested(
  ctx: CaseContext,
  out: BindOutcome,
  accepted: string[],
  o: { wrong?: string[]; refusalIsWarn?: boolean } = {},
): void {
  if (out.kind === "error") {
    const refused = `the server refused to bind a resourcepart RFC 7622 allows: <${stanzaError(out.reply)?.condition ?? "?"}/>`;
    if (!o.refusalIsWarn) throw new Violation(refused);
    ctx.should(false, refused);
    return;
  }
  if (accepted.includes(out.resource)) return;
  if (o.wrong?.includes(out.resource)) {
    throw new Violation(`the server bound the resourcepart as '${clipAddr(out.resource)}'`);
  }
  ctx.skip(`the server bound a resourcepart of its own ('${clipAddr(out.resource)}'), which RFC 6120 allows`);
}
