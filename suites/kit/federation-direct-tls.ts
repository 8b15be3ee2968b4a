// XEP-0368 outbound: a fresh domain of the case published with `_xmpps-server._tcp` records only, pointing at
// the listener's direct TLS port, so any stream the target opens to it came over TLS from the first byte.
import type { PeerStream } from "../../harness/peer/stream.ts";
import type { CertFlaw } from "../../harness/pki/pki.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import type { TlsInfo } from "../../harness/transport/transport.ts";
import { xml } from "../../harness/xml/element.ts";
import { bounceOf } from "./routing.ts";

/** How long our side of a handshake may lag behind the target giving up on it. */
const HANDSHAKE_SETTLE_MS = 300;

export interface DirectTlsOut {
  /** The target's stream, TLS done, nothing sent on it yet; undefined: the target gave up first (`bounce`). */
  ps?: PeerStream;
  domain: string;
  /** The id of the message the user sent to the domain. */
  id: string;
  /** The error the user got back instead, when the target gave up on the domain. */
  bounce?: string;
  /** Direct TLS handshakes the listener completed meanwhile (a target that gave up may have made one). */
  handshakes: TlsInfo[];
}

/**
 * `user` sends a message to a fresh domain reachable only through direct TLS (our certificate flawed as
 * `flaw` says, if at all); the target's stream to it is claimed, or the error back to `user` is kept. SKIP
 * when neither came: the target does not dial direct TLS (XEP-0368 is optional).
 */
export async function directTlsOut(
  ctx: CaseContext,
  user: Client,
  flaw?: CertFlaw,
  /** "xmpp": the direct TLS port published as an `_xmpp-server` record instead (XEP0368-3-4's trap). */
  service: "xmpps" | "xmpp" = "xmpps",
): Promise<DirectTlsOut> {
  const { listener, dns } = ctx.federation;
  const port = listener.directTlsEndpoint?.port;
  if (port === undefined || !dns) ctx.skip("the harness publishes no direct TLS port");
  const domain = ctx.federation.domain();
  // one kind of record only: no _xmpp-server record, only direct TLS is on offer (XEP-0368 §3); or the
  // TLS port behind an _xmpp-server record, where the target must not dial direct TLS
  const srv = [{ port, target: "localhost" }];
  dns.set(domain, service === "xmpps" ? { xmppsSrv: srv, a: ["127.0.0.1"] } : { srv, a: ["127.0.0.1"] });
  if (flaw) listener.policy(domain, { certificate: flaw });
  const id = `x368-${domain.split(".")[0]}`;
  const earlier = new Set(listener.directHandshakes);
  const claimed = ctx.federation.claim(domain, 10_000);
  const bounced = bounceOf(user, id, 10_000);
  await user.send(xml("message", { to: `someone@${domain}`, id, type: "chat" }, xml("body", {}, "hi")));
  const stream = claimed.then(
    (ps) => ps,
    () => undefined,
  );
  // whichever comes first; when one gives up (timeout), the other decides
  type Got = { ps?: PeerStream; bounce?: string };
  const got = await Promise.race([
    stream.then((ps): Got | Promise<Got> => (ps ? { ps } : bounced.then((e) => ({ bounce: e?.toString() })))),
    bounced.then((e): Got | Promise<Got> => (e ? { bounce: e.toString() } : stream.then((ps) => ({ ps })))),
  ]);
  // a target that gave up right after its handshake may be faster than our side of it: let that finish
  if (!got.ps) await new Promise((r) => setTimeout(r, HANDSHAKE_SETTLE_MS));
  const handshakes = listener.directHandshakes.filter((h) => !earlier.has(h));
  if (got.ps) return { ps: got.ps, domain, id, handshakes };
  const { bounce } = got;
  if (bounce === undefined && handshakes.length === 0)
    ctx.skip(
      service === "xmpps"
        ? `the target does not dial XEP-0368 direct TLS (no stream to ${domain}, no error)`
        : `the target neither reached ${domain} nor gave up on it (no stream, no error)`,
    );
  return { domain, id, bounce, handshakes };
}
