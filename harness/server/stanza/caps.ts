// Entity capabilities (XEP-0115) of the server itself: the verification string of its disco#info (§5.1)
// and the caps stream feature that carries it (§6.3). The server's disco#info has no lang-tagged
// identities and no XEP-0128 forms, so S is identities then features, each sorted by octets.
import { createHash } from "node:crypto";
import { type Element, xml } from "../../xml/element.ts";

export const NS_CAPS = "http://jabber.org/protocol/caps";
/** The caps 'node': a URL about the software (§4, RECOMMENDED). */
export const CAPS_NODE = "https://xmppspec.example/reference-server";

const byOctets = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The SHA-1 verification string of identities and features (§5.1 steps 1-5, 8-9). */
export function verificationString(info: { identities: Element[]; features: string[] }): string {
  const ids = info.identities.map(
    (i) => `${i.attrs.category}/${i.attrs.type}/${i.attrs["xml:lang"] ?? ""}/${i.attrs.name ?? ""}<`,
  );
  const s = [...ids.sort(byOctets), ...[...info.features].sort(byOctets).map((f) => `${f}<`)].join("");
  return createHash("sha1").update(s, "utf8").digest("base64");
}

/** <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node=... ver=.../> for the stream features. */
export function capsFeature(ver: string): Element {
  return xml("c", { xmlns: NS_CAPS, hash: "sha-1", node: CAPS_NODE, ver });
}
