// The harness as the initiating server: a `jabber:server` stream to the target's s2s port, and the steps
// of its negotiation (STARTTLS with a certificate of our own, SASL EXTERNAL per XEP-0178, Server Dialback
// per XEP-0220), each callable alone so a case can stop anywhere.
import { HarnessError, SaslFailure, Violation } from "../errors.ts";
import type { CertFlaw, Pki } from "../pki/pki.ts";
import { dialbackKey } from "../s2s/dialback-key.ts";
import { NS_DIALBACK } from "../s2s/ns.ts";
import { starttls as sessionStarttls } from "../session/negotiate.ts";
import { Session } from "../session.ts";
import type { Transcript } from "../transcript.ts";
import type { Endpoint, TlsTrust } from "../transport/transport.ts";
import { type Element, NS, xml } from "../xml/element.ts";

export interface DialOptions {
  /** The target's s2s endpoint (kind "tcp"; "tls" for XEP-0368 direct TLS). */
  endpoint: Endpoint;
  /** The domain the harness plays: the header's 'from', the certificate's name. */
  from: string;
  /** The target's domain: the header's 'to'. */
  to: string;
  transcript: Transcript;
  /** Issues the certificate STARTTLS presents. */
  pki: Pki;
  /** The dialback secret of the run (PeerListener.secret), so the listener can verify our keys. */
  secret?: string;
  /** How the target's certificate is judged; default: the PKI's CA, the name `to`. */
  trust?: TlsTrust;
  /** Direct TLS only (endpoint kind "tls"): present a certificate with this flaw, or "none"; default a good one. */
  tlsCertificate?: CertFlaw | "none";
  /** Attribute overrides on every stream header of this session (null drops one). */
  header?: Record<string, string | null>;
  /** Open the stream and read the features (default); false: connected, nothing sent. */
  open?: boolean;
  /** Transcript label; default "s2s-out#N". */
  label?: string;
  timeoutMs?: number;
  connectTimeoutMs?: number;
}

interface Dialed {
  from: string;
  to: string;
  pki: Pki;
  secret?: string;
}

const dialed = new WeakMap<Session, Dialed>();
let dialCount = 0;

function dialedOf(s: Session): Dialed {
  const d = dialed.get(s);
  if (!d) throw new HarnessError("this session was not opened by dialTarget()");
  return d;
}

/** A `jabber:server` stream to the target (RFC 6120 §4.7: 'from' and 'to' on every s2s header). */
export async function dialTarget(opts: DialOptions): Promise<Session> {
  dialCount += 1;
  let trust: TlsTrust = opts.trust ?? { ca: opts.pki.caCert };
  if (opts.endpoint.kind === "tls") {
    // XEP-0368 §3: a server offers ALPN "xmpp-server"; XEP-0178 wants our certificate in the handshake
    const flaw = opts.tlsCertificate;
    const certificate = flaw === "none" ? undefined : await opts.pki.issue(opts.from, flaw);
    trust = { alpn: ["xmpp-server"], certificate, ...trust };
  }
  const s = await Session.connect({
    endpoint: opts.endpoint,
    domain: opts.to,
    from: opts.from,
    trust,
    transcript: opts.transcript,
    label: opts.label ?? `s2s-out#${dialCount}`,
    timeoutMs: opts.timeoutMs,
    connectTimeoutMs: opts.connectTimeoutMs,
  });
  Object.assign(s.streamDefaults, {
    xmlns: NS.server,
    "xmlns:db": NS_DIALBACK,
    from: opts.from,
    ...opts.header,
  });
  dialed.set(s, { from: opts.from, to: opts.to, pki: opts.pki, secret: opts.secret });
  if (opts.open !== false) await s.openWithFeatures();
  return s;
}

export interface StarttlsOptions {
  /** Present a certificate flawed this way instead of a good one. */
  flaw?: CertFlaw;
  /** false: present no client certificate at all. */
  certificate?: boolean;
  /** Name our domain as an XmppAddr too (RFC 6120 §13.7.1.4), beside the DNS-ID. */
  xmppAddr?: boolean;
}

/** STARTTLS (RFC 6120 §5) presenting a PKI certificate for our domain (XEP-0178 §3), then the restart. */
export async function starttls(s: Session, o: StarttlsOptions = {}): Promise<void> {
  const d = dialedOf(s);
  const certificate =
    o.certificate === false ? undefined : await d.pki.issue(d.from, o.flaw, { xmppAddr: o.xmppAddr });
  await sessionStarttls(s, { certificate });
}

/**
 * SASL EXTERNAL (XEP-0178 §3, RFC 6120 §6.4.2): no authzid is sent as "=", one is sent base64-encoded.
 * On <success/> the stream restarts; <failure/> throws SaslFailure.
 */
export async function authExternal(s: Session, authzid?: string): Promise<void> {
  const payload = authzid === undefined ? "=" : Buffer.from(authzid, "utf8").toString("base64");
  await s.send(xml("auth", { xmlns: NS.sasl, mechanism: "EXTERNAL" }, payload));
  const el = await s.expect((e) => e.getNS() === NS.sasl && e.name !== "mechanisms");
  if (el.name === "failure") {
    const cond = el.getChildElements().find((c) => c.name !== "text");
    throw new SaslFailure(cond?.name, el.getChildText("text") ?? undefined);
  }
  if (el.name !== "success") throw new Violation(`SASL EXTERNAL answered with <${el.name}/>`);
  await s.openStream();
  await s.readFeatures();
}

export interface DialbackOptions {
  /** The key to send instead of the one the run's secret gives (a wrong key, say). */
  key?: string;
  /** Overrides of the request's 'from' / 'to' (default: our domain / the target's). */
  from?: string;
  to?: string;
}

/**
 * Server Dialback as the originating server (XEP-0220 §2.1): <db:result from to>KEY</db:result>, a key
 * the listener verifies when the target asks it; resolves with the target's <db:result type='...'/>.
 */
export async function dialback(s: Session, o: DialbackOptions = {}): Promise<Element> {
  const d = dialedOf(s);
  const from = o.from ?? d.from;
  const to = o.to ?? d.to;
  const streamId = s.header?.attrs.id;
  let key = o.key;
  if (key === undefined) {
    if (!d.secret) throw new HarnessError("dialback needs the run's secret (DialOptions.secret)");
    if (!streamId) throw new Violation("the target's stream header carries no 'id' (RFC 6120 §4.7.3)");
    key = dialbackKey(d.secret, to, from, streamId);
  }
  const answer = s.expect(
    (e) => e.getNS() === NS_DIALBACK && e.name.endsWith("result") && e.attrs.type !== undefined,
    // the target dials our authoritative side before it answers: give it two waits
    s.timeoutMs * 2,
  );
  await s.send(xml("db:result", { from, to }, key));
  return answer;
}

export interface S2sNegotiation {
  /** STARTTLS: "optional" (default) when offered, "required" fails without it, "none" never. */
  tls?: "required" | "optional" | "none";
  auth: "external" | "dialback" | "none";
  /** A flawed certificate for STARTTLS. */
  flaw?: CertFlaw;
}

/** The common path: STARTTLS as asked, then EXTERNAL or dialback (which must come back valid). */
export async function negotiateS2s(s: Session, o: S2sNegotiation): Promise<void> {
  const tls = o.tls ?? "optional";
  const offersTls = !!s.features?.getChild("starttls", NS.tls);
  if (tls !== "none" && !s.transport.secure) {
    if (offersTls) await starttls(s, { flaw: o.flaw });
    else if (tls === "required") throw new HarnessError("the target does not offer STARTTLS");
  }
  if (o.auth === "external") {
    if (!s.offeredMechanisms().includes("EXTERNAL"))
      throw new HarnessError("the target does not offer SASL EXTERNAL");
    await authExternal(s);
  } else if (o.auth === "dialback") {
    const answer = await dialback(s);
    if (answer.attrs.type !== "valid")
      throw new HarnessError(`dialback answered type='${answer.attrs.type}': ${answer.toString()}`);
  }
}
