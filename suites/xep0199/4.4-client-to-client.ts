// XEP-0199 §4.4 (and §7): pings between clients go to a full JID, and the server routes them as RFC 6121
// §8.5 says: delivered to the connected resource, its answer (result or error) delivered back; a resource
// that is not connected gets <service-unavailable/> from the server, from the JID pinged; a ping to another
// account's bare JID is the server's to answer on the account's behalf (a result, or <service-unavailable/>
// to hide what the sender may not know, §7), never handed to one of its resources.
import { Violation } from "../../harness/errors.ts";
import type { CaseContext, Client } from "../kit/index.ts";
import { assertStanzaError, clip, mutual, NS, ping, pong, section } from "../kit/index.ts";

/** Alice pings Bob's full JID; Bob receives it (from Alice's full JID) and answers with `condition`. */
async function routedPing(ctx: CaseContext, alice: Client, bob: Client, condition?: string): Promise<void> {
  await ctx.setUp("alice and bob share presence", () => mutual(alice, bob));
  const id = `e2e-${condition ?? "result"}`;
  const received = bob.expect({ name: "iq", type: "get", id, child: { name: "ping", ns: NS.ping } });
  received.catch(() => {});
  const reply = alice.expect({ name: "iq", id, from: bob.full });
  reply.catch(() => {});
  await alice.send(ping(bob.full, id));
  const got = await received;
  if (got.attrs.from !== alice.full)
    throw new Violation(`bob received the ping from '${got.attrs.from ?? "(none)"}', not ${alice.full}`);
  await bob.send(pong(got, condition));
  const answer = await reply;
  if (answer.attrs.type !== (condition ? "error" : "result"))
    throw new Violation(`alice received bob's answer changed: ${clip(answer)}`);
}

export default section("xep0199", "4.4", "Client-to-Client Pings", [
  {
    id: "xep0199/4.4/full-jid-ping-routed",
    title: "a ping to a contact's full JID is delivered to that resource, and its pong delivered back",
    requirements: ["RFC6120-10.5.4-2", "RFC6121-8.5.3.1-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await routedPing(ctx, alice, bob);
    },
  },
  {
    id: "xep0199/4.4/error-answer-routed",
    title: "a pinged client's <service-unavailable/> (no ping support) is delivered back to the pinger",
    requirements: ["RFC6121-8.5.3.1-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await routedPing(ctx, alice, bob, "service-unavailable");
    },
  },
  {
    id: "xep0199/4.4/missing-resource-service-unavailable",
    title: "a ping to a full JID with no connected resource gets <service-unavailable/> from that full JID",
    requirements: ["RFC6121-8.5.3.2.3-1", "RFC6120-8.3.1-2"],
    users: ["alice", "bob"],
    async run(ctx, { alice, bob }) {
      const gone = `${bob.bare}/xmppspec-not-connected`;
      const reply = await alice.iq(ping(gone, "e2e-gone"));
      assertStanzaError(reply, ["service-unavailable"], "e2e-gone");
      ctx.should(
        reply.attrs.from === gone,
        `the error comes from '${reply.attrs.from ?? "(none)"}', not ${gone} (XEP-0199 §7)`,
      );
    },
  },
  {
    id: "xep0199/4.4/bare-jid-ping-answered-by-server",
    title:
      "a ping to another account's bare JID is answered by the server (result or <service-unavailable/>), never delivered",
    requirements: ["RFC6121-8.5.2.1.3-1", "RFC6121-8.5.2.1.3-2", "RFC6120-10.5.3.2-5"],
    users: ["alice", "bob:online"],
    async run(_ctx, { alice, bob }) {
      const reply = await alice.iq(ping(bob.bare, "e2e-bare"));
      if (reply.attrs.type !== "result") assertStanzaError(reply, ["service-unavailable"], "e2e-bare");
      await bob.expectNothing(
        { name: "iq", id: "e2e-bare" },
        "the server handed a ping for bob's bare JID to his resource",
      );
    },
  },
]);
