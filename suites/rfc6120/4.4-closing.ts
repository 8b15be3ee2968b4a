// RFC 6120 §4.4 Closing a Stream: the closing handshake.

import { Violation } from "../../harness/errors.ts";
import { section } from "../kit/index.ts";

export default section("rfc6120", "4.4", "Closing a Stream", [
  {
    id: "rfc6120/4.4/close-handshake",
    title: "the server answers our </stream:stream> with its own closing tag",
    requirements: ["RFC6120-4.4-1"],
    async run(ctx) {
      const s = await ctx.openSecured();
      await s.send(s.framed ? "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>" : "</stream:stream>");
      await s.expectClose();
      if (!s.streamEnded) throw new Violation("the server dropped the connection without closing its stream");
    },
  },
]);
