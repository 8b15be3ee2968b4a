// RFC 6120 §13.10.2: presence and availability do not leak — to an account nobody subscribed, or
// through errors that differ between a bare and a full JID.

import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import { clip, type Element, nextId, section, xml } from "../kit/index.ts";

/** How an IQ reply reads, for comparing two of them: the condition and type of an error, or the type. */
function describeReply(r: Element): string {
  const e = stanzaError(r);
  return r.attrs.type === "error" ? `<${e?.condition}/> (${e?.type})` : `type='${r.attrs.type}'`;
}

export default section("rfc6120", "13.10", "Information Leaks", [
  {
    id: "rfc6120/13.10.2/uninvolved-account-learns-nothing",
    title:
      "an account without a subscription receives neither the presence nor the messages exchanged by others",
    requirements: ["RFC6120-13.10.2-1"],
    users: ["alice:online", "bob:online", "eve:online"],
    async run(_ctx, { alice, bob, eve }) {
      const id = nextId("private");
      const got = bob.expect({ name: "message", id });
      await alice.send(xml("message", { to: bob.full, type: "chat", id }, xml("body", {}, "between us")));
      await alice.send(xml("presence", {}, xml("status", {}, "only for my contacts")));
      await got;
      await eve.expectNothing(
        {
          where: (el) =>
            (el.name === "presence" || el.name === "message") &&
            (el.attrs.from ?? "").split("/")[0] === alice.bare,
          what: `presence or message from ${alice.bare}`,
        },
        "an uninvolved account received another account's presence or message",
      );
    },
  },
  {
    id: "rfc6120/13.10.2/same-error-bare-and-full",
    title: "an IQ to a user's bare JID and to a full JID of theirs with no such resource get the same error",
    requirements: ["RFC6120-13.10.2-2"],
    users: ["eve", "bob:available"],
    async run(_ctx, { eve, bob }) {
      const ask = (to: string) =>
        eve.iq(xml("iq", { type: "get", to }, xml("query", { xmlns: "urn:example:probe" })));
      const [toBare, toFull] = [await ask(bob.bare), await ask(`${bob.bare}/${nextId("absent")}`)];
      if (describeReply(toBare) !== describeReply(toFull)) {
        throw new Violation(
          `the bare JID got ${describeReply(toBare)} but the full JID got ${describeReply(toFull)}: ${clip(toFull)}`,
        );
      }
    },
  },
]);
