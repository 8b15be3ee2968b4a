// XEP-0280 §10.3: when a carbon bounces (the resource that got it answers with an error), the server must
// not pass that error on to the sender of the original message, and must not need the <received/> or
// <sent/> element in the bounce to know (RFC 6120 §8.3.1 does not oblige the bouncer to include it).
import { Violation } from "../../harness/errors.ts";
import {
  type CaseSpec,
  carbonOf,
  carbonsPeer,
  chatMessage,
  markerBarrier,
  messageWithId,
  section,
  xml,
} from "../kit/index.ts";

function bounceCase(slug: string, withOriginal: boolean, requirements: string[]): CaseSpec {
  const how = withOriginal ? "quoting the carbon" : "without the carbon's payload";
  return {
    id: `xep0280/10.3/${slug}`,
    title: `an error a resource returns for a carbon (${how}) does not reach the sender of the original message`,
    requirements,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer } = await carbonsPeer(ctx, alice, "alice");
      const id = `bounce-${slug}`;
      const carbon = peer.expect(carbonOf(id));
      const delivered = alice.expect(messageWithId(id));
      await bob.send(chatMessage(alice.full, id));
      await delivered;
      const got = await ctx.setUp("the other resource gets a carbon", () => carbon);
      // RFC 6120 §8.3.1: the error goes back to the carbon's 'from', with its 'id'
      const error = xml(
        "message",
        { to: got.attrs.from ?? alice.bare, type: "error", ...(got.attrs.id ? { id: got.attrs.id } : {}) },
        ...(withOriginal ? got.getChildElements() : []),
        xml(
          "error",
          { type: "cancel" },
          xml("service-unavailable", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" }),
        ),
      );
      await peer.send(error);
      await markerBarrier(peer, bob);
      const bounced = bob.inbox.find((el) => el.name === "message" && el.attrs.type === "error");
      if (bounced)
        throw new Violation(
          `the sender got an error for the bounced carbon: ${bounced.toString().slice(0, 300)}`,
        );
    },
  };
}

export default section("xep0280", "10.3", "Handling of Errors", [
  bounceCase("bounce-not-forwarded", true, ["XEP0280-10.3-1"]),
  bounceCase("bounce-without-payload", false, ["XEP0280-10.3-2", "XEP0280-10.3-1"]),
]);
