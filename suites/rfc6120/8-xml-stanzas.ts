// RFC 6120 §8 (the section's own text): a partial stanza is never processed.

import { Violation } from "../../harness/errors.ts";
import { clip, receivedBeforeMarker, section } from "../kit/index.ts";

export default section("rfc6120", "8", "XML Stanzas", [
  {
    id: "rfc6120/8/partial-stanza-not-processed",
    title: "half a message followed by the end of the TCP connection is never delivered",
    requirements: ["RFC6120-8-2"],
    users: ["alice:available", "bob:available"],
    async run(ctx, { alice, bob }) {
      const cut = await ctx.login("alice", "available");
      // The account's other resource learns when the server is done with the dropped stream (RFC 6121
      // §4.5.2: unavailable presence on its behalf); without that there is no point to measure from.
      const gone = alice.expect({ name: "presence", from: cut.full, type: "unavailable" });
      await cut.send(`<message to='${bob.full}' id='partial-1' type='chat'><body>half of a mess`);
      await cut.transport.end(); // a clean TCP end: the bytes above arrive, the closing tags never do
      try {
        await gone;
      } catch {
        ctx.skip("no unavailable presence for the dropped resource: no marker for the end of its stream");
      }
      const got = await receivedBeforeMarker(alice, bob, { id: "partial-1" });
      if (got) throw new Violation(`the partial stanza was processed and delivered: ${clip(got)}`);
    },
  },
]);
