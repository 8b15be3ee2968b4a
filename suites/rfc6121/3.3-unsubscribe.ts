// RFC 6121 §3.3: the user unsubscribes from the contact's presence with 'unsubscribe'. The cases that
// mirror §3.2 are rows of 3.2-3.3-mirror-table.ts.
import { assertBareFrom, presenceFrom, section, subscribe, subscription } from "../kit/index.ts";
import { mirroredCases } from "./3.2-3.3-mirror-table.ts";

export default section("rfc6121", "3.3", "Unsubscribing", [
  ...mirroredCases("3.3"),
  {
    id: "rfc6121/3.3.2/unsubscribe-stamped-bare",
    title: "an unsubscribe the client stamps with its full JID reaches the contact from the bare JID",
    requirements: ["RFC6121-3.3.2-4", "RFC6121-3-1"],
    users: ["alice:online", "bob:online"],
    async run(_ctx, { alice, bob }) {
      await subscribe(alice, bob);
      const got = bob.expect(presenceFrom(alice.bare, "unsubscribe"));
      await alice.send(subscription("unsubscribe", bob.bare, { from: alice.full }));
      assertBareFrom(await got, alice, "the unsubscribe");
    },
  },
]);
