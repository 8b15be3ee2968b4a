// Service discovery (XEP-0030) requests and answers, read: what the suites' gates and the profile's claims
// both ask a target.
import { type Element, NS, xml } from "./xml/element.ts";

export interface DiscoIdentity {
  category: string;
  type: string;
  name?: string;
  lang?: string;
}

/** A disco#info result, read. */
export interface DiscoInfo {
  identities: DiscoIdentity[];
  features: string[];
  /** The <query/> as received (extension forms, XEP-0128, live here). */
  query: Element;
}

/** A disco#info get to `to` (a node of it when given). */
export function discoInfoGet(to: string, node?: string): Element {
  return xml("iq", { type: "get", to }, xml("query", { xmlns: NS.discoInfo, ...(node ? { node } : {}) }));
}

/** A disco#items get to `to` (a node of it when given). */
export function discoItemsGet(to: string, node?: string): Element {
  return xml("iq", { type: "get", to }, xml("query", { xmlns: NS.discoItems, ...(node ? { node } : {}) }));
}

/** The identities and features of a disco#info <query/>. */
export function readDiscoInfo(query: Element): DiscoInfo {
  const identities = query.getChildren("identity").map((i) => ({
    category: i.attrs.category ?? "",
    type: i.attrs.type ?? "",
    ...(i.attrs.name === undefined ? {} : { name: i.attrs.name }),
    ...(i.attrs["xml:lang"] === undefined ? {} : { lang: i.attrs["xml:lang"] }),
  }));
  const features = query.getChildren("feature").map((f) => f.attrs.var ?? "");
  return { identities, features, query };
}

/** The disco#info of a result IQ (an empty one when the result has no <query/>). */
export function discoInfoOf(reply: Element): DiscoInfo {
  return readDiscoInfo(reply.getChild("query", NS.discoInfo) ?? xml("query", { xmlns: NS.discoInfo }));
}
