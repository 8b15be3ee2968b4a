// Entity capabilities (XEP-0115) as a PEP subscriber's client sends them: the features it announces
// (with "<node>+notify" for the PEP nodes it wants, XEP-0163 §4.2), the verification string, the <c/>
// for its presence, and the answers to the disco#info queries a server sends to learn what a 'ver' means.

import { readDiscoInfo } from "../../harness/disco.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { capsElement, capsVer } from "./caps.ts";
import { type Element, NS, uid, xml } from "./stanzas.ts";

const CAPS_NODE = "https://xmppspec.invalid/caps";
const IDENTITY = { category: "client", type: "pc", name: "xmppspec" };

export interface Caps {
  node: string;
  ver: string;
  features: string[];
}

/**
 * The caps of a client that wants notifications of `notify` nodes. A feature of its own makes each
 * client's 'ver' new to the server, so the server asks (and no cache from another case answers for it).
 */
export function capsFor(notify: string[], extra: string[] = []): Caps {
  const features = [
    NS.discoInfo,
    ...notify.map((n) => `${n}+notify`),
    ...extra,
    `urn:xmppspec:client:${uid()}`,
  ].sort();
  const query = xml(
    "query",
    { xmlns: NS.discoInfo },
    xml("identity", IDENTITY),
    ...features.map((f) => xml("feature", { var: f })),
  );
  return { node: CAPS_NODE, ver: capsVer(readDiscoInfo(query), "sha-1") ?? "", features };
}

/** The <c/> of XEP-0115 §4 for a subscriber's presence. */
export function notifyCaps(caps: Caps): Element {
  return capsElement(caps.node, caps.ver);
}

/** Is `el` a disco#info get for `caps` (node#ver, XEP-0115 §6.2)? */
function isCapsQuery(el: Element, caps: Caps): boolean {
  const q = el.getChild("query", NS.discoInfo);
  return el.name === "iq" && el.attrs.type === "get" && q?.attrs.node === `${caps.node}#${caps.ver}`;
}

/**
 * Answer every disco#info query for `caps` that reaches `client` until its stream ends, as the client
 * it plays would. Resolves the returned promise once the first query was answered.
 */
export function answerCapsQueries(ctx: CaseContext, client: Client, caps: Caps): Promise<void> {
  let first: (() => void) | undefined;
  const answered = new Promise<void>((resolve) => {
    first = resolve;
  });
  const loop = async () => {
    for (;;) {
      const q = await client.expect((el) => isCapsQuery(el, caps), 600_000);
      const node = `${caps.node}#${caps.ver}`;
      // a server may ask from the client's own full JID (ejabberd does): the answer then goes back to
      // that JID, and the request that arrived with its id is no altered copy of it
      if (q.attrs.id)
        ctx.allowAltered(q.attrs.id, "XEP-0115 §6.2: the answer to a caps query goes to the query's 'from'");
      await client.send(
        xml(
          "iq",
          { type: "result", id: q.attrs.id ?? "", ...(q.attrs.from ? { to: q.attrs.from } : {}) },
          xml(
            "query",
            { xmlns: NS.discoInfo, node },
            xml("identity", IDENTITY),
            ...caps.features.map((f) => xml("feature", { var: f })),
          ),
        ),
      );
      first?.();
    }
  };
  loop().catch(() => {}); // the stream ended: nothing left to answer
  return answered;
}
