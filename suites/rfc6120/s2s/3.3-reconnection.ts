// RFC 6120 §3.3 for the target as initiating server: when its server-to-server connection drops, it may
// reconnect ("If an entity chooses to reconnect"), backing off increasingly; the conformance table (§15)
// says "Reconnect with exponential backoff". Neither allows redialling in a storm, which is what is judged.
import { Violation } from "../../../harness/errors.ts";
import { arrivalsAt, type CaseSpec, message, section, uid } from "../../kit/index.ts";

/**
 * How long the attempts after the drop are counted (the behaviour judged is one in time). Long enough that a
 * storm shows on a loaded machine (every redial is a TCP connection and a stream header); short enough that
 * any backoff doubling from 50 ms makes no more than 7 attempts in it.
 */
const WINDOW_MS = 5000;
/** More attempts than this within the window, each refused at once, is a storm. */
const STORM = 10;

const CASES: CaseSpec[] = [
  {
    id: "rfc6120/3.3/outbound-reconnect-backoff",
    title:
      "after its server-to-server connection drops, the target does not redial the remote domain in a storm",
    requirements: ["RFC6120-15-47"], // RFC6120-3.3-2 (the backoff itself) stays uncheckable: minutes of failures
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    lingers: "counts the redials for WINDOW_MS after the drop",
    async run(ctx, { alice }) {
      ctx.reading("I-6120-reconnect-backoff");
      const { listener } = ctx.federation;
      const domain = ctx.federation.domain();
      const prefix = `rc${uid()}-`;
      const to = `someone@${domain}`;
      const first = ctx.federation.claim(domain);
      const served = first.then((ps) => {
        void listener.serve(ps);
        return ps;
      });
      const arrived = arrivalsAt(ctx, domain, `${prefix}0`, 1, alice);
      await alice.send(message(to, "first", { id: `${prefix}0` }));
      await arrived;
      const stream = await served;
      // every later attempt is taken and cut at once, and counted
      const attempts: number[] = [];
      for (let i = 0; i <= STORM; i++)
        ctx.federation
          .claim(domain, WINDOW_MS)
          .then((ps) => {
            attempts.push(Date.now());
            ps.destroy();
          })
          .catch(() => {});
      stream.destroy(); // the TCP connection "is terminated unexpectedly"
      await alice.send(
        [1, 2, 3].map((i) => message(to, `after ${i}`, { id: `${prefix}${i}` }).toString()).join(""),
      );
      await new Promise((r) => setTimeout(r, WINDOW_MS));
      if (attempts.length > STORM)
        throw new Violation(
          `${attempts.length} connection attempts to ${domain} within ${WINDOW_MS} ms after the drop, each refused at once: a reconnect storm`,
        );
    },
  },
];

export default section("rfc6120", "3.3", "Reconnection (server-to-server)", CASES);
