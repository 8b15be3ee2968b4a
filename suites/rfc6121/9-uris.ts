// RFC 6121 §9: addresses in stanzas are JIDs, never xmpp: URIs.
import { Violation } from "../../harness/errors.ts";
import { section, xml } from "../kit/index.ts";
import { relay } from "../kit/messages.ts";

export default section("rfc6121", "9", "Handling of URIs", [
  {
    id: "rfc6121/9/addresses-without-uri-scheme",
    title: "the 'from' and 'to' of a delivered message are JIDs, not xmpp: URIs",
    requirements: ["RFC6121-9-1"],
    users: ["alice:available", "bob:available"],
    async run(_ctx, { alice, bob }) {
      const got = await relay(alice, bob, (to) =>
        xml("message", { to, id: "uri-1", type: "chat" }, xml("body", {}, "x")),
      );
      for (const attr of ["from", "to"])
        if (/^[a-z][a-z0-9+.-]*:/i.test(got.attrs[attr] ?? ""))
          throw new Violation(`the '${attr}' carries a URI scheme: '${got.attrs[attr]}'`);
    },
  },
]);
