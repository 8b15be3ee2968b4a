// RFC 6121 §4.7: presence syntax (<show/>, <priority/>, <status/>, 'type'). The §4.7.2 MUSTs bind the
// presence's sender: "A server is not responsible for ensuring that XML data delivered to a connected client
// or routed to a peer server is valid" (RFC 6120 §11.4). So a client's invalid presence update is graded by
// what the server does owe: it broadcasts the update to the subscriber (§4.4.2; as sent, or repaired, since
// §11.4 lets a server send only data it has validated), or it refuses it with a stanza error (RFC 6120
// §8.3.1 rule 1, a SHOULD for presence), or, validating (§11.4), it closes the stream with a stream error
// (<invalid-xml/>, §4.9.3.11). One scenario; each row is data, its id's section that of the sentence the
// presence breaks.

import { conditionsOf } from "../../harness/error-conditions.ts";
import { Violation } from "../../harness/errors.ts";
import { matches, streamErrorCondition } from "../../harness/match.ts";
import {
  assertStanzaError,
  clip,
  type Element,
  markerBarrier,
  presence,
  presenceFromFull,
  type Row,
  section,
  subscribe,
  tableCases,
  xml,
} from "../kit/index.ts";

/** A broken presence update: its children, and the sender's rule it breaks (whose section its id takes). */
interface SyntaxRow extends Row {
  slug: string;
  children: () => Element[];
}

function bad(requirement: string, slug: string, what: string, children: () => Element[]): SyntaxRow {
  return {
    id: `rfc6121/${requirement.split("-")[1]}/${slug}`,
    title: `presence with ${what} is broadcast to the subscriber or refused (the syntax rule binds its sender)`,
    requirements: [requirement, "RFC6121-4.4.2-1", "RFC6120-8.3.1-1"],
    slug,
    children,
  };
}

const prio = (...values: string[]) => values.map((v) => xml("priority", {}, v));
const show = (...values: string[]) => values.map((v) => xml("show", {}, v));

const syntaxCases = tableCases(
  [
    bad("RFC6121-4.7.2.3-2", "priority-too-high", "a <priority/> above 127", () => prio("128")),
    bad("RFC6121-4.7.2.3-2", "priority-too-low", "a <priority/> below -128", () => prio("-129")),
    bad("RFC6121-4.7.2.3-2", "priority-not-integer", "a non-integer <priority/>", () => prio("high")),
    bad("RFC6121-4.7.2.3-3", "two-priorities", "two <priority/> elements", () => prio("1", "2")),
    bad("RFC6121-4.7.2.3-4", "priority-mixed-content", "a <priority/> with mixed content", () => [
      xml("priority", {}, "1", xml("b")),
    ]),
    bad("RFC6121-4.7.2.1-2", "two-shows", "two <show/> elements", () => show("away", "dnd")),
    bad("RFC6121-4.7.2.1-3", "show-mixed-content", "a <show/> with mixed content", () => [
      xml("show", {}, "away", xml("b")),
    ]),
    bad("RFC6121-4.7.2.2-2", "status-mixed-content", "a <status/> with mixed content", () => [
      xml("status", {}, "out ", xml("b", {}, "now")),
    ]),
    bad("RFC6121-4.7.2.1-4", "show-unknown-value", "a <show/> value not in the list", () => show("busy")),
  ],
  {
    users: ["alice:online", "bob:online"],
    async run({ slug, children }, ctx, { alice, bob }) {
      await subscribe(bob, alice); // bob's subscription is 'to': alice's updates are broadcast to him
      const id = `bad-${slug}`;
      // the row breaks a rule that binds the sender: refused, relayed or corrected, never graded as routed
      ctx.allowAltered(
        id,
        "the sender breaks RFC 6121 §4.7.2; the server may refuse or correct it (I-oracle-fidelity-sender-syntax)",
      );
      await alice.send(xml("presence", { id }, ...children()));
      let back: Element[];
      try {
        back = await alice.barrier();
      } catch (err) {
        if (!alice.streamError) throw err;
        // §11.4: a validating server may refuse invalid XML at stream level; the condition must be defined
        const cond = streamErrorCondition(alice.streamError) ?? "none";
        if (!conditionsOf("stream").includes(cond))
          throw new Violation(`the stream was closed with an undefined condition <${cond}/>`);
        return;
      }
      const err = back.find(
        (el) => el.name === "presence" && el.attrs.type === "error" && el.attrs.id === id,
      );
      if (err) return void assertStanzaError(err, conditionsOf("stanza"), id);
      await markerBarrier(alice, bob); // what alice's server sent bob before the marker has arrived
      const broadcast = bob.inbox.find((el) => matches(el, presenceFromFull(alice.full)));
      ctx.should(
        broadcast !== undefined,
        "the presence update was neither broadcast to the subscriber (RFC 6121 §4.4.2) nor refused: " +
          "the entity that detects an error SHOULD return an error stanza (RFC 6120 §8.3.1 rule 1)",
      );
    },
  },
);

export default section("rfc6121", "4.7", "Presence Syntax", [
  ...syntaxCases,
  {
    id: "rfc6121/4.7.1/unknown-presence-type",
    title: "presence with an unknown 'type' is answered with <bad-request/>, not relayed",
    requirements: ["RFC6121-4.7.1-4", "RFC6121-4.7.1-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await alice.send(presence({ to: bob.full, type: "sleeping", id: "bogus-type" }));
      await markerBarrier(alice, bob);
      const relayed = bob.inbox.find((el) => el.name === "presence" && el.attrs.id === "bogus-type");
      ctx.should(!relayed, `presence of unknown type was relayed: ${relayed && clip(relayed)}`);
      const back = await alice.barrier();
      const err = back.find((el) => el.name === "presence" && el.attrs.id === "bogus-type");
      if (!err) {
        ctx.should(false, "presence of unknown type should get a <bad-request/> error");
        return;
      }
      const cond = assertStanzaError(err, conditionsOf("stanza"));
      ctx.should(cond === "bad-request", `the error should be <bad-request/>, got <${cond}/>`);
    },
  },
]);
