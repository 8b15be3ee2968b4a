// XEP-0368 §3 on the client side of the target: how the certificate it presents over direct TLS validates
// for a name, next to the one it presents over STARTTLS ("TLS certificates MUST be validated the same way
// as for STARTTLS"), judged with the run's trust anchors (RFC 6120 §13.7.2: chain, then the DNS-ID).
import { X509Certificate } from "node:crypto";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import type { TlsInfo } from "../../harness/transport/transport.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { endpointFor } from "./transports.ts";

/** Why the certificate in `info` does not validate for `name`; undefined: it does. */
export function certificateProblem(info: TlsInfo | undefined, name: string): string | undefined {
  const cert = info?.peerCertificate;
  if (!info || !cert) return "no certificate was presented";
  if (!info.authorized) return `its chain does not validate (${info.authorizationError ?? "untrusted"})`;
  let matched: string | undefined;
  try {
    matched = new X509Certificate(cert.raw).checkHost(name, { subject: "never" });
  } catch {
    matched = undefined;
  }
  return matched === undefined
    ? `it does not name '${name}' (subjectAltName ${cert.subjectAltName ?? "none"})`
    : undefined;
}

/** The TLS of a direct TLS connection with SNI `name` (any certificate let through, to judge it here). */
export async function directTlsInfo(ctx: CaseContext, name: string): Promise<TlsInfo | undefined> {
  const s = await ctx.connect({
    ...endpointFor(ctx, "direct-tls"),
    domain: name,
    label: "direct-tls",
    trust: { ...ctx.target.trust, servername: name, insecure: true },
  });
  return s.transport.tls;
}

/** The TLS of STARTTLS on a stream to `name`; undefined when STARTTLS is not offered there. */
export async function starttlsInfo(ctx: CaseContext, name: string): Promise<TlsInfo | undefined> {
  const s = await ctx.open({
    domain: name,
    label: "starttls",
    trust: { ...ctx.target.trust, insecure: true },
  });
  if (!s.features.getChild("starttls", NS.tls)) return undefined;
  await s.starttls();
  return s.transport.tls;
}

/** The answer to a <starttls/>: an element in the TLS namespace, or the stream error that refused it. */
export async function starttlsAnswer(s: Session) {
  await s.send(xml("starttls", { xmlns: NS.tls }));
  return s
    .expect({
      where: (el) => el.getNS() === NS.tls || el.name === "stream:error",
      what: "an answer in the TLS namespace or a stream error",
    })
    .catch((err) => {
      if (s.streamError) return s.streamError;
      throw err;
    });
}
