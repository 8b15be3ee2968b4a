// RFC 6121 §3.3 with the other party at a remote domain the harness plays: the user's unsubscribe is routed
// stamped with the user's bare JID and the user's roster pushed (§3.3.2); a remote user's unsubscribe is
// delivered to the contact before the roster push that applies it (§3.3.3).
import {
  type CaseSpec,
  deliveredBeforePush,
  remoteSubscribesTo,
  routedAndPushed,
  s2sIn,
  section,
  subscribesToRemote,
} from "../../kit/index.ts";

const CASES: CaseSpec[] = [
  {
    id: "rfc6121/3.3.2/outbound-unsubscribe-routed",
    title:
      "unsubscribing from a remote contact routes 'unsubscribe' from the user's bare JID and pushes subscription 'none'",
    requirements: ["RFC6121-3.3.2-1", "RFC6121-3.3.2-3", "RFC6121-3.3.2-4", "RFC6121-3.3.2-5"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      await subscribesToRemote(ctx, inbound, alice);
      await routedAndPushed(ctx, inbound, alice, "unsubscribe", "none");
    },
  },
  {
    id: "rfc6121/3.3.3/inbound-unsubscribe-applied",
    title:
      "a remote user's 'unsubscribe' is delivered to the contact, then a roster push with subscription 'none'",
    requirements: ["RFC6121-3.3.3-1", "RFC6121-3.3.3-2", "RFC6121-3.3.3-3"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      await remoteSubscribesTo(ctx, inbound, alice);
      await deliveredBeforePush(inbound, alice, "unsubscribe");
    },
  },
];

export default section("rfc6121", "3.3", "Unsubscribing (server-to-server)", CASES);
