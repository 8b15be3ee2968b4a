// XEP-0115 §6.2: an entity that learns a client's capabilities sends disco#info to the client's exact full
// JID, with node = caps node '#' ver. A server need not query its clients' caps (SKIP when it does not);
// one that does is held to these rules.
import { Violation } from "../../harness/errors.ts";
import { clientCaps, NS, presence, section, xml } from "../kit/index.ts";

export default section("xep0115", "6.2", "Discovering Capabilities", [
  {
    id: "xep0115/6.2/server-query-addressed",
    title: "a server that queries a client's caps sends disco#info to its full JID with node#ver",
    requirements: ["XEP0115-6.2-1", "XEP0115-6.2-3", "XEP0115-6.2-4"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const { c, nodeVer, query } = clientCaps();
      const p = presence();
      p.append(c);
      await alice.send(p);
      await alice.barrier();
      const asked = alice.inbox.find(
        (el) => el.name === "iq" && el.attrs.type === "get" && !!el.getChild("query", NS.discoInfo),
      );
      if (!asked)
        return ctx.skip("the server sent no disco#info for the client's caps (it need not query them)");
      alice.inbox.splice(alice.inbox.indexOf(asked), 1);
      // our answer reuses the query's id (RFC 6120 §8.2.3): not a relayed stanza the server altered
      ctx.allowAltered(
        asked.attrs.id ?? "",
        "the answer to the server's own caps query carries the query's id",
      );
      const node = asked.getChild("query", NS.discoInfo)?.attrs.node;
      // answered first, so the server is not left waiting whatever the verdict
      await alice.send(
        xml(
          "iq",
          { type: "result", id: asked.attrs.id ?? "", to: asked.attrs.from },
          xml("query", { ...query.attrs, ...(node ? { node } : {}) }, ...query.children),
        ),
      );
      if (asked.attrs.to !== alice.full)
        throw new Violation(
          `the caps query went to '${asked.attrs.to ?? ""}', not the full JID ${alice.full}`,
        );
      if (node === undefined)
        throw new Violation("the caps query carries no 'node' (§6.2: it MUST be included)");
      ctx.should(node === nodeVer, `the caps query's node is '${node}', not node#ver '${nodeVer}'`);
    },
  },
]);
