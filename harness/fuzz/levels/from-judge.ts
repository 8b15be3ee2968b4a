// A chat message to bob with a 'from' the client set (RFC 6120 §8.1.2.1): the server stamps the
// sender's full JID over it and delivers it, or ends the stream with <invalid-from/> (§4.9.3.9; the
// case then never gets here). A 'from' that is no JID at all may also be refused: with <jid-malformed/>
// (§8.3.3.8: any entity that detects a malformed JID MAY return it) or <bad-request/> (§8.3.3.1: a stanza
// that "cannot be processed"; the RFC names no MUST between the two). Such a refusal delivers nothing
// under a 'from' the server did not stamp, which is what §8.1.2.1 guards. Anything else breaks §8.1.2.1.
// At the stanza level, a stream a spoofed 'from' ended must end with <invalid-from/>.
import { tryParseJid } from "../../jid.ts";
import { stanzaError, streamErrorCondition } from "../../match.ts";
import type { Session } from "../../session.ts";
import type { Element } from "../../xml/element.ts";
import { stanzaClass } from "../classes/stanza.ts";
import { clip } from "../oracles.ts";
import { OracleFailure } from "../types.ts";
import { isSpoofed } from "./from-roles.ts";
import type { StanzaSpec } from "./stanza.ts";

/** The conditions of a refusal of a stanza whose claimed 'from' is no JID at all. */
const MALFORMED_REFUSALS = new Set(["jid-malformed", "bad-request"]);

export function judgeClaimedFrom(
  claimed: string,
  tag: string,
  atAlice: Element[],
  atBob: Element[],
  alice: Session,
): void {
  const self = alice.jid;
  if (!self) return;
  const message = atBob.find((el) => el.name === "message");
  const other = atBob.find((el) => el !== message);
  // a server that believed the claim sends the ping's answer to whoever it names
  if (other)
    throw new OracleFailure(
      "no-leak",
      `bob received ${clip(other)} after a ping claiming from='${claimed}'`,
      "RFC6120-8.1.2.1-1",
    );
  if (message) {
    if (message.attrs.from !== self.toString())
      throw new OracleFailure(
        "from-stamp",
        `bob received from '${message.attrs.from ?? ""}' (sender ${self}, claimed '${claimed}'): ${clip(message)}`,
      );
    return;
  }
  const refusal = atAlice.find((el) => el.attrs.id === `${tag}m` && el.attrs.type === "error");
  const malformed = !tryParseJid(claimed);
  const refusedAs = refusal ? (stanzaError(refusal)?.conditions ?? []) : [];
  if (malformed && refusedAs.some((c) => MALFORMED_REFUSALS.has(c))) return;
  throw new OracleFailure(
    "from-stamp",
    `a chat message to bob claiming from='${claimed}' was neither delivered with the sender's 'from' nor refused with <invalid-from/>${refusal ? `: ${clip(refusal)}` : ""}`,
  );
}

/** Stream errors about the session, not any stanza: a server may send them whatever the batch held. */
const SESSION_CONDITIONS = new Set([
  "policy-violation",
  "resource-constraint",
  "system-shutdown",
  "connection-timeout",
  "conflict",
  "reset",
]);

const KNOWN_UNQUALIFIED = new Set(["body", "subject", "thread", "error"]);
const ascii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/**
 * A case that gives a server no ground of its own for a stream error: a defined type (or none), an id
 * on an IQ, and only children it knows or that carry a namespace of their own, named in ASCII (a parser
 * of XML before its 5th edition refuses some other names).
 */
function plain(spec: StanzaSpec): boolean {
  const typeOk = spec.type === null || stanzaClass(spec).includes("type=defined");
  const children = spec.children.every(
    (c) =>
      (c.ns !== null || KNOWN_UNQUALIFIED.has(c.name)) &&
      [c.name, ...Object.keys(c.attrs), ...c.children.map((g) => g.name)].every(ascii),
  );
  return typeOk && children && (spec.kind !== "iq" || spec.id);
}

/**
 * The batch ended alice's stream with a stream error. If it held a spoofed 'from' and otherwise only
 * plain cases, the spoofed 'from' is what the server refused, and §4.9.3.9 names <invalid-from/> for it.
 */
export function judgeStreamEnd(alice: Session, specs: StanzaSpec[]): void {
  const condition = alice.streamError ? streamErrorCondition(alice.streamError) : undefined;
  if (condition === undefined || condition === "invalid-from" || SESSION_CONDITIONS.has(condition)) return;
  const spoofed = specs.filter((s) => isSpoofed(s.from));
  if (spoofed.length === 0 || !specs.every((s) => isSpoofed(s.from) || plain(s))) return;
  if (!spoofed.every(plain)) return;
  throw new OracleFailure(
    "from-stamp",
    `a stanza with from='${spoofed[0].from}' ended the stream with <${condition}/>, not <invalid-from/>`,
    undefined,
    stanzaClass(spoofed[0]),
  );
}
