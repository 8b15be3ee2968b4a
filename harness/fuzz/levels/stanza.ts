// Stanza level: unknown or missing type and id, zero or several IQ payloads, error stanzas and
// odd children (names from the whole XML name range), to the peer, to oneself, to the server, to
// nobody, to spoofed full JIDs and a foreign domain, with every kind of 'from' a client may set.
// Oracles: replies, errors, 'from' stamping, no leak to the bystander, payloads routed unmodified,
// well-formed output.
import fc from "fast-check";
import { type Jid, tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import { blamed } from "../blame.ts";
import { stanzaClass } from "../classes/stanza.ts";
import { collectEffects, type Effects } from "../effects.ts";
import { checkErrorStanza, checkPayload, checkWellFormed, clip } from "../oracles.ts";
import type { Parties, Rig } from "../rig.ts";
import { OracleFailure } from "../types.ts";
import { judgeStreamEnd } from "./from-judge.ts";
import { claimedFrom, FOREIGN_DOMAIN, type FromRole, fromRoleArb, isSpoofed } from "./from-roles.ts";
import { batchOf, batchSize, batchTake, decodeBatch, type LevelSpec } from "./level.ts";
import { pingBarrier, replyTo, syncParties, tagOf } from "./sync.ts";
import { attrValueArb, nameArb, textArb } from "./text.ts";

/** Where a stanza goes, by role (the real JIDs differ from run to run). */
export const ADDRESSES = [
  "bob-full",
  "bob-bare",
  "self-bare",
  "self-full",
  "domain",
  "none",
  "nobody",
  // spoofed full JIDs: a user's bare JID with a resource nobody bound; and a foreign domain's user
  "self-other-resource",
  "bob-other-resource",
  "foreign",
] as const;
export type AddressRole = (typeof ADDRESSES)[number];

export interface ChildSpec {
  name: string;
  /** null: the stream's default namespace (jabber:client). */
  ns: string | null;
  attrs: Record<string, string>;
  text: string;
  children: ChildSpec[];
}

export interface StanzaSpec {
  kind: "message" | "presence" | "iq";
  to: AddressRole;
  /** The 'from' the client sets itself (RFC 6120 §8.1.2.1); absent in findings from before it existed. */
  from?: FromRole;
  /** null: no 'type' attribute. */
  type: string | null;
  id: boolean;
  children: ChildSpec[];
}

export const FUZZ_NS = "urn:xmppspec:fuzz";
const STANZA_TYPES = {
  message: ["chat", "normal", "headline", "groupchat", "error"],
  presence: ["unavailable", "subscribe", "subscribed", "unsubscribe", "unsubscribed", "probe", "error"],
  iq: ["get", "set", "result", "error"],
} as const;
const ODD_TYPES = ["", "bogus", "GET", "chat ", "normal\u00e9"];
const SUBSCRIPTION_TYPES = new Set(["subscribe", "subscribed", "unsubscribe", "unsubscribed"]);
const DELIVERED_MESSAGE_TYPES = new Set([null, "normal", "chat", "headline"]);
/** The rule that delivers a message to bob's one available resource, by how it is addressed (RFC 6121 §8.5). */
const DELIVERED_TO: Partial<Record<AddressRole, string>> = {
  "bob-full": "RFC6121-8.5.3.1-3",
  "bob-bare": "RFC6121-8.5.2.1.1-5",
};

const leaf = (name: string, ns: string | null, text = ""): ChildSpec => ({
  name,
  ns,
  attrs: {},
  text,
  children: [],
});

function childArb(): fc.Arbitrary<ChildSpec> {
  const known = fc.oneof(
    textArb().map((t) => leaf("body", null, t)),
    textArb(2).map((t) => leaf("subject", null, t)),
    textArb(1).map((t) => leaf("thread", null, t)),
    fc.constant(leaf("ping", NS.ping)),
    fc.constant(leaf("query", NS.roster)),
    fc.constant(leaf("query", NS.discoInfo)),
    fc.constantFrom("bad-request", "item-not-found", "undefined-condition").map(
      (c): ChildSpec => ({
        name: "error",
        ns: null,
        attrs: { type: "cancel" },
        text: "",
        children: [leaf(c, NS.stanzas)],
      }),
    ),
  );
  const unknown: fc.Arbitrary<ChildSpec> = fc.record({
    name: nameArb,
    ns: fc.constantFrom<string | null>(null, "urn:xmppspec:fuzz:x", "urn:example:a", "jabber:x:data"),
    attrs: fc.dictionary(nameArb, attrValueArb(), { maxKeys: 3 }),
    text: textArb(3),
    children: fc.array(
      fc.tuple(textArb(2), nameArb).map(([text, name]) => leaf(name, null, text)),
      { maxLength: 2 },
    ),
  });
  return fc.oneof({ weight: 3, arbitrary: known }, { weight: 2, arbitrary: unknown });
}

/**
 * One record per kind, built once: a `chain` on the kind built the whole record (and every child's
 * arbitrary) anew for each stanza, a fifth of the fuzzer's CPU and most of its garbage.
 */
export function stanzaArb(): fc.Arbitrary<StanzaSpec> {
  const children = fc.array(childArb(), { maxLength: 3 });
  const from = fromRoleArb();
  const ofKind = (kind: StanzaSpec["kind"]) =>
    fc.record({
      kind: fc.constant(kind),
      to: fc.constantFrom(...ADDRESSES),
      from,
      type: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom<string | null>(...STANZA_TYPES[kind]) },
        { weight: 2, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom(...ODD_TYPES) },
      ),
      id: fc.boolean(),
      children,
    });
  return fc.oneof(ofKind("message"), ofKind("presence"), ofKind("iq"));
}

function buildChild(c: ChildSpec): Element {
  const attrs: Record<string, string> = { ...c.attrs };
  if (c.ns) attrs.xmlns = c.ns;
  else delete attrs.xmlns;
  return xml(c.name, attrs, c.text || null, ...c.children.map(buildChild));
}

export function addressOf(role: AddressRole, p: Parties, domain: string): string | undefined {
  const bob = p.bob.jid!;
  const self = p.alice.jid!;
  switch (role) {
    case "bob-full":
      return bob.toString();
    case "bob-bare":
      return bob.bare().toString();
    case "self-bare":
      return self.bare().toString();
    case "self-full":
      return self.toString();
    case "domain":
      return domain;
    case "nobody":
      return `nobody-${self.local}@${domain}`;
    case "none":
      return undefined;
    case "self-other-resource":
      return `${self.bare()}/fuzz-other`;
    case "bob-other-resource":
      return `${bob.bare()}/fuzz-other`;
    case "foreign":
      return `someone@${FOREIGN_DOMAIN}`;
  }
}

/** The wire element of a spec; message and presence carry a tag child so a leak is recognisable. */
export function buildStanza(spec: StanzaSpec, tag: string, to: string | undefined, from?: string): Element {
  const attrs: Record<string, string> = {};
  if (to !== undefined) attrs.to = to;
  if (from !== undefined) attrs.from = from;
  if (spec.type !== null) attrs.type = spec.type;
  if (spec.id) attrs.id = tag;
  const el = xml(spec.kind, attrs, ...spec.children.map(buildChild));
  if (spec.kind !== "iq") el.append(xml("fz", { xmlns: FUZZ_NS, n: tag }));
  return el;
}

function sameBare(a: string | undefined, b: Jid): boolean {
  const j = a === undefined ? undefined : tryParseJid(a);
  return !!j && j.bare().equals(b.bare());
}

interface Sent {
  spec: StanzaSpec;
  tag: string;
  /** A copy of what went out (sending may decorate the element). */
  el: Element;
}

const isRequest = (spec: StanzaSpec) =>
  spec.kind === "iq" && spec.id && (spec.type === "get" || spec.type === "set");

/** A batch of stanza cases: all sent in a row, one sync, then each judged on its own tag. */
export async function runStanzas(rig: Rig, specs: StanzaSpec[]): Promise<void> {
  const p = await rig.getParties();
  const { alice } = p;
  const domain = alice.jid!.domain;
  const batch: Sent[] = [];
  const out: Element[] = [];
  try {
    for (const spec of specs) {
      const tag = tagOf();
      const el = buildStanza(spec, tag, addressOf(spec.to, p, domain), claimedFrom(spec.from, p, domain));
      batch.push({ spec, tag, el: xml(el.name, { ...el.attrs }, ...el.children) });
      out.push(el);
    }
    await syncParties(p, new Set(batch.map((b) => b.tag)), out);
  } catch (err) {
    // what the target sent broke a stream's parsing: run-case's well-formed check is the verdict, and
    // nothing that arrives later can change it
    if ([alice, p.bob, p.eve].some((s) => s.unparsable)) throw err;
    // a marker's wait may run out before a slow target has read the stanza that ends alice's stream: the
    // stream's end is judged once it came (or the wait ran out), never on which of the two came first
    if (!alice.closed && !alice.streamEnded) await alice.expectClose(rig.timeoutMs).catch(() => {});
    judgeStreamEnd(alice, specs);
    // what the server answered itself before the stream ended is judged all the same: in a long batch
    // some stanza nearly always ends the stream, which would hide every reply before it
    for (const b of batch) {
      const r = alice.inbox.find((el) => isReplyTo(el, b.tag));
      if (r) blamed(stanzaClass(b.spec), () => judgeOwnReply(b.spec, r, alice.jid!));
    }
    throw err;
  }
  rig.inputProcessed();
  const replies: Element[] = [];
  for (const { spec, tag, el } of batch) {
    if (isRequest(spec)) replies.push(await blamed(stanzaClass(spec), () => replyTo(alice, tag, clip(el))));
  }
  // a second reply would come before the answer to this ping (RFC 6120 §10.1)
  if (replies.length) await pingBarrier(alice);
  alice.inbox.unshift(...replies);
  const effects = collectEffects(
    rig,
    p,
    batch.map((b) => ({ tag: b.tag, sent: [b.el] })),
  );
  judgeBatch(rig, batch, p, effects);
}

/** The batch's effects (taken out of the inboxes once), each case against what the RFC allows. */
function judgeBatch(rig: Rig, batch: Sent[], p: Parties, effects: Effects): void {
  const { alice, bob, eve } = p;
  checkWellFormed(rig, [alice, bob, eve]);
  const { alice: atAlice, bob: atBob, eve: atEve } = effects;
  const self = alice.jid!;
  // no leak: the bystander hears nothing from alice, whichever case sent it
  const leaked = atEve.find((el) => sameBare(el.attrs.from, self) || batch.some((b) => tagged(el, b.tag)));
  if (leaked) {
    const cause = batch.find((b) => tagged(leaked, b.tag));
    throw new OracleFailure(
      "no-leak",
      `the bystander received ${clip(leaked)} after ${clip((cause ?? batch[0]).el)}`,
      isSpoofed(cause?.spec.from) ? "RFC6120-8.1.2.1-1" : undefined,
      cause && stanzaClass(cause.spec),
    );
  }
  for (const b of batch) blamed(stanzaClass(b.spec), () => judge(b, atAlice, atBob, self));
}

const isReplyTo = (r: Element, tag: string) =>
  r.name === "iq" && r.attrs.id === tag && (r.attrs.type === "result" || r.attrs.type === "error");

/** RFC 6120 §8.1.2.1: the server's answer to an IQ request to its domain carries from='the domain'. */
function judgeOwnReply(spec: StanzaSpec, r: Element | undefined, self: Jid): void {
  if (!r || !isRequest(spec) || spec.to !== "domain") return;
  if (r.attrs.from === undefined || r.attrs.from.toLowerCase() !== self.domain.toLowerCase())
    throw new OracleFailure(
      "from-stamp",
      `the server's own reply lacks from='${self.domain}': ${clip(r)}`,
      "RFC6120-8.1.2.1-2",
    );
}

const tagged = (el: Element, tag: string) =>
  el.attrs.id === tag || el.getChild("fz", FUZZ_NS)?.attrs.n === tag;

/** One case of the batch: what alice and bob hold with its tag, against what the RFC allows. */
function judge({ spec, tag, el: sent }: Sent, atAlice: Element[], atBob: Element[], self: Jid): void {
  const toBob = spec.to === "bob-full" || spec.to === "bob-bare" || spec.to === "bob-other-resource";
  const spoofed = isSpoofed(spec.from);
  // RFC 6121 §4.6.3: an entity that got directed presence earlier also gets the later broadcast
  const broadcast =
    spec.kind === "presence" && spec.to === "none" && (spec.type === null || spec.type === "unavailable");
  const bobGot = atBob.filter((el) => tagged(el, tag));
  if (!toBob && !broadcast && bobGot.length)
    throw new OracleFailure(
      "no-leak",
      `bob received ${clip(bobGot[0])}, addressed to ${spec.to}`,
      spoofed ? "RFC6120-8.1.2.1-1" : undefined,
    );
  // 'from' on what was routed from alice
  for (const el of bobGot) {
    const from = el.attrs.from === undefined ? undefined : tryParseJid(el.attrs.from);
    const bareOk = spec.kind === "presence" && SUBSCRIPTION_TYPES.has(spec.type ?? "");
    if (!from || !(from.equals(self) || (bareOk && from.equals(self.bare()))))
      throw new OracleFailure(
        "from-stamp",
        `bob received from '${el.attrs.from ?? ""}' (sender ${self}): ${clip(el)}`,
      );
  }
  // payload: a message to bob's available resource is delivered once, unmodified (RFC 6121 §8.5)
  if (spec.kind === "message" && DELIVERED_TO[spec.to] && DELIVERED_MESSAGE_TYPES.has(spec.type)) {
    // §8.1.2.1: a spoofed 'from' is stamped over (and the message delivered) or ends the stream
    if (spoofed && bobGot.length === 0)
      throw new OracleFailure(
        "from-stamp",
        `${clip(sent)} was neither delivered with the sender's 'from' nor answered with <invalid-from/>`,
      );
    if (bobGot.length !== 1)
      throw new OracleFailure(
        "payload",
        `bob received ${bobGot.length} copies of ${clip(sent)}`,
        DELIVERED_TO[spec.to],
      );
    checkPayload(sent, bobGot[0], "the message");
  }
  // replies to alice
  const replies = atAlice.filter((r) => isReplyTo(r, tag));
  const request = isRequest(spec);
  if (request && replies.length !== 1)
    throw new OracleFailure(
      "iq-reply",
      `${replies.length} replies to ${clip(sent)}: ${replies.map((r) => clip(r, 200)).join(" | ")}`,
    );
  const response = spec.kind === "iq" && spec.id && (spec.type === "result" || spec.type === "error");
  const ownServer = spec.to === "domain" || spec.to === "self-bare" || spec.to === "none";
  if (response && ownServer && replies.length > 0)
    throw new OracleFailure(
      "iq-reply",
      `the server answered the IQ response ${clip(sent)} with ${clip(replies[0])}`,
      "RFC6120-8.2.3-6",
    );
  judgeOwnReply(spec, replies[0], self);
  // errors the server sent alice are well-formed errors (unless alice sent an error, which may come back)
  if (spec.type !== "error")
    for (const r of atAlice) if (r.attrs.type === "error" && tagged(r, tag)) checkErrorStanza(r);
}

export const stanzaLevel: LevelSpec<StanzaSpec[]> = {
  level: "stanza",
  arbitrary: () => batchOf(stanzaArb()),
  run: runStanzas,
  encode: (i) => i,
  decode: decodeBatch,
  size: batchSize,
  take: batchTake,
};
