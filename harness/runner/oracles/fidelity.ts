// Fidelity: a stanza one of the case's sessions sent and another received is compared whole. The server
// may stamp 'from' (RFC 6120 §8.1.2.1), add a 'to' where the sender gave none (a broadcast), add
// xml:lang where there was none (§8.1.5 SHOULD), add extension children or namespaced attributes of its
// own (XEP-0203 <delay/>, XEP-0359 <stanza-id/>), override a presence <priority/> (RFC 6121 §4.7.2.3),
// and write the children in another order or with other prefixes; nothing else may differ. The readings
// behind each allowance: fixtures/rfc/interpretations.tsv, the fidelity rows (I-oracle …); every finding rests on
// I-oracle-fidelity-unmodified (what is not allowed is a change the delivery rules do not permit).
import { type Jid, tryParseJid } from "../../jid.ts";
import { childDiff, dataAttributes, ownText } from "../../xml/canonical.ts";
import { clip, type Element, NS } from "../../xml/element.ts";
import type { OracleFinding } from "./finding.ts";
import type { StanzaLog } from "./stanza-log.ts";

const XML_LANG = `{${NS.xml}}lang`;
const CONTENT = new Set<string>([NS.client, NS.server, NS.component]);
const TO = ["RFC6120-8.1.1.1-3"];
const LANG = ["RFC6120-8.1.5-6", "RFC6120-4.7.4-10"];
/** Presence the server processes rather than routes as sent (RFC 6121 §3: stamped and readdressed to bare JIDs). */
const PROCESSED_PRESENCE = new Set(["subscribe", "subscribed", "unsubscribe", "unsubscribed", "probe"]);
/** RFC 6121 §5.2.2: the message types; a receiver "MUST consider" any other one (or none) "normal". */
const MESSAGE_TYPES = new Set(["chat", "error", "groupchat", "headline", "normal"]);

interface Difference {
  what: string;
  breaks: readonly string[];
}

const jidOf = (s: string | undefined): Jid | null => (s === undefined ? null : tryParseJid(s));
const show = (v: string | undefined) => (v === undefined ? "(none)" : `'${v}'`);

/** Does the stanza go through the server to another entity as it is (what fidelity compares)? */
function routed(el: Element): boolean {
  switch (el.getName()) {
    case "message":
      return true;
    case "presence":
      return !PROCESSED_PRESENCE.has(el.attrs.type ?? "");
    default:
      // an IQ to a full JID is delivered to that resource (RFC 6120 §10.5.4); others the server answers
      return jidOf(el.attrs.to)?.isBare === false;
  }
}

function hasExtension(el: Element): boolean {
  return el.getChildElements().some((c) => !CONTENT.has(c.getNS() ?? NS.client));
}

function carriesLang(el: Element): boolean {
  return el.attrs["xml:lang"] !== undefined || el.getChildElements().some(carriesLang);
}

/** The rule that has the server deliver this very stanza. */
function deliveryRule(sent: Element): string[] {
  const unknown = hasExtension(sent) ? ["RFC6120-8.4-13"] : [];
  const to = jidOf(sent.attrs.to);
  const type = sent.attrs.type;
  switch (sent.getName()) {
    case "message":
      return [...unknown, to?.isBare === false ? "RFC6121-8.5.3.1-3" : "RFC6121-8.5.2.1.1-2"];
    case "presence":
      // "the full XML of that presence stanza": broadcast, probe answers, unavailable, directed
      if (sent.attrs.to !== undefined) return [...unknown, "RFC6121-4.6.3-3"];
      return [
        ...unknown,
        ...(type === "unavailable" ? ["RFC6121-4.5.2-4"] : ["RFC6121-4.4.2-1", "RFC6121-4.3.2-9"]),
      ];
    default:
      return [...unknown, type === "result" || type === "error" ? "RFC6121-8.5.3.1-2" : "RFC6120-10.5.4-2"];
  }
}

/** Could `got` be the server's delivery of `sent`? (Stanzas the server makes up itself are not.) */
function comparable(sent: Element, got: Element): boolean {
  if (sent.getName() !== got.getName()) return false;
  // an error from the sender's address may be the server answering on its behalf (RFC 6120 §8.3)
  if (got.attrs.type === "error" && sent.attrs.type !== "error") return false;
  // unavailable presence the server generates when a resource goes (RFC 6121 §4.5.2) may borrow anything
  // (I-oracle-fidelity-generated)
  return !(
    got.getName() === "presence" &&
    got.attrs.type === "unavailable" &&
    sent.attrs.type !== "unavailable"
  );
}

/** Who received the stanza: a 'to' may be readdressed to it when the one sent named no live resource. */
export interface Receiver {
  full: string | undefined;
}

/**
 * A message to a full JID that matches no resource is delivered to another (RFC 6121 §8.5.3.2.1), and "it
 * is the server's responsibility to deliver only stanzas that are addressed to the client's full JID or
 * the user's bare JID" (RFC 6120 §8.1.1.1 note) while §8.1.1.1 rule 1 forbids modifying the 'to': both
 * readings hold (interpretations.tsv, I-oracle-fidelity-readdressed), so either 'to' passes.
 */
function readdressed(sent: Jid | null, got: Jid | null, receiver: Receiver): boolean {
  const me = jidOf(receiver.full);
  if (!sent || sent.isBare || !got || !me || sent.equals(me)) return false;
  return got.equals(me) || got.equals(me.bare());
}

/** RFC 6120 §8.1.1.1 rule 1, and RFC 6121 §8.5.2.1's "MUST NOT rewrite the 'to'" for a bare JID made full. */
function toRule(sent: Element, x: Jid | null, y: Jid | null): readonly string[] {
  if (!x?.isBare || !y || y.isBare) return TO;
  const kind = sent.getName();
  return kind === "message"
    ? [...TO, "RFC6121-8.5.2.1.1-13"]
    : kind === "presence"
      ? [...TO, "RFC6121-8.5.2.1.2-4"]
      : TO;
}

function attributeDifferences(
  sent: Element,
  got: Element,
  receiver: Receiver,
  delivery: string[],
  ignoreId: boolean,
): Difference[] {
  const a = dataAttributes(sent);
  const b = dataAttributes(got);
  if (ignoreId) for (const m of [a, b]) m.delete("id");
  if (sent.getName() === "message") {
    // RFC 6121 §5.2.2: no 'type' is "normal"; so is one the server does not understand, if it says so
    // (I-oracle-fidelity-unknown-type)
    const unknown = !MESSAGE_TYPES.has(a.get("type") ?? "normal");
    if (unknown && (b.get("type") ?? "normal") === "normal") b.set("type", a.get("type") ?? "normal");
    for (const m of [a, b]) if (!m.has("type")) m.set("type", "normal");
  }
  const out: Difference[] = [];
  for (const [k, v] of a) {
    const w = b.get(k);
    if (k === "from" || w === v) continue;
    if (k === "to") {
      const [x, y] = [jidOf(v), jidOf(w)];
      if (!(x && y && x.equals(y)) && !readdressed(x, y, receiver))
        out.push({ what: `'to' ${show(v)} arrived as ${show(w)}`, breaks: toRule(sent, x, y) });
    } else
      out.push({
        what: `${k === XML_LANG ? "xml:lang" : `'${k}'`} ${show(v)} arrived as ${show(w)}`,
        breaks: k === XML_LANG ? LANG : delivery,
      });
  }
  for (const [k, w] of b) {
    // a 'to' or an xml:lang the sender left out, and attributes in a namespace of their own, may be added
    // (I-oracle-fidelity-additions)
    if (a.has(k) || k === "from" || k === "to" || k === XML_LANG || k.startsWith("{")) continue;
    out.push({ what: `'${k}' ${show(w)} was added`, breaks: delivery });
  }
  return out;
}

/**
 * What differs between the stanza sent and the one received, beyond what the server may change
 * (`ignoreId`: apart from the 'id', for pairing a message whose 'id' matches nothing sent).
 */
export function differences(sent: Element, got: Element, receiver: Receiver, ignoreId = false): Difference[] {
  const delivery = deliveryRule(sent);
  const out = attributeDifferences(sent, got, receiver, delivery, ignoreId);
  // RFC 6121 §4.7.2.3: "The client's server MAY override the priority value provided by the client"
  // (I-oracle-fidelity-priority)
  const overridable = (c: Element) =>
    sent.getName() === "presence" && c.getName() === "priority" && CONTENT.has(c.getNS() ?? NS.client);
  // children in any order, prefixes read as their namespaces (I-oracle-fidelity-child-order,
  // I-oracle-fidelity-prefixes)
  const { missing, extra } = childDiff(sent, got, NS.client, overridable);
  if (missing.length) {
    const more = missing.length > 1 ? ` (and ${missing.length - 1} after it)` : "";
    const breaks = missing.some(carriesLang) ? [...delivery, ...LANG] : delivery;
    out.push({ what: `the child ${clip(missing[0], 120)}${more} did not arrive unchanged`, breaks });
  } else {
    const added = extra.find((c) => CONTENT.has(c.getNS() ?? NS.client));
    if (added) out.push({ what: `a child ${clip(added, 120)} was added`, breaks: delivery });
  }
  const [t, u] = [ownText(sent), ownText(got)];
  if (t !== u)
    out.push({
      what: `its text ${JSON.stringify(clip(t, 60))} arrived as ${JSON.stringify(clip(u, 60))}`,
      breaks: delivery,
    });
  return out;
}

/** The case's routed stanzas by sender: by (full JID, 'id'), and every message by full JID. */
interface Sent {
  byId: Map<string, Element[]>;
  messages: Map<string, Element[]>;
}

function sentByKey(log: StanzaLog, exempt: ReadonlyMap<string, string>): Sent {
  const byId = new Map<string, Element[]>();
  const messages = new Map<string, Element[]>();
  const add = (m: Map<string, Element[]>, k: string, el: Element) => m.set(k, [...(m.get(k) ?? []), el]);
  for (const s of log.sentStanzas()) {
    if (!s.jid || !routed(s.el) || exempt.has(s.el.attrs.id ?? "")) continue;
    if (s.el.attrs.id !== undefined) add(byId, `${s.jid}\u0000${s.el.attrs.id}`, s.el);
    if (s.el.getName() === "message") add(messages, s.jid, s.el);
  }
  return { byId, messages };
}

type Judged = { c: Element; d: Difference[] };

const closest = (judged: Judged[]) => judged.reduce((x, y) => (y.d.length < x.d.length ? y : x));

/**
 * How `got` differs from the stanza `sender` sent that it delivers; undefined when it is faithful to
 * one, or pairs with none. A stanza pairs by its 'id'; a message whose 'id' matches nothing sent (or
 * that has none) pairs with a message equal to it but for the 'id': a server may add an 'id' where
 * there was none, never change or drop one.
 */
function judge(got: Element, sender: string, sent: Sent, receiver: Receiver): Judged | undefined {
  const id = got.attrs.id;
  const keyed = (id === undefined ? [] : (sent.byId.get(`${sender}\u0000${id}`) ?? [])).filter((c) =>
    comparable(c, got),
  );
  if (keyed.length) {
    const judged = keyed.map((c) => ({ c, d: differences(c, got, receiver) }));
    return judged.some((j) => !j.d.length) ? undefined : closest(judged);
  }
  if (got.getName() !== "message") return undefined;
  const messages = (sent.messages.get(sender) ?? []).filter((c) => comparable(c, got));
  const same = messages.filter((c) => !differences(c, got, receiver, true).length);
  if (same.some((c) => c.attrs.id === undefined || c.attrs.id === id)) return undefined;
  if (same.length) return { c: same[0], d: differences(same[0], got, receiver) };
  // a message without an 'id' pairs with those sent without one; with one that matches nothing, with none
  const idless = messages.filter((c) => c.attrs.id === undefined);
  return id === undefined && idless.length
    ? closest(idless.map((c) => ({ c, d: differences(c, got, receiver) })))
    : undefined;
}

/**
 * Every stanza a case session received from another case session that differs from the one sent;
 * `exempt`: ids of stanzas the case sent knowing the server may change them, with the reason.
 */
export function fidelityFindings(
  log: StanzaLog,
  exempt: ReadonlyMap<string, string> = new Map(),
): OracleFinding[] {
  const sent = sentByKey(log, exempt);
  if (!sent.byId.size && !sent.messages.size) return [];
  const reported = new Map<string, { finding: OracleFinding; count: number }>();
  for (const { session, el } of log.arrivals) {
    const from = jidOf(el.attrs.from);
    if (!from || from.isBare) continue;
    const sender = from.toString();
    const found = judge(el, sender, sent, { full: session.jid?.toString() });
    if (!found) continue;
    const id = el.attrs.id;
    const key = `${sender}\u0000${id ?? ""}\u0000${found.d[0].what}`;
    const seen = reported.get(key);
    if (seen) {
      seen.count += 1;
      continue;
    }
    const breaks = [...new Set(found.d.flatMap((d) => d.breaks))].join(", ");
    const name = `<${el.getName()}${id === undefined ? "" : ` id='${id}'`}>`;
    const changes = found.d.map((d) => d.what).join("; ");
    const message = `fidelity: ${session.opts.label} received the ${name} ${sender} sent, changed: ${changes} (${breaks}; reading I-oracle-fidelity-unmodified; sent ${clip(found.c, 200)}, received ${clip(el, 200)})`;
    reported.set(key, { finding: { oracle: "fidelity", grade: "FAIL", message }, count: 1 });
  }
  return [...reported.values()].map(({ finding, count }) =>
    count > 1 ? { ...finding, message: `${finding.message}; ${count - 1} more copies alike` } : finding,
  );
}
