// XEP-0280 §10.1: a client may enable and disable carbons any number of times in a session; a repeated
// <enable/> or <disable/> is answered with a result, not an error (SHOULD). A server whose policy forbids
// carbons for the account may refuse the first <enable/> (§4): that SKIPs.
import { Violation } from "../../harness/errors.ts";
import {
  type CaseContext,
  type Client,
  carbonOf,
  carbonsPeer,
  carbonsRequest,
  chatMessage,
  checkCarbon,
  requireCarbons,
  section,
} from "../kit/index.ts";

/** The answer to a carbons request: "result", or the error condition. */
async function answer(client: Client, what: "enable" | "disable"): Promise<string> {
  const reply = await client.iq(carbonsRequest(what));
  if (reply.attrs.type === "result") return "result";
  const cond = reply.getChild("error")?.getChildElements()[0]?.name ?? "?";
  return `error <${cond}/>`;
}

/** The first <enable/>: a refusal is the server's policy (§4), not a verdict here. */
async function firstEnable(ctx: CaseContext, client: Client): Promise<void> {
  await requireCarbons(ctx, client);
  const first = await answer(client, "enable");
  ctx.require(first === "result", `the server refuses carbons for this account (${first}; XEP-0280 §4)`);
}

export default section("xep0280", "10.1", "Handling Multiple Enable/Disable Requests", [
  {
    id: "xep0280/10.1/enable-twice",
    title: "a second <enable/> while carbons are enabled is answered with a result",
    requirements: ["XEP0280-10.1-2", "XEP0280-10.1-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await firstEnable(ctx, alice);
      const again = await answer(alice, "enable");
      ctx.should(again === "result", `the second <enable/> got ${again}, not a result`);
    },
  },
  {
    id: "xep0280/10.1/disable-twice",
    title: "<disable/> twice in a row (carbons never enabled) is answered with results",
    requirements: ["XEP0280-10.1-4", "XEP0280-10.1-5"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireCarbons(ctx, alice);
      const first = await answer(alice, "disable");
      const again = await answer(alice, "disable");
      ctx.should(first === "result", `<disable/> with carbons off got ${first}, not a result`);
      ctx.should(again === "result", `the second <disable/> got ${again}, not a result`);
    },
  },
  {
    id: "xep0280/10.1/enable-disable-enable",
    title:
      "a resource that enabled, disabled and enabled carbons again gets results each time, and carbons again afterwards",
    requirements: ["XEP0280-10.1-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice", { enable: false });
      await firstEnable(ctx, peer);
      for (const what of ["disable", "enable"] as const) {
        const got = await answer(peer, what);
        if (got !== "result")
          throw new Violation(`carbons <${what}/> after a toggle got ${got}, not a result`);
      }
      const msg = chatMessage(alice.full, "toggle");
      const carbon = peer.expect(carbonOf("toggle"));
      await bob.send(msg);
      checkCarbon(ctx, await carbon, { kind: "received", receiver: peer, sent: msg, sender: bob.full });
    },
  },
]);
