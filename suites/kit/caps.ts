// Entity capabilities (XEP-0115): the verification string of §5.1, computed from a disco#info result,
// and the <c/> element a server offers as a stream feature (§6.3) or a client puts in presence (§4).
import { createHash } from "node:crypto";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { type DiscoInfo, readDiscoInfo } from "./discovery.ts";
import { type Element, NS, uid, xml } from "./stanzas.ts";

export const NS_CAPS = "http://jabber.org/protocol/caps";
export const NS_CAPS_OPTIMIZE = "http://jabber.org/protocol/caps#optimize";
const NS_DATA = "jabber:x:data";

/**
 * The IANA Hash Function Textual Names registry (XEP-0115 §9.1: algorithms SHOULD be registered there),
 * each with the node:crypto name that computes it (undefined: registered, but not computable here).
 */
export const IANA_HASHES: Readonly<Record<string, string | undefined>> = {
  md2: undefined,
  md5: "md5",
  "sha-1": "sha1",
  "sha-224": "sha224",
  "sha-256": "sha256",
  "sha-384": "sha384",
  "sha-512": "sha512",
  shake128: undefined,
  shake256: undefined,
};

/** "i;octet" collation (RFC 4790 §9.3, XEP-0115 §5.1): compare the UTF-8 bytes. */
function octetOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** The XEP-0128 forms of a disco#info <query/>, read: FORM_TYPE and the other fields' values. */
interface ExtendedForm {
  formType: string;
  fields: { name: string; values: string[] }[];
}

function formsOf(query: Element): ExtendedForm[] {
  const forms: ExtendedForm[] = [];
  for (const x of query.getChildren("x", NS_DATA)) {
    const fields = x.getChildren("field");
    const typeField = fields.find((f) => f.attrs.var === "FORM_TYPE");
    // §5.4 step 3.3: a form without FORM_TYPE is ignored by the verification string
    if (!typeField) continue;
    forms.push({
      formType: typeField.getChildText("value") ?? "",
      fields: fields
        .filter((f) => f !== typeField && f.attrs.var !== undefined)
        .map((f) => ({ name: f.attrs.var ?? "", values: f.getChildren("value").map((v) => v.getText()) })),
    });
  }
  return forms;
}

/** S of XEP-0115 §5.1, steps 1-7, from a disco#info result. */
export function capsString(info: Pick<DiscoInfo, "identities" | "features" | "query">): string {
  const ids = info.identities
    .map((i) => `${i.category}/${i.type}/${i.lang ?? ""}/${i.name ?? ""}`)
    .sort(octetOrder);
  const features = [...info.features].sort(octetOrder);
  let s = [...ids, ...features].map((x) => `${x}<`).join("");
  const forms = formsOf(info.query).sort((a, b) => octetOrder(a.formType, b.formType));
  for (const form of forms) {
    s += `${form.formType}<`;
    for (const field of [...form.fields].sort((a, b) => octetOrder(a.name, b.name))) {
      s += `${field.name}<`;
      for (const v of [...field.values].sort(octetOrder)) s += `${v}<`;
    }
  }
  return s;
}

/** The verification string (§5.1 steps 8-9): S hashed with `hash` (an IANA name), Base64; undefined if not computable. */
export function capsVer(
  info: Pick<DiscoInfo, "identities" | "features" | "query">,
  hash: string,
): string | undefined {
  const algorithm = IANA_HASHES[hash.toLowerCase()];
  if (!algorithm) return undefined;
  return createHash(algorithm).update(capsString(info), "utf8").digest("base64");
}

/** A presence <c/> annotation (§4). */
export function capsElement(node: string, ver: string, hash = "sha-1"): Element {
  return xml("c", { xmlns: NS_CAPS, hash, node, ver });
}

/** The server's caps stream feature (XEP-0115 §6.3) and the stream header that came with it. */
export interface ServerCaps {
  c: Element;
  header: Element | undefined;
}

/**
 * The <c/> among the stream features: those after authentication `client` saw, else those of a fresh
 * stream before authentication; SKIPs the case when the server offers none (§6.3: a MAY).
 */
export async function serverCaps(ctx: CaseContext, client: Client): Promise<ServerCaps> {
  const after = client.features?.getChild("c", NS_CAPS);
  if (after) return { c: after, header: client.header };
  const s = await ctx.setUp("open a stream to read the features before authentication", () => ctx.open());
  const before = s.features?.getChild("c", NS_CAPS);
  if (!before) return ctx.skip("the server offers no caps stream feature (XEP-0115 §6.3 is a MAY)");
  return { c: before, header: s.header };
}

/** A client's made-up disco#info, unique to the case (so no server has its ver cached), and its <c/>. */
export function clientCaps(node = "https://xmppspec.example/client"): {
  query: Element;
  c: Element;
  nodeVer: string;
} {
  const query = xml(
    "query",
    { xmlns: NS.discoInfo },
    xml("identity", { category: "client", type: "pc", name: "xmppspec" }),
    ...[NS.discoInfo, NS_CAPS, `urn:xmppspec:case:${uid()}`].map((f) => xml("feature", { var: f })),
  );
  const ver = capsVer(readDiscoInfo(query), "sha-1") ?? "";
  return { query, c: capsElement(node, ver), nodeVer: `${node}#${ver}` };
}
