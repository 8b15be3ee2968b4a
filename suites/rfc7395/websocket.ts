// RFC 7395 §3: the XMPP subprotocol over WebSocket — no TLS negotiation inside XMPP.
import { section } from "../../harness/runner/case.ts";
import { NS } from "../../harness/xml/element.ts";

export default section("rfc7395", "3", "XMPP Subprotocol", [
  {
    id: "rfc7395/3.9/no-starttls-feature",
    title: "stream features over WebSocket do not advertise STARTTLS",
    requirements: ["RFC7395-3.9-2"],
    needs: ["websocket"],
    async run(ctx) {
      const endpoint = ctx.target.websocket ?? ctx.target.endpoint;
      const s = await ctx.open({ endpoint });
      ctx.expect(s.features!.getChild("starttls", NS.tls), "<starttls/> over WebSocket").to.equal(undefined);
    },
  },
]);
