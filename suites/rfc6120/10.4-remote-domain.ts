// RFC 6120 §10.4: a stanza for a domain the server does not serve is routed, and an error comes back
// when routing fails.
import { conditionsOf } from "../../harness/error-conditions.ts";
import { assertStanzaError, ping, section } from "../kit/index.ts";

export default section("rfc6120", "10.4", "Remote Domain", [
  {
    id: "rfc6120/10.4.3/remote-domain",
    title:
      "a stanza to a domain that cannot exist gets an error (<remote-server-not-found/> after a failed resolution; any, where policy keeps it from routing)",
    requirements: ["RFC6120-10.4.3-1", "RFC6120-10.4.3-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      // §10.4: inter-domain routing is "OPTIONAL for any given deployment"; from outside, a refusal by
      // policy and a failed resolution of a .invalid domain look alike, so the condition is not judged
      ctx.reading("I-6120-s2s-policy");
      const reply = await alice.iq(ping(`nobody@xmppspec-${Date.now()}.invalid`), 20_000);
      assertStanzaError(reply, conditionsOf("stanza"));
    },
  },
]);
