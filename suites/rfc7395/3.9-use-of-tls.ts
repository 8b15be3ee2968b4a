// RFC 7395 §3.9: over WebSocket, TLS is the WebSocket layer's ('wss'), never negotiated inside XMPP.
import { NS, section } from "../kit/index.ts";

export default section("rfc7395", "3.9", "Use of TLS", [
  {
    id: "rfc7395/3.9/no-starttls-feature",
    title: "stream features over WebSocket do not advertise STARTTLS",
    requirements: ["RFC7395-3.9-2"],
    needs: ["websocket"],
    async run(ctx) {
      const endpoint = ctx.target.websocket ?? ctx.target.endpoint;
      const s = await ctx.open({ endpoint });
      ctx.expect(s.features.getChild("starttls", NS.tls), "<starttls/> over WebSocket").to.equal(undefined);
    },
  },
]);
