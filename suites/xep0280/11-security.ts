// XEP-0280 §11: a carbon is only ever from the user's own bare JID, so a client can tell a real one from
// a forgery (CVE-2017-5589). A contact who sends the user a message that looks like a carbon gets it
// delivered (or dropped) as a message from the contact: the server never lets it appear to come from the
// user's bare JID, and any real carbon of it forwards the contact's message as the contact sent it.
import { Violation } from "../../harness/errors.ts";
import {
  type CarbonKind,
  type CaseSpec,
  carbonsPeer,
  checkCarbon,
  isCarbonOf,
  lc,
  markerBarrier,
  NS_CARBONS,
  NS_FORWARD,
  reachedPeer,
  section,
  xml,
} from "../kit/index.ts";

function forgeryCase(kind: CarbonKind): CaseSpec {
  return {
    id: `xep0280/11/forged-${kind}-not-from-self`,
    title: `a contact's message wrapped as a <${kind}/> carbon reaches the user, if at all, from the contact and never from the user's bare JID`,
    requirements: ["XEP0280-11-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice");
      const id = `forged-${kind}`;
      const forged = xml(
        "message",
        { to: alice.full, type: "chat", id },
        xml(
          kind,
          { xmlns: NS_CARBONS },
          xml(
            "forwarded",
            { xmlns: NS_FORWARD },
            xml(
              "message",
              {
                xmlns: "jabber:client",
                from: `mallory@${ctx.domain}/x`,
                to: alice.full,
                type: "chat",
                id: `${id}-inner`,
              },
              xml("body", {}, "forged"),
            ),
          ),
        ),
      );
      await bob.send(forged);
      await reachedPeer(bob, peer, id);
      await markerBarrier(bob, alice);
      for (const s of [alice, peer])
        for (const el of s.inbox.filter((e) => e.name === "message" && e.attrs.id === id))
          if (lc(el.attrs.from) !== lc(bob.full))
            throw new Violation(
              `the forged carbon arrived from '${el.attrs.from ?? "(none)"}', not from ${bob.full}`,
            );
      for (const c of peer.inbox.filter((e) => isCarbonOf(e, id)))
        checkCarbon(ctx, c, { kind: "received", receiver: peer, sent: forged, sender: bob.full });
    },
  };
}

export default section("xep0280", "11", "Security Considerations", [
  forgeryCase("received"),
  forgeryCase("sent"),
]);
