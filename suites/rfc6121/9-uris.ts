// RFC 6121 §9: addresses in stanzas are JIDs, never xmpp: URIs.

import { Violation } from "../../harness/errors.ts";
import { relayCases, section, xml } from "../kit/index.ts";

export default section(
  "rfc6121",
  "9",
  "Handling of URIs",
  relayCases([
    {
      id: "rfc6121/9/addresses-without-uri-scheme",
      title: "the 'from' and 'to' of a delivered message are JIDs, not xmpp: URIs",
      requirements: ["RFC6121-9-1"],
      users: ["alice:available", "bob:available"],
      messageId: "uri-1",
      send: (bob) => xml("message", { to: bob.account.jid, id: "uri-1", type: "chat" }, xml("body", {}, "x")),
      check(got) {
        for (const attr of ["from", "to"])
          if (/^[a-z][a-z0-9+.-]*:/i.test(got.attrs[attr] ?? ""))
            throw new Violation(`the '${attr}' carries a URI scheme: '${got.attrs[attr]}'`);
      },
    },
  ]),
);
