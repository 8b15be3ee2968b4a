// XEP-0199 §4.3: a peer server pings the target over a server-to-server stream; the target returns a
// result, or <service-unavailable/> when it does not support the namespace. The answer comes back over the
// target's own stream to the harness (RFC 6120 §4.3: a server-to-server stream carries stanzas one way).
import { assertStanzaError, NS, s2sIn, section, xml } from "../kit/index.ts";

export default section("xep0199", "4.3", "Server-To-Server Pings", [
  {
    id: "xep0199/4.3/s2s-ping-answered",
    title: "a ping from a peer server over server-to-server gets a result (or <service-unavailable/>)",
    requirements: ["XEP0199-4.3-1", "XEP0199-4.3-2"],
    needs: ["s2s", "s2s-outbound"],
    async run(ctx) {
      const { s, domain } = await s2sIn(ctx);
      const id = "s2s-ping-1";
      const answered = ctx.federation.listener.expect(domain, { name: "iq", id });
      answered.catch(() => {});
      await s.send(
        xml("iq", { type: "get", from: domain, to: ctx.domain, id }, xml("ping", { xmlns: NS.ping })),
      );
      const reply = await answered;
      if (reply.attrs.type !== "result") assertStanzaError(reply, ["service-unavailable"], id);
    },
  },
]);
