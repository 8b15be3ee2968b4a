// What the XEP-0030 and XEP-0115 faults (faults/xep0030.ts, faults/xep0115.ts) do to the server's disco
// answers and caps feature, kept apart from disco*.ts so the rule-abiding code stays readable: without
// its fault each hook returns what the XEP asks for.
import { tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { StanzaContext } from "./context.ts";
import type { IqCall } from "./iq.ts";

type Info = { identities: Element[]; features: string[] };

/** disco-no-identity, disco-identity-no-type, disco-feature-child (below), disco-duplicate-feature,
 * disco-identity-names-differ, disco-identity-unstable, caps-feature-unlisted: the server's own info. */
export function bentInfo(ctx: StanzaContext, info: Info): Info {
  let identities = info.identities;
  let features = info.features;
  if (ctx.fault("disco-no-identity")) identities = [];
  if (ctx.fault("disco-identity-no-type")) identities = [xml("identity", { category: "server" })];
  if (ctx.fault("disco-identity-names-differ"))
    identities = [
      xml("identity", { category: "server", type: "im", name: "one" }),
      xml("identity", { category: "pubsub", type: "pep", name: "two" }),
    ];
  if (ctx.fault("disco-identity-unstable") && ++answered % 2 === 0)
    identities = [xml("identity", { category: "component", type: "generic" })];
  if (ctx.fault("disco-duplicate-feature")) features = [...features, features[0]];
  if (ctx.fault("disco-feature-advertised-unhonoured")) features = [...features, ...UNOFFERED];
  if (ctx.fault("caps-feature-unlisted"))
    features = features.filter((f) => f !== "http://jabber.org/protocol/caps");
  return { identities, features };
}
let answered = 0;

/** Features the server does not implement, listed under disco-feature-advertised-unhonoured. */
const UNOFFERED = [
  "jabber:iq:last",
  "vcard-temp",
  "urn:xmpp:blocking",
  "urn:xmpp:carbons:2",
  "jabber:iq:privacy",
  "jabber:iq:private",
  "urn:xmpp:mam:2",
  "http://jabber.org/protocol/pubsub#publish",
];

/** disco-feature-child: a <feature/> with a child (applied to the built <query/>). */
export function featureChild(ctx: StanzaContext, query: Element): Element {
  if (ctx.fault("disco-feature-child"))
    query.getChild("feature")?.append(xml("note", { xmlns: "urn:xmppspec:x" }));
  return query;
}

/** disco-unknown-node-answered: a node the server lacks answered as if it existed. */
export function unknownNodeAnswered(call: IqCall, node: string): boolean {
  if (!call.ctx.fault("disco-unknown-node-answered")) return false;
  call.result(
    xml(
      "query",
      { xmlns: NS.discoInfo, node },
      xml("identity", { category: "server", type: "im" }),
      xml("feature", { var: NS.discoInfo }),
    ),
  );
  return true;
}

/** disco-node-not-mirrored. */
export function nodeNotMirrored(ctx: StanzaContext): boolean {
  return ctx.fault("disco-node-not-mirrored");
}

/** disco-stranger-account-answered: the account's info for anyone. */
export function strangerAnswered(ctx: StanzaContext): boolean {
  return ctx.fault("disco-stranger-account-answered");
}

/** disco-stranger-resources-listed: the account's resources for anyone. */
export function strangerResources(ctx: StanzaContext): boolean {
  return ctx.fault("disco-stranger-resources-listed");
}

/** disco-account-no-identity: an account's info with a 'server' identity instead of 'account'. */
export function accountIdentityDropped(ctx: StanzaContext, info: Info): Info {
  if (!ctx.fault("disco-account-no-identity")) return info;
  return { ...info, identities: [xml("identity", { category: "client", type: "pc" })] };
}

/** disco-account-info-delivered: disco#info for another account handed to its first resource. */
export function accountInfoDelivered(call: IqCall): boolean {
  const account = tryParseJid(call.iq.attrs.to ?? "")?.bare();
  const resource = account ? call.ctx.sessions(account)[0] : undefined;
  if (!resource || !call.ctx.fault("disco-account-info-delivered")) return false;
  call.ctx.send(resource, call.iq);
  return true;
}

/** disco-unknown-account-not-found (info), disco-unknown-account-items-error (items): wrong answers for no account. */
export function unknownAccountRefused(
  ctx: StanzaContext,
  iq: Element,
  reply: (el: Element) => void,
  kind: "info" | "items" = "info",
): boolean {
  const fault = kind === "info" ? "disco-unknown-account-not-found" : "disco-unknown-account-items-error";
  if (!ctx.fault(fault)) return false;
  reply(ctx.error(iq, kind === "info" ? "item-not-found" : "service-unavailable"));
  return true;
}

/** disco-own-resources-unlisted. */
export function ownResourcesHidden(ctx: StanzaContext): boolean {
  return ctx.fault("disco-own-resources-unlisted");
}

/** disco-item-no-jid, disco-item-empty-node, disco-item-text: the server's listed item. */
export function bentItem(ctx: StanzaContext, item: Element): Element {
  if (ctx.fault("disco-item-no-jid")) delete item.attrs.jid;
  if (ctx.fault("disco-item-empty-node")) item.attrs.node = "";
  if (ctx.fault("disco-item-text")) item.append("about");
  return item;
}

/** disco-account-item-no-jid: an account's resource listed by name only. */
export function accountItem(ctx: StanzaContext, jid: string): Element {
  return ctx.fault("disco-account-item-no-jid") ? xml("item", { name: jid }) : xml("item", { jid });
}

/** disco-items-no-query: the server's items as an empty result. */
export function itemsWithoutQuery(call: IqCall): boolean {
  if (!call.ctx.fault("disco-items-no-query")) return false;
  call.result();
  return true;
}

/** disco-hierarchy-type-wrong: the type of the server's node identity. */
export function hierarchyType(ctx: StanzaContext): string {
  return ctx.fault("disco-hierarchy-type-wrong") ? "page" : "leaf";
}

/** caps-ver-wrong: the 'ver' of the server's caps; the true one otherwise. */
export function capsVer(ctx: StanzaContext, ver: string): string {
  return ctx.fault("caps-ver-wrong") ? `${ver.slice(0, -2)}A=` : ver;
}

/** caps-node-listed: the caps node among the server's items. */
export function capsNodeListed(ctx: StanzaContext, domain: string, nodeVer: string): Element[] {
  return ctx.fault("caps-node-listed") ? [xml("item", { jid: domain, node: nodeVer })] : [];
}

/** caps-no-hash, caps-hash-unregistered, caps-ver-whitespace, caps-node-not-url: the stream feature. */
export function bentCapsFeature(ctx: StanzaContext, c: Element): Element {
  if (ctx.fault("caps-no-hash")) delete c.attrs.hash;
  if (ctx.fault("caps-hash-unregistered")) c.attrs.hash = "SHA1";
  if (ctx.fault("caps-ver-whitespace"))
    c.attrs.ver = `${c.attrs.ver?.slice(0, 10)}\n${c.attrs.ver?.slice(10)}`;
  if (ctx.fault("caps-node-not-url")) c.attrs.node = "xmppspec reference server";
  return c;
}

/** disco-listed-node-unanswered. */
export function listedNodeRefused(ctx: StanzaContext): boolean {
  return ctx.fault("disco-listed-node-unanswered");
}

/** caps-node-info-unanswered. */
export function capsNodeRefused(ctx: StanzaContext): boolean {
  return ctx.fault("caps-node-info-unanswered");
}

/**
 * disco-feature-advertised-unhonoured: every IQ the server lists a feature for (disco#info aside, which
 * shows the list) is refused as unknown. True when this answered.
 */
export function listedButRefused(call: IqCall): boolean {
  if (call.payload.getNS() === NS.discoInfo || !call.ctx.fault("disco-feature-advertised-unhonoured"))
    return false;
  call.error("service-unavailable");
  return true;
}
