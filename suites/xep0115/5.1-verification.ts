// XEP-0115 §5.1: the 'ver' of the server's caps stream feature is the verification string of its own
// disco#info, asked at the JID of its stream header (§6.3) with no node and at node#ver (§6.2).
import { Violation } from "../../harness/errors.ts";
import {
  assertInfoResult,
  type CaseContext,
  type Client,
  capsString,
  capsVer,
  clip,
  type DiscoInfo,
  discoInfoGet,
  infoReply,
  section,
  serverCaps,
} from "../kit/index.ts";

/** The server's caps and the JID it answers disco at (the stream header's 'from', else the domain). */
async function capsAndJid(ctx: CaseContext, alice: Client) {
  const { c, header } = await serverCaps(ctx, alice);
  const hash = c.attrs.hash ?? "";
  if (capsVer({ identities: [], features: [], query: c }, hash) === undefined)
    ctx.skip(`the caps hash '${hash}' is not one the suite computes (see feature-hash-registered)`);
  return {
    c,
    hash,
    jid: header?.attrs.from ?? ctx.domain,
    nodeVer: `${c.attrs.node ?? ""}#${c.attrs.ver ?? ""}`,
  };
}

function assertVer(info: DiscoInfo, hash: string, ver: string | undefined, where: string): void {
  const want = capsVer(info, hash);
  if (want !== ver)
    throw new Violation(
      `the caps 'ver' is '${ver ?? ""}', but ${where} hashes to '${want ?? ""}' (S = ${clip(capsString(info), 400)})`,
    );
}

export default section("xep0115", "5.1", "Generation Method", [
  {
    id: "xep0115/5.1/ver-base64",
    title: "the server's caps 'ver' is Base64 without whitespace, with zero padding bits",
    requirements: ["XEP0115-5.1-4"],
    serverGenerated: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { c } = await serverCaps(ctx, alice);
      const ver = c.attrs.ver ?? "";
      const canonical = Buffer.from(ver, "base64").toString("base64");
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(ver) || canonical !== ver)
        throw new Violation(`the caps 'ver' '${ver}' is not canonical Base64 (RFC 4648 §4)`);
    },
  },
  {
    id: "xep0115/5.1/ver-matches-server-info",
    title: "the server's caps 'ver' is the verification string of its disco#info",
    requirements: ["XEP0115-5.1-1", "XEP0115-5.1-2", "XEP0115-5.1-3", "XEP0115-5.1-5", "XEP0115-9.2-1"],
    serverGenerated: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { c, hash, jid } = await capsAndJid(ctx, alice);
      const info = assertInfoResult(await infoReply(alice, jid), `disco#info of ${jid}`);
      assertVer(info, hash, c.attrs.ver, `the disco#info of ${jid}`);
    },
  },
  {
    id: "xep0115/5.1/node-ver-info",
    title:
      "disco#info at the server's caps node#ver answers, node mirrored, with the identity and features its 'ver' hashes",
    requirements: ["XEP0115-5.1-1", "XEP0115-6.2-5", "XEP0030-3.2-2"],
    serverGenerated: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { c, hash, jid, nodeVer } = await capsAndJid(ctx, alice);
      const info = assertInfoResult(
        await infoReply(alice, jid, nodeVer),
        `disco#info of ${jid} at ${nodeVer}`,
        nodeVer,
      );
      assertVer(info, hash, c.attrs.ver, `the disco#info at ${nodeVer}`);
    },
  },
  {
    id: "xep0115/5.1/node-ver-info-any-lang",
    title: "disco#info at node#ver asked in another xml:lang still returns every identity its 'ver' hashes",
    requirements: ["XEP0115-6.2-5"],
    serverGenerated: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { c, hash, jid, nodeVer } = await capsAndJid(ctx, alice);
      const iq = discoInfoGet(jid, nodeVer);
      iq.attrs["xml:lang"] = "x-xmppspec";
      const info = assertInfoResult(
        await alice.iq(iq),
        `disco#info of ${jid} at ${nodeVer} (xml:lang x-xmppspec)`,
        nodeVer,
      );
      assertVer(info, hash, c.attrs.ver, "the disco#info asked in another language");
    },
  },
]);
