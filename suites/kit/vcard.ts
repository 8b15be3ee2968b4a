// vcard-temp (XEP-0054) for the suites: the requests, a vCard in the §8 format to store, and the
// comparison of what comes back with what was stored.
import { Violation } from "../../harness/errors.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { requireServerFeature } from "./discovery.ts";
import { clip, type Element, uid, xml } from "./stanzas.ts";

export const NS_VCARD = "vcard-temp";

/** An IQ get of a vCard: one's own without `to` (§3.1), another's with its bare JID (§3.3). */
export function vcardGet(to?: string): Element {
  return xml(
    "iq",
    { type: "get", id: `vc-${uid()}`, ...(to ? { to } : {}) },
    xml("vCard", { xmlns: NS_VCARD }),
  );
}

/** An IQ set of a vCard (§3.2): no `to` for one's own. */
export function vcardSet(card: Element, to?: string): Element {
  return xml("iq", { type: "set", id: `vc-${uid()}`, ...(to ? { to } : {}) }, card);
}

/** A vCard in the §8 format (ALL CAPS, NUMBER, USERID) whose fields carry `tag`, so each case's is its own. */
export function sampleCard(tag: string, o: { desc?: boolean } = {}): Element {
  return xml(
    "vCard",
    { xmlns: NS_VCARD },
    xml("FN", {}, `Tester ${tag}`),
    xml("N", {}, xml("FAMILY", {}, `Family-${tag}`), xml("GIVEN", {}, `Given-${tag}`)),
    xml("NICKNAME", {}, `nick-${tag}`),
    xml("TEL", {}, xml("HOME"), xml("VOICE"), xml("NUMBER", {}, "+1-555-0199")),
    xml("EMAIL", {}, xml("INTERNET"), xml("USERID", {}, `${tag}@example.org`)),
    o.desc === false ? null : xml("DESC", {}, `About ${tag}`),
  );
}

/** The <vCard/> of an IQ result, or undefined when it carries none. */
export function cardOf(reply: Element): Element | undefined {
  return reply.getChild("vCard", NS_VCARD);
}

/** Each leaf of `card` as "PATH=text" (TEL/NUMBER=+1-555-0199; an empty leaf as "HOME="). */
function leaves(card: Element, prefix = ""): string[] {
  const out: string[] = [];
  for (const c of card.getChildElements()) {
    const path = `${prefix}${c.name}`;
    if (c.getChildElements().length === 0) out.push(`${path}=${c.getText().trim()}`);
    else out.push(...leaves(c, `${path}/`));
  }
  return out;
}

/** The fields of `sent` that `got` lacks or holds with other content (empty: it holds them all). */
export function missingFields(got: Element, sent: Element): string[] {
  const have = new Set(leaves(got));
  return leaves(sent).filter((l) => !have.has(l));
}

/** Fail unless the result carries a vCard holding every field of `sent` unchanged (§3.1: "return"). */
export function assertCardHolds(reply: Element, sent: Element, what: string): Element {
  const card = cardOf(reply);
  if (reply.attrs.type !== "result" || !card)
    throw new Violation(`${what}: expected an IQ-result with the stored <vCard/>, got ${clip(reply)}`);
  const missing = missingFields(card, sent);
  if (missing.length)
    throw new Violation(
      `${what}: the vCard returned lacks stored fields ${missing.join(", ")}: ${clip(card)}`,
    );
  return card;
}

/** Store `card` as `client`'s vCard: a set-up step (§3.2 answers it with a result). */
export function storeCard(ctx: CaseContext, client: Client, card: Element): Promise<Element> {
  return ctx.setUp(`${client.bare} stores its vCard`, () => client.iqResult(vcardSet(card), "vCard set"));
}

/** SKIPs unless the server advertises vcard-temp (XEP-0054 §4). */
export function requireVcard(ctx: CaseContext, client: Client): Promise<unknown> {
  return requireServerFeature(ctx, client, NS_VCARD, "XEP-0054");
}

/**
 * The vCard `client` reads as its own (a set-up step): what another user's get must return (§3.3), and
 * what a refused set must leave (§3.2), whatever §3.1 makes of the stored one.
 */
export function ownView(ctx: CaseContext, client: Client): Promise<Element> {
  return ctx.setUp(`${client.bare} reads its own vCard`, async () => {
    const card = cardOf(await client.iqResult(vcardGet(), "own vCard get"));
    if (!card) throw new Violation(`${client.bare}'s own vCard get returned no <vCard/>`);
    return card;
  });
}
