// RFC 6121 §5.3: a message's extended content (a child qualified by another namespace) is relayed.
import { Violation } from "../../harness/errors.ts";
import { clip, section, xml } from "../kit/index.ts";
import { relay } from "../kit/messages.ts";

export default section("rfc6121", "5.3", "Extended Content", [
  {
    id: "rfc6121/5.3/extension-content-relayed",
    title: "a message's extended content (a child in another namespace) reaches the recipient unmodified",
    requirements: ["RFC6121-5.3-1", "RFC6120-8.4-13"],
    users: ["alice:available", "bob:available"],
    async run(ctx, { alice, bob }) {
      const got = await relay(alice, bob, (to) =>
        xml(
          "message",
          { to, id: "ext-1", type: "chat" },
          xml("body", {}, "with extension"),
          xml("payload", { xmlns: "urn:xmppspec:message-ext", n: "1" }, xml("item", {}, "kept")),
        ),
      );
      const ext = got.getChild("payload", "urn:xmppspec:message-ext");
      if (!ext) throw new Violation(`the extension element was not delivered: ${clip(got)}`);
      ctx.expect(ext.getChildText("item"), "the extension's content").to.equal("kept");
    },
  },
]);
