// XEP-0030 §3.1 at accounts: the server answers disco#info sent to an account's bare JID itself (never a
// resource), with the 'account' identity where access is not denied; a full JID is the client's to answer,
// so the server routes the query there (RFC 6120 §10.5.4) or refuses it when no such resource is connected.
import { Violation } from "../../harness/errors.ts";
import {
  assertAnsweredFor,
  assertInfoResult,
  assertStanzaError,
  type CaseContext,
  clip,
  discoInfoGet,
  type Element,
  infoReply,
  NS,
  nothingReaches,
  section,
  subscribe,
  uid,
  xml,
} from "../kit/index.ts";

/** A disco#info query arriving at a client. */
const INFO_QUERY = { name: "iq", child: { name: "query", ns: NS.discoInfo } };

/** §3.1: "if access is not denied" a result, whose identity (any of them: the XEP does not say which is
 * "primary") SHOULD be of category 'account'. */
function accountIdentity(ctx: CaseContext, reply: Element, bare: string): void {
  ctx.should(reply.attrs.type === "result", `disco#info at ${bare} was refused: ${clip(reply, 200)}`);
  if (reply.attrs.type !== "result") return;
  const info = assertInfoResult(reply, `disco#info of ${bare}`);
  const ids = info.identities.map((i) => `${i.category}/${i.type}`).join(", ");
  ctx.should(
    info.identities.some((i) => i.category === "account"),
    `no identity of category 'account': ${ids}`,
  );
}

export default section("xep0030", "3.1", "Basic Protocol (disco#info at accounts)", [
  {
    id: "xep0030/3.1/own-account-info-answered",
    title:
      "disco#info to one's own bare JID is answered by the server, with a well-formed result or an error",
    requirements: ["XEP0030-3.1-12", "XEP0030-3.1-4"],
    users: ["alice:available"],
    async run(_ctx, { alice }) {
      const reply = await infoReply(alice, alice.bare);
      if (reply.attrs.type === "result") assertInfoResult(reply, `disco#info of ${alice.bare}`);
      else
        assertStanzaError(reply, [
          "service-unavailable",
          "forbidden",
          "not-allowed",
          "feature-not-implemented",
          "item-not-found",
        ]);
    },
  },
  {
    id: "xep0030/3.1/own-account-identity",
    title: "disco#info to one's own bare JID gives a result whose identity is of category 'account'",
    requirements: ["XEP0030-3.1-13"],
    users: ["alice"],
    async run(ctx, { alice }) {
      accountIdentity(ctx, await infoReply(alice, alice.bare), alice.bare);
    },
  },
  {
    id: "xep0030/3.1/subscriber-account-info",
    title:
      "disco#info from a presence subscriber to an account's bare JID gets a result from the server with an 'account' identity",
    requirements: ["XEP0030-3.1-12", "XEP0030-3.1-13"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice));
      const reply = await infoReply(bob, alice.bare);
      assertAnsweredFor(reply, alice.bare);
      accountIdentity(ctx, reply, alice.bare);
    },
  },
  {
    id: "xep0030/3.1/account-info-not-delivered",
    title:
      "disco#info to another account's bare JID is answered by the server and not handed to the account's resources",
    requirements: ["XEP0030-3.1-12"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice));
      assertAnsweredFor(await infoReply(bob, alice.bare), alice.bare);
      await nothingReaches(
        bob,
        alice,
        INFO_QUERY,
        "the server handed disco#info for the bare JID to alice's resource",
      );
    },
  },
  {
    id: "xep0030/3.1/full-jid-info-routed",
    title: "disco#info to a connected full JID reaches that client, and its answer reaches the requester",
    requirements: ["RFC6120-10.5.4-2", "XEP0030-3.1-4"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      // §8.5.3.1: the resource must share presence with the requester
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice));
      const query = alice.expect({ ...INFO_QUERY, type: "get" });
      const answer = bob.iq(discoInfoGet(alice.full));
      const got = await query;
      await alice.send(
        xml(
          "iq",
          { type: "result", id: got.attrs.id ?? "", to: got.attrs.from },
          xml(
            "query",
            { xmlns: NS.discoInfo },
            xml("identity", { category: "client", type: "pc" }),
            xml("feature", { var: NS.discoInfo }),
          ),
        ),
      );
      const reply = await answer;
      if (reply.attrs.from !== alice.full)
        throw new Violation(`the answer comes from '${reply.attrs.from ?? ""}', not ${alice.full}`);
      assertInfoResult(reply, "alice's answer");
    },
  },
  {
    id: "xep0030/3.1/full-jid-no-resource",
    title:
      "disco#info to a full JID with no connected resource gets <service-unavailable/>, and no resource receives it",
    requirements: ["RFC6121-8.5.3.2.3-1", "XEP0030-3.1-4"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice));
      const reply = await infoReply(bob, `${alice.bare}/gone-${uid()}`);
      assertStanzaError(reply, ["service-unavailable"]);
      await nothingReaches(
        bob,
        alice,
        INFO_QUERY,
        "a disco#info for an absent resource reached another resource",
      );
    },
  },
]);
