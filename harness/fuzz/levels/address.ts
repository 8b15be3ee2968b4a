// Address level: PRECIS edge cases (RFC 7622), empty and over-long parts, '@invalid', 'a@b@c', as
// the 'to' of an IQ ping and of a message, or as the 'from' the client sets on them (RFC 6120
// §8.1.2.1). Oracles: the IQ gets exactly one reply, errors are well-formed, a message reaches nobody
// it was not addressed to, a claimed 'from' is stamped over or refused, the server stays alive.
import fc from "fast-check";
import { tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import { blamed } from "../blame.ts";
import { addressClass, domainClass, partClass } from "../classes/address.ts";
import { collectEffects } from "../effects.ts";
import { checkErrorStanza, checkWellFormed, clip } from "../oracles.ts";
import type { Parties, Rig } from "../rig.ts";
import { OracleFailure } from "../types.ts";
import { judgeClaimedFrom } from "./from-judge.ts";
import { batchOf, batchSize, batchTake, decodeBatch, type LevelSpec } from "./level.ts";
import { FUZZ_NS } from "./stanza.ts";
import { pingBarrier, replyTo, syncParties, tagOf } from "./sync.ts";

/** `$D` is the target's domain, `$B` bob's localpart: both filled in at run time. */
const LOCALS = [
  "",
  "$B",
  "nobody",
  "a",
  "A",
  "ß",
  "İ",
  "ﬀ",
  "\u212B",
  "e\u0301",
  "x y",
  'a"b',
  "a&b",
  "a'b",
  "a/b",
  "a:b",
  "a<b",
  "a>b",
  "\u00A0",
  "\u200D",
  "\u202E",
  "\u0661",
  "😀",
  "ＡＢ",
  "#",
];
const DOMAINS = [
  "$D",
  "$D.",
  "invalid",
  "example.invalid",
  "[::1]",
  "127.0.0.1",
  "xn--",
  "a..b",
  "-a.invalid",
  "ÄÖ.invalid",
  "",
  "$D:5222",
];
const RESOURCES = ["", "r", " ", "r/s", "ﬀ", "\u0000".replace("\u0000", "\u2028"), "😀", "\u202E", "a@b"];
const WHOLE = [
  "",
  "@",
  "@invalid",
  "a@b@c",
  "/",
  "@/",
  "$B@@$D",
  "$B@$D/",
  "@$D",
  "$D/",
  "$B@$D@$D",
  "@$D/r",
  "$B@[::1]",
  "\u00A0@$D",
];

export interface AddressSpec {
  address: string;
  /** The attribute that carries it: absent, 'to'; "from": a 'from' the client set (RFC 6120 §8.1.2.1). */
  field?: "from";
}

/** Over-long parts: around RFC 7622 §3.1's 1023 octets, on both sides of it. */
function long(unit: string, suffix = ""): fc.Arbitrary<string> {
  return fc.integer({ min: 1000, max: 1100 }).map((n) => `${unit.repeat(n)}${suffix}`);
}

/**
 * A part drawn class first (./classes/address.ts), then a value of that class, so each class is as likely
 * as another. With one arm for all the listed values and one for the over-long ones, a third of the
 * addresses had a part over 1023 octets, and an uppercase or symbol localpart came up in 1 case of 100.
 * `own` are arms of a class each (the over-long parts).
 */
function byClass<T extends string | undefined>(
  values: readonly T[],
  classify: (v: T) => string,
  ...own: fc.Arbitrary<T>[]
): fc.Arbitrary<T> {
  const groups = new Map<string, T[]>();
  for (const v of values) {
    const c = classify(v);
    groups.set(c, [...(groups.get(c) ?? []), v]);
  }
  return fc.oneof(...[...groups.values()].map((g) => fc.constantFrom(...g)), ...own);
}

export function addressArb(): fc.Arbitrary<AddressSpec> {
  const composed = fc
    .record({
      local: byClass([undefined, ...LOCALS], (v) => partClass(v, true), long("l")),
      domain: byClass(DOMAINS, domainClass, long("d", ".invalid")),
      resource: byClass([undefined, ...RESOURCES], (v) => partClass(v), long("r")),
    })
    .map(
      ({ local, domain, resource }) =>
        `${local !== undefined ? `${local}@` : ""}${domain}${resource !== undefined ? `/${resource}` : ""}`,
    );
  return fc
    .tuple(fc.oneof(fc.constantFrom(...WHOLE), composed), fc.nat(3))
    .map(([address, n]): AddressSpec => (n === 0 ? { address, field: "from" } : { address }));
}

interface Sent {
  to: string;
  tag: string;
  spec: AddressSpec;
  /** Its input class (classes/address.ts), the blame of any failure it raises. */
  cls: string;
  /** The ping and the message, as they went out (the differential observer reads them). */
  sent: Element[];
}

/** A batch of addresses: for each, an IQ ping and a chat message to it, all in a row, one sync. */
export async function runAddresses(rig: Rig, specs: AddressSpec[]): Promise<void> {
  const p = await rig.getParties();
  const { alice, bob, eve } = p;
  const domain = alice.jid!.domain;
  const batch: Sent[] = [];
  const out: Element[] = [];
  for (const spec of specs) {
    const to = spec.address.replaceAll("$D", domain).replaceAll("$B", bob.jid!.local ?? "");
    const tag = tagOf();
    // as a 'from': a ping to the server and a chat message to bob claim to come from the address
    const [iqAt, messageAt] =
      spec.field === "from" ? [{ from: to }, { from: to, to: String(bob.jid) }] : [{ to }, { to }];
    const sent = [
      xml("iq", { type: "get", id: tag, ...iqAt }, xml("ping", { xmlns: NS.ping })),
      xml(
        "message",
        { ...messageAt, type: "chat", id: `${tag}m` },
        xml("body", {}, "fuzz"),
        xml("fz", { xmlns: FUZZ_NS, n: tag }),
      ),
    ];
    batch.push({ to, tag, spec, cls: addressClass(spec), sent });
    out.push(...sent);
  }
  await syncParties(p, new Set(batch.map((b) => b.tag)), out);
  rig.inputProcessed();
  const replies = new Map<string, Element>();
  for (const { to, tag, spec, cls } of batch)
    replies.set(
      tag,
      await blamed(cls, () => replyTo(alice, tag, `a ping with ${spec.field ?? "to"}='${to}'`)),
    );
  // a second reply would come before the answer to this ping (RFC 6120 §10.1)
  await pingBarrier(alice);
  checkWellFormed(rig, [alice, bob, eve]);
  // the first replies go to the observer with the rest; the oracles below read only what came after them
  const effects = collectEffects(rig, p, batch, [...replies.values()]);
  const at = {
    alice: byTag(effects.alice.slice(replies.size)),
    bob: byTag(effects.bob),
    eve: byTag(effects.eve),
  };
  for (const sent of batch) blamed(sent.cls, () => judgeOne(sent, replies, at, p));
}

/** What a party got, by the case tag each element carries: its id, or its <fz/>'s n. */
type ByTag = Map<string, Element[]>;

/** One pass over what a party got, so a batch's judgement is not a scan of it per case. */
function byTag(els: Element[]): ByTag {
  const index: ByTag = new Map();
  const add = (key: string | undefined, el: Element) => {
    if (key === undefined) return;
    const list = index.get(key);
    if (list) list.push(el);
    else index.set(key, [el]);
  };
  for (const el of els) {
    const n = el.getChild("fz", FUZZ_NS)?.attrs.n;
    add(n, el);
    if (el.attrs.id !== n) add(el.attrs.id, el);
  }
  return index;
}

/** One address of the batch, against what alice, bob and eve hold with its tag. */
function judgeOne(
  { to, tag, spec }: Sent,
  replies: Map<string, Element>,
  at: { alice: ByTag; bob: ByTag; eve: ByTag },
  { alice, bob }: Parties,
): void {
  const what = `${spec.field ?? "to"}='${to}'`;
  const reply = replies.get(tag)!;
  const again = at.alice.get(tag)?.find((r) => r.name === "iq" && r.attrs.id === tag);
  if (again) throw new OracleFailure("iq-reply", `a second reply to a ping with ${what}: ${clip(again)}`);
  if (reply.attrs.type === "error") checkErrorStanza(reply);
  const toMessage = at.alice.get(`${tag}m`) ?? [];
  for (const r of toMessage) if (r.attrs.type === "error") checkErrorStanza(r);
  const leak = at.eve.get(tag)?.[0];
  if (leak)
    throw new OracleFailure(
      "no-leak",
      `a message with ${what} reached the bystander: ${clip(leak)}`,
      spec.field === "from" ? "RFC6120-8.1.2.1-1" : undefined,
    );
  const atBob = at.bob.get(tag) ?? [];
  if (spec.field === "from") {
    judgeClaimedFrom(to, tag, toMessage, atBob, alice);
    return;
  }
  // parsed only for a message bob got: preparing a malformed or over-long address is most of a judgement
  if (atBob.length && !tryParseJid(to)?.bare().equals(bob.jid!.bare()))
    throw new OracleFailure("no-leak", `a message to '${to}' reached bob: ${clip(atBob[0])}`);
}

export const addressLevel: LevelSpec<AddressSpec[]> = {
  level: "address",
  arbitrary: () => batchOf(addressArb()),
  run: runAddresses,
  encode: (i) => i,
  decode: decodeBatch,
  size: batchSize,
  take: batchTake,
};
