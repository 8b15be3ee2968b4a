// XEP-0030 §3.1 at the server's own JID: it answers disco#info with identities and features in the shape
// the XEP fixes; XEP-0030 is on every server of the compliance suites (XEP-0479), so nothing here SKIPs.
import { Violation } from "../../harness/errors.ts";
import {
  assertInfoResult,
  type CaseContext,
  type Client,
  duplicatesIn,
  type Element,
  infoReply,
  NS,
  section,
} from "../kit/index.ts";

/** The <query/> of the server's disco#info result; SKIP without one (server-info-result grades that). */
async function serverInfoQuery(ctx: CaseContext, s: Client): Promise<Element> {
  const reply = await infoReply(s, ctx.domain);
  const query = reply.getChild("query", NS.discoInfo);
  if (reply.attrs.type !== "result" || !query)
    return ctx.skip("the server gives no disco#info result (see server-info-result)");
  return query;
}

export default section("xep0030", "3.1", "Basic Protocol (disco#info)", [
  {
    id: "xep0030/3.1/server-info-result",
    title: "the server answers disco#info at its domain with a result holding identities and features",
    requirements: ["XEP0030-3.1-4", "XEP0030-3.1-5", "XEP0030-3.1-6", "XEP0030-2-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await infoReply(alice, ctx.domain);
      if (reply.attrs.type !== "result")
        throw new Violation(
          `the server refused disco#info at ${ctx.domain}: every entity supports it (§3.1)`,
        );
      const query = reply.getChild("query", NS.discoInfo);
      if (!query) throw new Violation(`the result holds no <query xmlns='${NS.discoInfo}'/>`);
      if (query.getChildren("identity").length === 0) throw new Violation("the result lists no <identity/>");
      if (query.getChildren("feature").length === 0) throw new Violation("the result lists no <feature/>");
    },
  },
  {
    id: "xep0030/3.1/server-identity-category-type",
    title: "every identity of the server has a 'category' and a 'type'",
    requirements: ["XEP0030-3.1-8"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const query = await serverInfoQuery(ctx, alice);
      for (const i of query.getChildren("identity"))
        if (!i.attrs.category || !i.attrs.type)
          throw new Violation(`an identity lacks category or type: ${i.toString()}`);
    },
  },
  {
    id: "xep0030/3.1/server-feature-var",
    title: "every feature of the server has a 'var' and no children",
    requirements: ["XEP0030-3.1-9"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const query = await serverInfoQuery(ctx, alice);
      for (const f of query.getChildren("feature"))
        if (!f.attrs.var || f.children.length > 0)
          throw new Violation(`a feature without 'var' or with content: ${f.toString()}`);
    },
  },
  {
    id: "xep0030/3.1/server-no-duplicates",
    title: "the server lists each feature and each identity once",
    requirements: ["XEP0030-3.1-5"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const info = assertInfoResult(await infoReply(alice, ctx.domain), `disco#info of ${ctx.domain}`);
      const twice = duplicatesIn(info);
      // XEP-0030 does not forbid a repeat, but XEP-0115 §5.4 makes caps processors reject such a result
      ctx.should(
        twice.length === 0,
        `listed more than once: ${twice.join(", ")} (XEP-0115 §5.4 holds such a result ill-formed)`,
      );
    },
  },
  {
    id: "xep0030/3.1/server-identity-names-agree",
    title: "where the server has several identities, their names agree",
    requirements: ["XEP0030-3.1-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const info = assertInfoResult(await infoReply(alice, ctx.domain), `disco#info of ${ctx.domain}`);
      // names per language: a localized name differs by design (§3.1: xml:lang)
      const byLang = new Map<string, Set<string>>();
      for (const i of info.identities)
        if (i.name !== undefined)
          byLang.set(i.lang ?? "", (byLang.get(i.lang ?? "") ?? new Set()).add(i.name));
      const differ = [...byLang.values()].find((names) => names.size > 1);
      ctx.should(
        !differ,
        `the server's identities carry different names: ${[...(differ ?? [])].join(" / ")}`,
      );
    },
  },
]);
