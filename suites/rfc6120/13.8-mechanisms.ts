// RFC 6120 §13.8: the mandatory-to-implement SASL mechanism, SCRAM-SHA-1, is offered and works.

import { Violation } from "../../harness/errors.ts";
import { authenticateAs, section } from "../kit/index.ts";

export default section("rfc6120", "13.8", "Mandatory-to-Implement Technologies", [
  {
    id: "rfc6120/13.8.1/scram-sha-1-offered",
    title: "after TLS the server offers SCRAM-SHA-1, and a login with it succeeds",
    requirements: ["RFC6120-13.8.1-1", "RFC6120-6.3.4-5", "RFC6120-15-10"],
    users: ["alice:account"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const offered = s.offeredMechanisms();
      if (!offered.includes("SCRAM-SHA-1"))
        throw new Violation(`SCRAM-SHA-1 is not among the offered mechanisms: ${offered.join(", ")}`);
      await authenticateAs(ctx, s, "alice", "SCRAM-SHA-1");
    },
  },
]);
