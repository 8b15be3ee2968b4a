// RFC 6120 §5.3: STARTTLS negotiation rules — mandatory TLS is enforced, and no whitespace is sent
// between elements while STARTTLS is negotiated.

import { Violation } from "../../harness/errors.ts";
import {
  hasInterElementWhitespace,
  NS,
  plainAuth,
  receivedSince,
  SASL_ANSWER_OR_STREAM_ERROR,
  section,
  windowStart,
} from "../kit/index.ts";

/** The end of the element that closes the STARTTLS window (§5.3.3): <proceed/> (or <failure/>). */
const PROCEED_END = /<(?:proceed|failure)\b[^>]*\/>|<\/(?:proceed|failure)>/;

export default section("rfc6120", "5.3", "STARTTLS Negotiation Rules", [
  {
    id: "rfc6120/5.3.1/mandatory-tls-enforced",
    title:
      "when TLS is mandatory-to-negotiate (<required/> or STARTTLS alone), SASL in the clear does not succeed",
    requirements: ["RFC6120-5.3.1-1"],
    needs: ["tls", "mechanism:PLAIN"],
    users: ["alice:account"],
    async run(ctx) {
      const s = await ctx.open();
      const features = s.features.getChildElements();
      const starttls = s.features.getChild("starttls", NS.tls);
      const mandatory = !!starttls?.getChild("required") || (features.length === 1 && !!starttls);
      if (!mandatory) return; // TLS is optional here: nothing to enforce
      await s.send(plainAuth(ctx, ctx.account("alice")));
      const answer = await s.expect(SASL_ANSWER_OR_STREAM_ERROR).catch((err) => {
        if (s.streamError || s.closed || s.streamEnded) return undefined;
        throw err;
      });
      if (answer?.name === "success")
        throw new Violation("TLS is mandatory-to-negotiate, yet SASL succeeded before TLS");
    },
  },
  {
    id: "rfc6120/5.3.3/no-whitespace-before-proceed",
    title: "between our <starttls/> and the end of <proceed/> the target sends no whitespace",
    requirements: ["RFC6120-5.3.3-1"],
    needs: ["tls", "tcp"],
    async run(ctx) {
      const s = await ctx.open();
      const from = windowStart(ctx);
      await s.starttls();
      const window = receivedSince(ctx, s, from, PROCEED_END);
      if (hasInterElementWhitespace(window))
        throw new Violation(`whitespace between elements during STARTTLS: ${JSON.stringify(window)}`);
    },
  },
]);
