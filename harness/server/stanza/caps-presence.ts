// Entity capabilities in client presence (XEP-0115): the server learns a client's identity and features
// by querying its caps node#ver at its full JID (§6.2), once per verification string; the annotation itself
// is relayed as the client sent it (the server does no caps optimization, §8.4, so it has no caps#optimize).
import { type Element, NS, xml } from "../../xml/element.ts";
import type { BoundSession } from "../types.ts";
import { NS_CAPS } from "./caps.ts";
import type { StanzaContext } from "./context.ts";
import { capsQueryTarget } from "./fault-hooks-caps.ts";

/** The node#ver strings already queried (their answers are not verified: the server keeps no caps cache). */
const queried = new Set<string>();

/** On a client's presence carrying <c/>: ask the client once for the identity and features behind it. */
export function queryClientCaps(ctx: StanzaContext, session: BoundSession, presence: Element): void {
  if (presence.name !== "presence" || presence.attrs.type !== undefined || presence.attrs.to !== undefined)
    return;
  const c = presence.getChild("c", NS_CAPS);
  const node = c?.attrs.node;
  const ver = c?.attrs.ver;
  if (!node || !ver || !c.attrs.hash) return;
  const nodeVer = `${node}#${ver}`;
  if (queried.has(nodeVer)) return;
  queried.add(nodeVer);
  const target = capsQueryTarget(ctx, session, nodeVer);
  session.send(
    xml(
      "iq",
      { type: "get", id: ctx.newId("caps"), from: session.jid.domain, to: target.to },
      xml("query", { xmlns: NS.discoInfo, ...(target.node === undefined ? {} : { node: target.node }) }),
    ),
  );
}
