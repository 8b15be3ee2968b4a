// XEP-0280 §9: a message the sender marks with <private xmlns='urn:xmpp:carbons:2'/> and XEP-0334's
// <no-copy/> hint is delivered, but neither the sending server (<sent/> copies) nor the receiving server
// (<received/> copies) makes carbons of it. Whether the <private/> element stays on the delivered message
// is no longer specified (the interoperability note of §9), so its delivery is exempt from the fidelity
// oracle.
import { Violation } from "../../harness/errors.ts";
import {
  type CaseSpec,
  carbonsPeer,
  chatMessage,
  messageWithId,
  privateMarks,
  reachedPeer,
  section,
} from "../kit/index.ts";

const EXEMPT =
  "XEP-0280 §9 interoperability note: servers used to remove the <private/> element and the requirement was lifted, not turned into a prohibition";

/** sent: the user's resource sends the private message; received: the contact sends it to that resource. */
function privateCase(side: "sent" | "received"): CaseSpec {
  const sender = side === "sent" ? "the sender's" : "the recipient's";
  return {
    id: `xep0280/9/private-no-${side}-copy`,
    title: `a message ${side} with <private/> and <no-copy/> is delivered, and ${sender} other enabled resource gets no <${side}/> copy`,
    requirements: [side === "sent" ? "XEP0280-9-2" : "XEP0280-9-3"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice");
      const id = `priv-${side}`;
      ctx.allowAltered(id, EXEMPT);
      const [from, to] = side === "sent" ? [alice, bob] : [bob, alice];
      const delivered = to.expect(messageWithId(id));
      await from.send(chatMessage(to.full, id, privateMarks()));
      await delivered;
      const { carbons } = await reachedPeer(from, peer, id);
      if (carbons.length)
        throw new Violation(`${sender} other resource got a carbon of a <private/> message`);
    },
  };
}

export default section("xep0280", "9", "Avoiding Carbons for a single message", [
  privateCase("sent"),
  privateCase("received"),
]);
