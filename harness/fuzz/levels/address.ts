// Address level: PRECIS edge cases (RFC 7622), empty and over-long parts, '@invalid', 'a@b@c', as
// the 'to' of an IQ ping and of a message. Oracles: the IQ gets exactly one reply, errors are
// well-formed, a message reaches nobody it was not addressed to, the server stays alive.
import fc from "fast-check";
import { tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import { collectEffects } from "../effects.ts";
import { checkErrorStanza, checkWellFormed, clip } from "../oracles.ts";
import type { Rig } from "../rig.ts";
import { OracleFailure } from "../types.ts";
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
}

function long(n: number, unit: string): string {
  return unit.repeat(n);
}

export function addressArb(): fc.Arbitrary<AddressSpec> {
  const composed = fc
    .record({
      local: fc.option(
        fc.oneof(
          fc.constantFrom(...LOCALS),
          fc.integer({ min: 1000, max: 1100 }).map((n) => long(n, "l")),
        ),
        { nil: undefined },
      ),
      domain: fc.oneof(
        fc.constantFrom(...DOMAINS),
        fc.integer({ min: 1000, max: 1100 }).map((n) => `${long(n, "d")}.invalid`),
      ),
      resource: fc.option(
        fc.oneof(
          fc.constantFrom(...RESOURCES),
          fc.integer({ min: 1000, max: 1100 }).map((n) => long(n, "r")),
        ),
        { nil: undefined },
      ),
    })
    .map(
      ({ local, domain, resource }) =>
        `${local !== undefined ? `${local}@` : ""}${domain}${resource !== undefined ? `/${resource}` : ""}`,
    );
  return fc.oneof(fc.constantFrom(...WHOLE), composed).map((address) => ({ address }));
}

interface Sent {
  to: string;
  tag: string;
  sent: Element[];
}

/** A batch of addresses: for each, an IQ ping and a chat message to it, all in a row, one sync. */
export async function runAddresses(rig: Rig, specs: AddressSpec[]): Promise<void> {
  const p = await rig.getParties();
  const { alice, bob, eve } = p;
  const domain = alice.jid!.domain;
  const batch: Sent[] = [];
  for (const spec of specs) {
    const to = spec.address.replaceAll("$D", domain).replaceAll("$B", bob.jid!.local ?? "");
    const tag = tagOf();
    const sent = [
      xml("iq", { type: "get", id: tag, to }, xml("ping", { xmlns: NS.ping })),
      xml(
        "message",
        { to, type: "chat", id: `${tag}m` },
        xml("body", {}, "fuzz"),
        xml("fz", { xmlns: FUZZ_NS, n: tag }),
      ),
    ];
    batch.push({ to, tag, sent });
    for (const el of sent) await alice.send(el);
  }
  await syncParties(p, new Set(batch.map((b) => b.tag)));
  const replies = new Map<string, Element>();
  for (const { to, tag } of batch) replies.set(tag, await replyTo(alice, tag, `a ping to '${to}'`));
  // a second reply would come before the answer to this ping (RFC 6120 §10.1)
  await pingBarrier(alice);
  checkWellFormed(rig, [alice, bob, eve]);
  // the first replies go to the observer with the rest; the oracle below reads only what came after them
  const effects = collectEffects(rig, p, batch, [...replies.values()]);
  const atAlice = effects.alice.slice(replies.size);
  const { bob: atBob, eve: atEve } = effects;
  for (const { to, tag } of batch) {
    const reply = replies.get(tag)!;
    const again = atAlice.filter((r) => r.name === "iq" && r.attrs.id === tag);
    if (again.length)
      throw new OracleFailure("iq-reply", `a second reply to a ping to '${to}': ${clip(again[0])}`);
    if (reply.attrs.type === "error") checkErrorStanza(reply);
    for (const r of atAlice) if (r.attrs.type === "error" && r.attrs.id === `${tag}m`) checkErrorStanza(r);
    const tagged = (el: Element) => el.getChild("fz", FUZZ_NS)?.attrs.n === tag || el.attrs.id === tag;
    const leak = atEve.find(tagged);
    if (leak) throw new OracleFailure("no-leak", `a message to '${to}' reached the bystander: ${clip(leak)}`);
    const addressed = tryParseJid(to);
    const forBob = !!addressed && addressed.bare().equals(bob.jid!.bare());
    const atBobTagged = atBob.find(tagged);
    if (atBobTagged && !forBob)
      throw new OracleFailure("no-leak", `a message to '${to}' reached bob: ${clip(atBobTagged)}`);
  }
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
