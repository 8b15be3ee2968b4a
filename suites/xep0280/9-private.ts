// XEP-0280 §9: a message the sender marks with <private xmlns='urn:xmpp:carbons:2'/> and XEP-0334's
// <no-copy/> hint is delivered, but neither the sending server (<sent/> copies) nor the receiving server
// (<received/> copies) makes carbons of it. Whether the <private/> element stays on the delivered message
// is no longer specified (the interoperability note of §9), so its delivery is exempt from the fidelity
// oracle.
import { Violation } from "../../harness/errors.ts";
import {
  type CaseContext,
  carbonsPeer,
  chatMessage,
  messageWithId,
  privateMarks,
  reachedPeer,
  section,
} from "../kit/index.ts";

const EXEMPT =
  "XEP-0280 §9 interoperability note: servers used to remove the <private/> element and the requirement was lifted, not turned into a prohibition";

function exempt(ctx: CaseContext, id: string): void {
  ctx.allowAltered(id, EXEMPT);
}

export default section("xep0280", "9", "Avoiding Carbons for a single message", [
  {
    id: "xep0280/9/private-no-sent-copy",
    title:
      "a message sent with <private/> and <no-copy/> is delivered, and the sender's other enabled resource gets no <sent/> copy",
    requirements: ["XEP0280-9-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice");
      exempt(ctx, "priv-sent");
      const delivered = bob.expect(messageWithId("priv-sent"));
      await alice.send(chatMessage(bob.full, "priv-sent", privateMarks()));
      await delivered;
      const { carbons } = await reachedPeer(alice, peer, "priv-sent");
      if (carbons.length)
        throw new Violation("the sender's other resource got a carbon of a <private/> message");
    },
  },
  {
    id: "xep0280/9/private-no-received-copy",
    title:
      "a message received with <private/> and <no-copy/> reaches the addressed resource, and the recipient's other enabled resource gets no <received/> copy",
    requirements: ["XEP0280-9-3"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice");
      exempt(ctx, "priv-rcv");
      const delivered = alice.expect(messageWithId("priv-rcv"));
      await bob.send(chatMessage(alice.full, "priv-rcv", privateMarks()));
      await delivered;
      const { carbons } = await reachedPeer(bob, peer, "priv-rcv");
      if (carbons.length)
        throw new Violation("the recipient's other resource got a carbon of a <private/> message");
    },
  },
]);
