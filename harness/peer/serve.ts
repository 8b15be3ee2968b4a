// A stream the target opened to the harness, answered automatically as the listener's policy for its
// domain says: a receiving server offering STARTTLS, SASL EXTERNAL and dialback, taking stanzas once the
// target's domain is authenticated.
import { NoAnswer } from "../errors.ts";
import { isStreamError } from "../match.ts";
import { NS_DIALBACK, NS_DIALBACK_FEATURE } from "../s2s/ns.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import type { PeerPolicy } from "./policy.ts";
import type { PeerStream } from "./stream.ts";
import { dialbackError, isVerifyRequest, type Verdict } from "./verify.ts";

export interface ServeContext {
  /** Ask the target's authoritative server about a key (the listener's askAuthoritative). */
  verifyKey(ps: PeerStream, originating: string, key: string): Promise<Verdict>;
  /** A stanza on an authenticated stream, for the domain's inbox. */
  deliver(ps: PeerStream, el: Element): void;
  /** How long a stream may sit idle between two elements before we look again (stop() ends it anyway). */
  idleMs: number;
}

const STANZAS = new Set(["message", "presence", "iq"]);

/** Answer the stream until it ends (the target closes it, or stop() destroys it), then close our side. */
export async function serveStream(ps: PeerStream, policy: PeerPolicy, ctx: ServeContext): Promise<void> {
  try {
    await answer(ps, policy, ctx);
  } finally {
    if (policy.behaviour !== "silent") await ps.end();
  }
}

async function answer(ps: PeerStream, policy: PeerPolicy, ctx: ServeContext): Promise<void> {
  if (policy.behaviour === "silent") return;
  if (policy.behaviour === "refuse") {
    if (policy.refuseWith === undefined) ps.destroy();
    else {
      await ps.sendHeader();
      await ps.streamError(policy.refuseWith);
    }
    return;
  }
  const authenticated = new Set<string>();
  await ps.sendHeader();
  await ps.sendFeatures(...features(ps, policy, authenticated));
  for (;;) {
    let el: Element;
    try {
      el = await ps.expect(() => true, ctx.idleMs);
    } catch (err) {
      if (err instanceof NoAnswer) continue;
      return; // closed, or no longer well-formed
    }
    if (isStreamError(el)) return;
    const isResult = el.getNS() === NS_DIALBACK && el.name.endsWith("result") && el.attrs.type === undefined;
    const isStarttls = el.getNS() === NS.tls && el.name === "starttls";
    // TLS is mandatory-to-negotiate here (RFC 6120 §5.3.1): nothing else is taken before it, save dialback,
    // which has an error of its own for this (XEP-0220 §2.4), and questions to the authoritative role
    if (policy.tls === "required" && !ps.tls && !isStarttls && !isResult && !isVerifyRequest(el)) {
      await ps.streamError("policy-violation");
      return;
    }
    if (isStarttls) {
      if (policy.tls === "none" || ps.tls) {
        await ps.send(xml("failure", { xmlns: NS.tls }));
        await ps.close();
        return;
      }
      await ps.proceedTls({ flaw: policy.certificate, requestCert: policy.requestCert });
      await restart(ps, policy, authenticated);
    } else if (el.getNS() === NS.sasl && el.name === "auth") {
      const from = ps.peerDomain;
      const condition = externalRefusal(ps, policy, el, from);
      if (condition || from === undefined) {
        await ps.send(xml("failure", { xmlns: NS.sasl }, xml(condition ?? "not-authorized")));
        continue;
      }
      authenticated.add(from);
      await ps.saslSuccess();
      await restart(ps, policy, authenticated);
    } else if (isResult) {
      void answerResult(ps, policy, ctx, el, authenticated);
    } else if (isVerifyRequest(el)) {
      // answered as it arrived, by the listener (whatever the stream's state)
    } else if (STANZAS.has(localName(el)) && authenticated.size > 0) {
      ctx.deliver(ps, el);
    } else if (STANZAS.has(localName(el))) {
      // RFC 6120 §4.9.3.12: stanzas before the stream is authenticated
      await ps.streamError("not-authorized");
      return;
    }
  }
}

function localName(el: Element): string {
  return el.name.replace(/^.*:/, "");
}

async function restart(ps: PeerStream, policy: PeerPolicy, authenticated: Set<string>): Promise<void> {
  await ps.sendHeader();
  await ps.sendFeatures(...features(ps, policy, authenticated));
}

/** The features for the stream's state (RFC 6120 §4.3.2, XEP-0178 §3, XEP-0220 §2.1). */
function features(ps: PeerStream, policy: PeerPolicy, authenticated: Set<string>): Element[] {
  if (authenticated.size > 0) return [];
  const out: Element[] = [];
  if (!ps.tls && policy.tls !== "none") {
    const required = policy.tls === "required";
    out.push(xml("starttls", { xmlns: NS.tls }, required ? xml("required") : null));
    if (required) return out;
  }
  const from = ps.peerDomain;
  if (policy.external && ps.tls && from !== undefined && ps.peerCertificateValidFor(from))
    out.push(xml("mechanisms", { xmlns: NS.sasl }, xml("mechanism", {}, "EXTERNAL")));
  // <errors/>: we answer with dialback errors rather than stream errors (XEP-0220 §2.4)
  if (policy.dialback) out.push(xml("dialback", { xmlns: NS_DIALBACK_FEATURE }, xml("errors")));
  return out;
}

/** Why an <auth/> fails (RFC 6120 §6.5), or undefined when EXTERNAL succeeds for the header's 'from'. */
function externalRefusal(
  ps: PeerStream,
  policy: PeerPolicy,
  auth: Element,
  from: string | undefined,
): string | undefined {
  if (auth.attrs.mechanism !== "EXTERNAL" || !policy.external) return "invalid-mechanism";
  if (from === undefined || !ps.peerCertificateValidFor(from)) return "not-authorized";
  const payload = auth.getText().trim();
  // XEP-0178 §3: "=" (or nothing) is no authzid; an authzid must be the domain the certificate names
  if (payload === "" || payload === "=") return undefined;
  const authzid = Buffer.from(payload, "base64").toString("utf8");
  return authzid === from ? undefined : "invalid-authzid";
}

/** The receiving server's answer to a key (XEP-0220 §2.2.1), after asking the authoritative server. */
async function answerResult(
  ps: PeerStream,
  policy: PeerPolicy,
  ctx: ServeContext,
  el: Element,
  authenticated: Set<string>,
): Promise<void> {
  const { from = "", to = "" } = el.attrs;
  const reply = (type: string, condition?: string) =>
    ps
      .send(xml("db:result", { from: to, to: from, type }, condition ? dialbackError(condition) : null))
      .catch(() => {});
  if (!policy.dialback) return reply("error", "feature-not-implemented");
  if (to !== ps.domain) return reply("error", "item-not-found");
  if (policy.tls === "required" && !ps.tls) return reply("error", "policy-violation");
  const verdict = await ctx.verifyKey(ps, from, el.getText().trim());
  if (verdict.type === "error") return reply("error", verdict.condition);
  // before the answer goes out: the target may send stanzas the moment it reads 'valid'
  if (verdict.type === "valid") authenticated.add(from);
  await reply(verdict.type);
  // "the Receiving Server ... MUST close the XML stream" after an invalid key (XEP-0220 §2.2.1)
  if (verdict.type !== "valid") await ps.end();
}
