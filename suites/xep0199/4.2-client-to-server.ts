// XEP-0199 §4.2: a client pings its server, addressed to the server, to nobody (the server answers for the
// account, RFC 6120 §10.3.3) or to its own bare JID (§4.2 note). A server that supports the namespace
// returns a result; one that does not, <service-unavailable/>; advertising urn:xmpp:ping and refusing it
// is a failure. The protocol is an IQ get (§3): a ping in a set is not answered as one.
import { Violation } from "../../harness/errors.ts";
import type { CaseContext, Client } from "../kit/index.ts";
import { assertStanzaError, clip, discoInfo, type Element, NS, ping, section } from "../kit/index.ts";

/** The answer to a ping must be a result, or <service-unavailable/> from a server without urn:xmpp:ping. */
async function judge(ctx: CaseContext, client: Client, reply: Element): Promise<void> {
  if (reply.attrs.type === "result") return;
  const info = await ctx.setUp("discover the server's features", () => discoInfo(client, ctx.domain));
  if (info.features.includes(NS.ping))
    throw new Violation(`the server advertises urn:xmpp:ping but refuses a ping: ${clip(reply)}`);
  assertStanzaError(reply, ["service-unavailable"], reply.attrs.id);
}

/** A ping get from `client` addressed to `to(client)` (undefined: no 'to'). */
function pingCase(id: string, title: string, to: (ctx: CaseContext, c: Client) => string | undefined) {
  return {
    id: `xep0199/4.2/${id}`,
    title,
    requirements: ["XEP0199-4.2-2", "XEP0199-4.2-3", "XEP0199-4.2-1"],
    users: ["alice"],
    async run(ctx: CaseContext, { alice }: Record<string, Client>) {
      const reply = await alice.iq(ping(to(ctx, alice), `${id}-1`));
      await judge(ctx, alice, reply);
    },
  };
}

export default section("xep0199", "4.2", "Client-To-Server Pings", [
  pingCase(
    "ping-server",
    "a ping to the server's domain gets a result (or <service-unavailable/> without support)",
    (ctx) => ctx.domain,
  ),
  pingCase(
    "ping-without-to",
    "a ping with no 'to' is answered by the server: a result (or <service-unavailable/>)",
    () => undefined,
  ),
  pingCase(
    "ping-own-bare-jid",
    "a ping to the user's own bare JID is answered by the server: a result (or <service-unavailable/>)",
    (_, c) => c.bare,
  ),
  {
    id: "xep0199/4.2/ping-in-set-refused",
    title: "a <ping/> in an IQ set (XEP-0199 defines only get) is answered with an error, not a pong",
    requirements: ["RFC6120-8.3.3.1-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const el = ping(ctx.domain, "ping-set-1");
      el.attrs.type = "set";
      const reply = await alice.iq(el);
      ctx.should(reply.attrs.type === "error", `a ping in an IQ set was answered like a get: ${clip(reply)}`);
    },
  },
]);
