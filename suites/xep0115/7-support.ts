// XEP-0115 §7 and §6.2: a server that offers its caps advertises the protocol in its disco#info, and does
// not list its caps node among its items (a "phantom" node, not an items node).
import { Violation } from "../../harness/errors.ts";
import {
  assertInfoResult,
  assertItemsResult,
  infoReply,
  itemsReply,
  NS_CAPS,
  section,
  serverCaps,
} from "../kit/index.ts";

export default section("xep0115", "7", "Determining Support", [
  {
    id: "xep0115/7/caps-feature-listed",
    title: "a server offering its caps lists http://jabber.org/protocol/caps in its disco#info",
    requirements: ["XEP0115-7-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const { header } = await serverCaps(ctx, alice);
      const jid = header?.attrs.from ?? ctx.domain;
      const info = assertInfoResult(await infoReply(alice, jid), `disco#info of ${jid}`);
      if (!info.features.includes(NS_CAPS))
        throw new Violation(`the server offers caps but does not list ${NS_CAPS}`);
    },
  },
  {
    id: "xep0115/6.2/caps-node-not-listed",
    title: "the server does not list its caps node among its disco#items",
    requirements: ["XEP0115-6.2-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const { c, header } = await serverCaps(ctx, alice);
      const jid = header?.attrs.from ?? ctx.domain;
      const reply = await itemsReply(alice, jid);
      if (reply.attrs.type !== "result")
        return ctx.skip("the server refuses disco#items (see xep0030/4.1/server-items-result)");
      const phantom = assertItemsResult(reply, `disco#items of ${jid}`).filter((i) =>
        i.node?.startsWith(`${c.attrs.node ?? ""}#`),
      );
      ctx.should(
        phantom.length === 0,
        `the caps node is listed as an item: ${phantom.map((i) => i.node).join(", ")}`,
      );
    },
  },
]);
