// Service discovery answers (XEP-0030) checked as the XEP requires: the shape of a disco#info or
// disco#items result (§3.1, §3.2, §4.1, §4.2, §4.3), for the XEP-0030 and XEP-0115 suites.
import { Violation } from "../../harness/errors.ts";
import { tryParseJid } from "../../harness/jid.ts";
import type { Session } from "../../harness/session.ts";
import { type DiscoInfo, discoInfoGet, discoItemsGet, readDiscoInfo } from "./discovery.ts";
import { clip, type Element, NS } from "./stanzas.ts";

/** Sends a disco#info get (a node of `to` when given) and returns the reply, result or error. */
export function infoReply(s: Session, to: string, node?: string): Promise<Element> {
  return s.iq(discoInfoGet(to, node));
}

/** Sends a disco#items get and returns the reply, result or error. */
export function itemsReply(s: Session, to: string, node?: string): Promise<Element> {
  return s.iq(discoItemsGet(to, node));
}

/** The <query/> of a result in `ns`, mirroring `node` (§3.2: the response MUST mirror it); else a Violation. */
function resultQuery(reply: Element, ns: string, what: string, node?: string): Element {
  if (reply.attrs.type !== "result") throw new Violation(`${what}: expected a result, got ${clip(reply)}`);
  const query = reply.getChild("query", ns);
  if (!query) throw new Violation(`${what}: the result has no <query xmlns='${ns}'/>: ${clip(reply)}`);
  if (node !== undefined && query.attrs.node !== node)
    throw new Violation(
      `${what}: the <query/> carries node '${query.attrs.node ?? "(none)"}', not the requested '${node}'`,
    );
  return query;
}

/**
 * A disco#info result as §3.1 requires: a <query/> with one or more identities, each with 'category' and
 * 'type', and one or more features, each with a 'var' and no children; `node` mirrored (§3.2).
 */
export function assertInfoResult(reply: Element, what: string, node?: string): DiscoInfo {
  const query = resultQuery(reply, NS.discoInfo, what, node);
  const identities = query.getChildren("identity");
  const features = query.getChildren("feature");
  if (identities.length === 0) throw new Violation(`${what}: the result lists no <identity/>`);
  if (features.length === 0) throw new Violation(`${what}: the result lists no <feature/>`);
  const bad = identities.find((i) => !i.attrs.category || !i.attrs.type);
  if (bad) throw new Violation(`${what}: an <identity/> lacks 'category' or 'type': ${clip(bad)}`);
  const badFeature = features.find((f) => !f.attrs.var || f.children.length > 0);
  if (badFeature)
    throw new Violation(`${what}: a <feature/> lacks 'var' or has content: ${clip(badFeature)}`);
  const hierarchy = identities.find(
    (i) => i.attrs.category === "hierarchy" && !["branch", "leaf"].includes(i.attrs.type ?? ""),
  );
  if (hierarchy)
    throw new Violation(
      `${what}: a 'hierarchy' identity that is neither branch nor leaf (§4.3): ${clip(hierarchy)}`,
    );
  return readDiscoInfo(query);
}

/** Features listed twice and identities (category/type/lang/name) listed twice. */
export function duplicatesIn(info: DiscoInfo): string[] {
  const twice = (list: string[]) => list.filter((x, i) => list.indexOf(x) !== i);
  const ids = info.identities.map((i) => `${i.category}/${i.type}/${i.lang ?? ""}/${i.name ?? ""}`);
  return [...new Set([...twice(info.features), ...twice(ids)])];
}

/** One listed item of a disco#items result. */
export interface DiscoItem {
  jid: string;
  node?: string;
  name?: string;
}

/**
 * A disco#items result as §4.1 and §4.2 require: a <query/> whose every <item/> has a 'jid' (a valid JID),
 * a 'node' only when not empty, and no character data; `node` mirrored.
 */
export function assertItemsResult(reply: Element, what: string, node?: string): DiscoItem[] {
  const query = resultQuery(reply, NS.discoItems, what, node);
  return query.getChildren("item").map((item) => {
    const jid = item.attrs.jid;
    if (!jid || !tryParseJid(jid))
      throw new Violation(`${what}: an <item/> without a valid 'jid': ${clip(item)}`);
    if (item.attrs.node === "")
      throw new Violation(`${what}: an <item/> with an empty 'node': ${clip(item)}`);
    if (item.getText().trim() !== "")
      throw new Violation(`${what}: an <item/> holds character data: ${clip(item)}`);
    return {
      jid,
      ...(item.attrs.node === undefined ? {} : { node: item.attrs.node }),
      ...(item.attrs.name === undefined ? {} : { name: item.attrs.name }),
    };
  });
}

/** The defined condition of an error reply (undefined for a result or an error without one). */

/** The server answered for the account (§3.1, §4.1: "the server itself MUST reply on behalf of the hosted account"). */
export function assertAnsweredFor(reply: Element, bare: string): void {
  if (reply.attrs.from !== bare)
    throw new Violation(
      `the answer comes from '${reply.attrs.from ?? ""}', not the account's bare JID ${bare}`,
    );
}
