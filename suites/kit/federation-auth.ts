// Steps of the server-to-server authentication cases (RFC 6120 §6 with XEP-0178, XEP-0220): an inbound
// stream secured but not yet authenticated, a stanza across it, and SASL EXTERNAL with a chosen payload.
import { SaslFailure, StreamClosed } from "../../harness/errors.ts";
import { authExternal, starttls } from "../../harness/peer/dialer.ts";
import { NS_DIALBACK, NS_DIALBACK_FEATURE } from "../../harness/peer/index.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";

export interface Secured {
  /** A jabber:server stream from `domain` to the target, after STARTTLS (when offered), not authenticated. */
  s: Session;
  domain: string;
}

/**
 * How the harness's side of TLS identifies it: "present" a good certificate for its domain (XEP-0178);
 * "none" (dialback alone proves it; a target that refuses a stream without one SKIPs the case);
 * "when-required": none, and a certificate on a second stream if the target refused the first.
 */
export type ClientCertificate = "present" | "none" | "when-required";

/** Set-up: a stream from `from` (default a fresh domain of the case), STARTTLS when offered, a certificate as asked. */
export function s2sSecured(
  ctx: CaseContext,
  o: { certificate?: ClientCertificate; from?: string } = {},
): Promise<Secured> {
  const mode = o.certificate ?? "present";
  const open = async (certificate: boolean): Promise<Secured> => {
    const domain = o.from ?? ctx.federation.domain();
    const s = await ctx.federation.dial({ from: domain });
    if (!certificate) await starttlsWithout(s);
    else if (s.features?.getChild("starttls", NS.tls)) await starttls(s);
    return { s, domain };
  };
  return ctx.setUp("open a server-to-server stream to the target and negotiate TLS", async () => {
    if (mode === "present") return open(true);
    try {
      return await open(false);
    } catch (err) {
      if (!(err instanceof StreamClosed)) throw err;
      if (mode === "none")
        ctx.skip(`the target refuses a stream whose peer presents no certificate (${err.message})`);
      ctx.note(`without a client certificate: ${err.message}; again with one`);
      return open(true);
    }
  });
}

/** Does the target offer Server Dialback on `s` (XEP-0220 §2.4.1's feature, or the namespace on its header)? */
export function dialbackOffered(s: Session): boolean {
  const feature = s.features?.getChild("dialback", NS_DIALBACK_FEATURE) !== undefined;
  return feature || Object.values(s.header?.attrs ?? {}).includes(NS_DIALBACK);
}

/** Set-up: the target offers Server Dialback on `s`, else SKIP. */
export function requireDialback(ctx: CaseContext, s: Session): void {
  ctx.require(dialbackOffered(s), "the target offers no Server Dialback on server-to-server streams");
}

/** Did the target advertise graceful dialback errors (XEP-0220 §2.4.2: <dialback><errors/></dialback>)? */
export function dialbackErrorsAdvertised(s: Session): boolean {
  return s.features?.getChild("dialback", NS_DIALBACK_FEATURE)?.getChild("errors") !== undefined;
}

/** Set-up: the target offers SASL EXTERNAL on `s` (XEP-0178 §3), else the case SKIPs with the reason. */
export function requireExternal(ctx: CaseContext, s: Session): void {
  ctx.require(
    s.offeredMechanisms().includes("EXTERNAL"),
    "the target does not offer SASL EXTERNAL on this server-to-server stream (a good certificate was presented)",
  );
}

/** What the target answered an EXTERNAL <auth/>: success (the stream restarted), or a failure's condition. */
export type ExternalAnswer = { ok: true } | { ok: false; condition: string | undefined };

/** SASL EXTERNAL (no authzid: "="), as the dialer does it, with a <failure/> as an answer rather than a throw. */
export async function externalWith(s: Session, authzid?: string): Promise<ExternalAnswer> {
  try {
    await authExternal(s, authzid);
    return { ok: true };
  } catch (err) {
    if (err instanceof SaslFailure) return { ok: false, condition: err.condition };
    throw err;
  }
}

/** A chat message from a user of `domain` to `to`, with an id the case can look for. */
export function s2sMessage(domain: string, to: string, id: string): Element {
  return xml("message", { from: `romeo@${domain}/r`, to, type: "chat", id }, xml("body", {}, "across"));
}

/** Server Dialback as the originating server (XEP-0220 §2.1.1): our key, the target's <db:result type/>. */
export { dialback } from "../../harness/peer/dialer.ts";

/** STARTTLS on a dialed stream when offered, presenting no certificate (a dialback stream's identity is its key). */
export async function starttlsWithout(s: Session): Promise<void> {
  if (s.features?.getChild("starttls", NS.tls)) await starttls(s, { certificate: false });
}
