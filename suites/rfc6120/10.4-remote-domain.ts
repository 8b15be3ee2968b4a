// RFC 6120 §10.4: a stanza for a domain the server does not serve is routed, and an error comes back
// when routing fails.
import { assertStanzaError, ping, section } from "../kit/index.ts";

export default section("rfc6120", "10.4", "Remote Domain", [
  {
    id: "rfc6120/10.4.3/remote-domain",
    title:
      "a stanza to a domain that cannot exist gets an error: <remote-server-not-found/>, or <not-allowed/> where policy forbids routing",
    requirements: ["RFC6120-10.4.3-1", "RFC6120-10.4.3-2"],
    users: ["alice"],
    async run(_ctx, { alice }) {
      const reply = await alice.iq(ping(`nobody@xmppspec-${Date.now()}.invalid`), 20_000);
      // §10.4: routing is subject to local policy; a server that does not route answers not-allowed
      assertStanzaError(reply, [
        "remote-server-not-found",
        "remote-server-timeout",
        "service-unavailable",
        "not-allowed",
      ]);
    },
  },
]);
