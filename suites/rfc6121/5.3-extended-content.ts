// RFC 6121 §5.3: a message's extended content (a child qualified by another namespace) is relayed.

import { Violation } from "../../harness/errors.ts";
import { clip, relayCases, section, xml } from "../kit/index.ts";

const EXT = "urn:xmppspec:message-ext";

export default section(
  "rfc6121",
  "5.3",
  "Extended Content",
  relayCases([
    {
      id: "rfc6121/5.3/extension-content-relayed",
      title: "a message's extended content (a child in another namespace) reaches the recipient unmodified",
      requirements: ["RFC6121-5.3-1", "RFC6120-8.4-13"],
      users: ["alice:available", "bob:available"],
      messageId: "ext-1",
      send: (bob) =>
        xml(
          "message",
          { to: bob.account.jid, id: "ext-1", type: "chat" },
          xml("body", {}, "with extension"),
          xml("payload", { xmlns: EXT, n: "1" }, xml("item", {}, "kept")),
        ),
      check(got, ctx) {
        const ext = got.getChild("payload", EXT);
        if (!ext) throw new Violation(`the extension element was not delivered: ${clip(got)}`);
        ctx.expect(ext.getChildText("item"), "the extension's content").to.equal("kept");
      },
    },
  ]),
);
