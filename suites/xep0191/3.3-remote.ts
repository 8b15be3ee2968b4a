// XEP-0191 §3.3 and §6 across domains: stanzas from a blocked JID at another server, which arrive over a
// server-to-server stream the harness opens to the target, are not delivered to the user either.
import { Violation } from "../../harness/errors.ts";
import { remoteMessageDelivered, section } from "../kit/index.ts";

export default section("xep0191", "3.3", "User Blocks JID", [
  {
    id: "xep0191/3.3/blocked-remote-jid-held",
    title: "a message from a blocked JID at another server is not delivered to the user",
    requirements: ["XEP0191-3.3-6"],
    needs: ["s2s"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      if (await remoteMessageDelivered(ctx, alice, bob, (domain) => `someone@${domain}`))
        throw new Violation("the server delivered a message from a blocked JID of another server");
    },
  },
]);
