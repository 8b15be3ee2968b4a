// Stream negotiation on the reference client: STARTTLS (RFC 6120 §5), SASL (§6), resource binding (§7).
import { HarnessError, SaslFailure, Violation } from "../errors.ts";
import { type Jid, parseJid } from "../jid.ts";
import { createClient, decodeBase64Strict, encodeBase64, type MechanismName } from "../sasl/index.ts";
import type { Session } from "../session.ts";
import type { TlsTrust } from "../transport/transport.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import type { Credentials, NegotiateOptions } from "./options.ts";

/** Preference when the case does not name a mechanism: the strongest offered. */
export const MECHANISM_ORDER: MechanismName[] = ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"];

/**
 * STARTTLS (RFC 6120 §5): <starttls/>, <proceed/>, TLS handshake, stream restart. `trust` adds to the
 * session's (a server's client certificate, XEP-0178).
 */
export async function starttls(s: Session, trust: TlsTrust = {}): Promise<void> {
  await s.send(xml("starttls", { xmlns: NS.tls }));
  const answer = await s.expect((el) => el.getNS() === NS.tls);
  if (answer.name !== "proceed") throw new Violation(`STARTTLS answered with <${answer.name}/>`);
  try {
    await s.transport.startTls({ servername: s.opts.domain, ...s.opts.trust, ...trust });
  } catch (err) {
    throw new HarnessError((err as Error).message);
  }
  s.opts.transcript.note(s.opts.label, `TLS established (${s.transport.tls?.protocol ?? "?"})`);
  await s.openStream();
  await s.readFeatures();
}

/** The SASL mechanisms the features offer. */
export function offeredMechanisms(features: Element | undefined): string[] {
  const mechs = features?.getChild("mechanisms", NS.sasl);
  return mechs ? mechs.getChildren("mechanism").map((m) => m.getText().trim()) : [];
}

/** SASL (RFC 6120 §6), then the stream restart. Throws SaslFailure on <failure/>. */
export async function authenticate(s: Session, creds: Credentials, mechanism?: MechanismName): Promise<void> {
  const offered = s.offeredMechanisms();
  const mech = mechanism ?? MECHANISM_ORDER.find((m) => offered.includes(m));
  if (!mech)
    throw new HarnessError(`no usable SASL mechanism offered (offered: ${offered.join(", ") || "none"})`);
  s.opts.transcript.secret(creds.password);
  const client = createClient(mech, creds);
  await s.send(xml("auth", { xmlns: NS.sasl, mechanism: mech }, encodeBase64(client.initial())), {
    redact: true,
  });
  for (;;) {
    const el = await s.expect((e) => e.getNS() === NS.sasl && e.name !== "mechanisms");
    const data = () => {
      const text = el.getText().trim();
      const decoded = text === "" ? Buffer.alloc(0) : decodeBase64Strict(text);
      if (!decoded) throw new Violation(`the target sent bad base64 in <${el.name}/>`);
      return decoded;
    };
    if (el.name === "challenge") {
      await client.prepare?.(data());
      const response = client.challenge(data());
      await s.send(xml("response", { xmlns: NS.sasl }, encodeBase64(response)), { redact: true });
    } else if (el.name === "success") {
      try {
        client.success(el.getText().trim() ? data() : null);
      } catch (err) {
        throw new Violation(`SASL success could not be verified: ${(err as Error).message}`);
      }
      s.authenticatedAs = `${creds.username}@${s.opts.domain}`;
      await s.openStream();
      await s.readFeatures();
      return;
    } else if (el.name === "failure") {
      const cond = el.getChildElements().find((c) => c.name !== "text");
      throw new SaslFailure(cond?.name, el.getChildText("text") ?? undefined);
    } else {
      throw new Violation(`unexpected <${el.name}/> during SASL`);
    }
  }
}

/** Resource binding (RFC 6120 §7): the bound full JID. */
export async function bind(s: Session, resource?: string): Promise<Jid> {
  const bindEl = xml(
    "bind",
    { xmlns: NS.bind },
    resource !== undefined ? xml("resource", {}, resource) : null,
  );
  const reply = await s.iqResult(xml("iq", { type: "set" }, bindEl), "resource binding");
  const text = reply.getChild("bind", NS.bind)?.getChildText("jid");
  if (!text) throw new Violation("the bind result carries no <jid/>");
  try {
    s.jid = parseJid(text);
  } catch (err) {
    throw new Violation(`the bound JID '${text}' is not a valid JID: ${(err as Error).message}`);
  }
  return s.jid;
}

/** STARTTLS as the policy says, then SASL and binding as asked. */
export async function negotiate(s: Session, o: NegotiateOptions): Promise<void> {
  const policy = o.tls ?? "optional";
  const offersTls = !!s.features?.getChild("starttls", NS.tls);
  if (policy !== "none" && !s.transport.secure) {
    if (offersTls) await s.starttls();
    else if (policy === "required")
      throw new HarnessError("the target does not offer STARTTLS (--tls required)");
  }
  if (o.auth) await s.authenticate(o.auth, o.mechanism);
  if (o.bind) await s.bind(typeof o.bind === "string" ? o.bind : undefined);
}
