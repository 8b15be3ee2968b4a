// XEP-0030 §4 items: disco#items at the server and at one's own account. Every item has a 'jid' (and a
// 'node' only when not empty, §4.2), holds no character data, and what the server lists answers disco#info
// itself (§2: info about an item is asked of the item).
import { Violation } from "../../harness/errors.ts";
import {
  ANY_STANZA_CONDITION,
  assertInfoResult,
  assertItemsResult,
  assertStanzaError,
  type CaseContext,
  type Client,
  type DiscoItem,
  infoReply,
  itemsReply,
  NS,
  section,
} from "../kit/index.ts";

/** The items the server lists, checked (§4.1, §4.2); SKIP when it refuses or lists none. */
async function serverItems(ctx: CaseContext, s: Client): Promise<DiscoItem[]> {
  const reply = await itemsReply(s, ctx.domain);
  if (reply.attrs.type !== "result")
    return ctx.skip("the server refuses disco#items (see server-items-result)");
  const items = assertItemsResult(reply, `disco#items of ${ctx.domain}`);
  ctx.require(items.length > 0, `${ctx.domain} lists no items`);
  return items;
}

export default section("xep0030", "4.1", "Basic Protocol (disco#items)", [
  {
    id: "xep0030/4.1/server-items-result",
    title: "the server answers disco#items at its domain with a result holding a disco#items <query/>",
    requirements: ["XEP0030-4.1-2", "XEP0030-4.1-3", "XEP0030-7-3", "XEP0030-2-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await itemsReply(alice, ctx.domain);
      if (reply.attrs.type !== "result")
        throw new Violation(`disco#items at ${ctx.domain} was refused: no items is an empty <query/> (§7)`);
      if (!reply.getChild("query", NS.discoItems))
        throw new Violation("the result holds no disco#items <query/>");
    },
  },
  {
    id: "xep0030/4.1/server-items-well-formed",
    title: "every item the server lists has a valid 'jid', a non-empty 'node' if any, and no character data",
    requirements: ["XEP0030-4.1-3", "XEP0030-4.1-4", "XEP0030-4.2-1", "XEP0030-4.2-4", "XEP0030-4.2-5"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await serverItems(ctx, alice);
    },
  },
  {
    id: "xep0030/4.1/server-items-answer-info",
    title: "the items the server lists answer disco#info themselves with well-formed results",
    requirements: ["XEP0030-4.1-3", "XEP0030-3.1-4", "XEP0030-4.3-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const items = (await serverItems(ctx, alice)).slice(0, 8);
      const refused: string[] = [];
      for (const item of items) {
        const what = `disco#info of listed item ${item.jid}${item.node ? ` node ${item.node}` : ""}`;
        const info = await infoReply(alice, item.jid, item.node);
        if (info.attrs.type === "result") assertInfoResult(info, what, item.node);
        else refused.push(what);
      }
      // §7 lets an entity refuse (an external component that is not connected, say); a list of items none of
      // which answers is still a poor list, but no MUST
      ctx.should(
        refused.length < items.length,
        `every listed item refused disco#info: ${refused.join("; ")}`,
      );
    },
  },
  {
    id: "xep0030/4.1/own-account-items",
    title: "disco#items at one's own bare JID is answered by the server: a well-formed result or an error",
    requirements: ["XEP0030-4.1-6", "XEP0030-4.1-2", "XEP0030-4.1-3"],
    users: ["alice:available"],
    async run(_ctx, { alice }) {
      const reply = await itemsReply(alice, alice.bare);
      // §4.1: "return its list of publicly-available items, or return an error"
      if (reply.attrs.type === "result") assertItemsResult(reply, `disco#items of ${alice.bare}`);
      else assertStanzaError(reply, ANY_STANZA_CONDITION);
    },
  },
  {
    id: "xep0030/4.1/own-account-items-resources",
    title: "disco#items at one's own bare JID lists the account's connected resources",
    requirements: ["XEP0030-4.1-7"],
    users: ["alice:available"],
    async run(ctx, { alice }) {
      const reply = await itemsReply(alice, alice.bare);
      if (reply.attrs.type !== "result")
        return ctx.skip("the server refuses disco#items (see own-account-items)");
      const jids = assertItemsResult(reply, `disco#items of ${alice.bare}`).map((i) => i.jid);
      ctx.should(
        jids.includes(alice.full),
        `the account's own connected resource ${alice.full} is not listed: ${jids.join(", ") || "(no items)"}`,
      );
    },
  },
]);
