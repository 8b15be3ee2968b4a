// STARTTLS and certificates over server-to-server streams (RFC 6120 §5, §13.7.2): the harness presents a
// certificate (good or flawed on purpose) as the initiating server, or drives a stream the target opened
// to it as the receiving server, and reports what the target did with it.
import { SaslFailure } from "../../harness/errors.ts";
import { authExternal, NS_DIALBACK, NS_DIALBACK_FEATURE, starttls } from "../../harness/peer/index.ts";
import type { PeerStream } from "../../harness/peer/stream.ts";
import type { CertFlaw } from "../../harness/pki/pki.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { s2sOutClaimed } from "./federation-out.ts";

export type { CertFlaw };
export { authExternal, NS_DIALBACK, NS_DIALBACK_FEATURE, starttls };

/** What the target did with the certificate we presented as initiating server. */
export type InboundCertOutcome =
  | "tls-refused" // the handshake failed, or the stream closed right after it
  | "no-external" // TLS up, EXTERNAL not on offer (dialback may still be)
  | "external-refused" // EXTERNAL offered, <failure/> or a close
  | "external-accepted"; // EXTERNAL <success/>: the certificate authenticated us

/**
 * Dial from a fresh domain of the case, STARTTLS presenting `flaw` (undefined: a good certificate), then
 * SASL EXTERNAL when offered. A target offering no STARTTLS at all is a SKIP.
 */
export async function presentCertificate(
  ctx: CaseContext,
  flaw?: CertFlaw,
  o: { xmppAddr?: boolean } = {},
): Promise<InboundCertOutcome> {
  const s = await ctx.setUp("open a server-to-server stream to the target", () => ctx.federation.dial());
  if (!s.features?.getChild("starttls", NS.tls)) ctx.skip("the target offers no STARTTLS on s2s streams");
  const tls = await starttls(s, { flaw, xmppAddr: o.xmppAddr }).then(
    () => true,
    (err: Error) => {
      ctx.note(`STARTTLS with our ${flaw ?? "valid"} certificate ended: ${err.message}`);
      return false;
    },
  );
  if (!tls) return "tls-refused";
  if (!s.offeredMechanisms().includes("EXTERNAL")) return "no-external";
  return authExternal(s).then(
    () => "external-accepted" as const,
    (err: Error) => {
      if (!(err instanceof SaslFailure)) ctx.note(`SASL EXTERNAL ended: ${err.message}`);
      return "external-refused" as const;
    },
  );
}

/**
 * Set-up: the target completes STARTTLS with a good certificate of ours, so that a refused flawed one
 * says something about the flaw (a target whose TLS fails for every client certificate is not exercised).
 */
export async function goodCertificateWorks(ctx: CaseContext): Promise<void> {
  await ctx.setUp("the target completes STARTTLS with a valid certificate of ours", async () => {
    const s: Session = await ctx.federation.dial();
    if (!s.features?.getChild("starttls", NS.tls)) ctx.skip("the target offers no STARTTLS on s2s streams");
    await starttls(s);
  });
}

/** A stream the target opened to a fresh domain of the case, because `sender` sent a message there. */
export interface OutboundStream {
  ps: PeerStream;
  domain: string;
}

/** Make the target dial a fresh domain of the case over STARTTLS (s2sOutClaimed) with one message of `tag`. */
export async function provokeOutbound(ctx: CaseContext, sender: Client, tag = "m"): Promise<OutboundStream> {
  const { ps, domain } = await s2sOutClaimed(ctx, sender, (d) => [
    xml(
      "message",
      { to: `someone@${d}`, id: `s2s-${tag}-${d.split(".")[0]}`, type: "chat" },
      xml("body", {}, "hi"),
    ),
  ]);
  return { ps, domain };
}

/**
 * Make the target dial a fresh domain of the case (provokeOutbound), answer with our header and these
 * features, and read its first element there (or why none came within 10 s).
 */
export async function firstAnswerTo(
  ctx: CaseContext,
  sender: Client,
  ...features: Element[]
): Promise<{ ps: PeerStream; first: Element | string }> {
  const { ps } = await provokeOutbound(ctx, sender, "tls");
  await ps.sendHeader();
  await ps.sendFeatures(...features);
  return { ps, first: await nextFrom(ps, 10_000) };
}

/** Our response header and a STARTTLS offer (`required` child or not), then the target's <starttls/>. */
export async function offerStarttls(ctx: CaseContext, ps: PeerStream, required: boolean): Promise<void> {
  await ps.sendHeader();
  await ps.sendFeatures(xml("starttls", { xmlns: NS.tls }, required ? xml("required") : null));
  await ctx.setUp("the target asks for STARTTLS", () => ps.expect({ name: "starttls", ns: NS.tls }));
}

/** How a receiving server of ours goes on after TLS: what it offers and how it answers. */
export interface AfterTls {
  /** Offer SASL EXTERNAL and answer <auth/> with <success/>. */
  external: boolean;
  /** Offer dialback and answer <db:result/> with type='valid' (the harness is the judge of its own side). */
  dialback: boolean;
}

/** How the target's side of a stream ended up: the first stanza it sent, or why none came. */
export type StanzaOrNot = { stanza: Element } | { none: string };

/**
 * The receiving server's part once the target's new header over TLS arrived (after proceedTls()):
 * our header, features as `o` says, answers to its authentication, until it sends a stanza, closes, or
 * `quietMs` pass without an element.
 */
export async function untilStanza(ps: PeerStream, o: AfterTls, quietMs: number): Promise<StanzaOrNot> {
  const offer = () => [
    o.external ? xml("mechanisms", { xmlns: NS.sasl }, xml("mechanism", {}, "EXTERNAL")) : null,
    o.dialback ? xml("dialback", { xmlns: NS_DIALBACK_FEATURE }) : null,
  ];
  await ps.sendHeader();
  await ps.sendFeatures(...offer().filter((e): e is Element => e !== null));
  for (;;) {
    const el = await ps.expect(() => true, quietMs).catch((err: Error) => err);
    if (el instanceof Error) return { none: el.message };
    if (["message", "presence", "iq"].includes(el.name.replace(/^.*:/, ""))) return { stanza: el };
    const { from = "", to = "", type: answered } = el.attrs;
    if (isElement(el, NS.sasl, "auth")) {
      if (!o.external) await ps.send(xml("failure", { xmlns: NS.sasl }, xml("invalid-mechanism")));
      else {
        await ps.saslSuccess();
        await ps.sendHeader();
        await ps.sendFeatures();
      }
    } else if (isElement(el, NS_DIALBACK, "result") && answered === undefined) {
      await ps.send(xml("db:result", { from: to, to: from, type: o.dialback ? "valid" : "invalid" }));
    }
  }
}

/**
 * Set-up: the target routes a message to a fresh domain of the case that negotiates like a good peer (the
 * listener's default policy), so a refusal elsewhere says something about what that stream did wrong.
 */
export async function routesToGoodPeer(ctx: CaseContext, sender: Client): Promise<void> {
  await ctx.setUp("the target routes a message to a well-behaved peer", async () => {
    const domain = ctx.federation.domain();
    const id = `s2s-ok-${domain.split(".")[0]}`;
    const arrived = ctx.federation.listener.expect(domain, {
      name: "message",
      where: (e) => e.attrs.id === id,
      what: `the message ${id}`,
    });
    await sender.send(xml("message", { to: `someone@${domain}`, id, type: "chat" }, xml("body", {}, "ok")));
    await arrived;
  });
}

/** The next element the target sends on `ps`, or why none came within `ms` (closed, nothing). */
export function nextFrom(ps: PeerStream, ms: number): Promise<Element | string> {
  return ps.expect(() => true, ms).catch((err: Error) => err.message);
}

/** Is `el` this element of this namespace (any prefix)? */
export function isElement(el: Element | string, ns: string, name: string): el is Element {
  return typeof el !== "string" && el.getNS() === ns && el.name.replace(/^.*:/, "") === name;
}
