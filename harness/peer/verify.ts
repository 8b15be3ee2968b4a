// The two halves of Server Dialback's verification (XEP-0220 §2.3-§2.4) the harness plays besides the
// originating server: the authoritative server answering <db:verify/> from its secret, and the receiving
// server asking the target's authoritative server about a key it was given.
import { bounded } from "../bounded.ts";
import { StreamClosed } from "../errors.ts";
import type { Pki } from "../pki/pki.ts";
import { dialbackKey } from "../s2s/dialback-key.ts";
import { plays } from "../s2s/domains.ts";
import { NS_DIALBACK } from "../s2s/ns.ts";
import type { Session } from "../session.ts";
import type { Transcript } from "../transcript.ts";
import type { Endpoint, TlsTrust } from "../transport/transport.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import { dialTarget, starttls } from "./dialer.ts";

/** A <db:verify/> asking us (no 'type' yet: a request, not an answer). */
export function isVerifyRequest(el: Element): boolean {
  return el.getNS() === NS_DIALBACK && el.name.endsWith("verify") && el.attrs.type === undefined;
}

/** A dialback error (XEP-0220 §2.4): type='error' with one stanza error condition. */
export function dialbackError(condition: string): Element {
  return xml("error", { type: "cancel" }, xml(condition, { xmlns: NS.stanzas }));
}

/**
 * The authoritative server's answer (XEP-0220 §2.2.2): valid when the key is the one our secret gives for
 * receiving = the request's 'from', originating = its 'to', and its stream id; a 'to' we do not play is
 * an <item-not-found/> dialback error.
 */
export function answerVerify(secret: string, domains: readonly string[], req: Element): Element {
  const { from = "", to = "", id = "" } = req.attrs;
  const reply = { from: to, to: from, id };
  if (!plays(domains, to))
    return xml("db:verify", { ...reply, type: "error" }, dialbackError("item-not-found"));
  const valid = req.getText().trim() === dialbackKey(secret, from, to, id);
  return xml("db:verify", { ...reply, type: valid ? "valid" : "invalid" });
}

/** What the target's authoritative server said of a key; `condition` is the dialback error to pass on. */
export type Verdict = { type: "valid" | "invalid" } | { type: "error"; condition: string };

export interface AskAuthoritative {
  /** The target's authoritative s2s endpoint. */
  endpoint: Endpoint;
  /** We are the receiving server for this domain. */
  receiving: string;
  /** The target's domain, the originating one. */
  originating: string;
  /** The id of the stream on which the target sent its key (our header's). */
  streamId: string;
  key: string;
  pki: Pki;
  trust?: TlsTrust;
  transcript: Transcript;
  label: string;
  timeoutMs: number;
  /** Told of the stream as soon as it is open, so whoever stops the harness can end it. */
  track?: (s: Session) => void;
}

/**
 * Ask the target's authoritative server about a key (XEP-0220 §2.1.2): a stream of its own, STARTTLS when
 * offered, <db:verify/>, its answer. Failures become the dialback errors of XEP-0220 §2.4's table.
 */
export async function askAuthoritative(a: AskAuthoritative): Promise<Verdict> {
  let s: Session;
  try {
    s = await secured(a, true).catch((err: Error) => {
      // jabberd2 resets a TLS 1.3 handshake that carries a client certificate; the key is what proves
      // us here (XEP-0220 §2.1.2), so ask again without one
      if (!(err instanceof Retry)) throw err;
      a.transcript.note(a.label, `${err.message}: again without a client certificate`);
      return secured(a, false);
    });
  } catch (err) {
    // connecting failed, or the stream was refused (host-unknown: the domain is not there)
    if (err instanceof StreamClosed) return { type: "error", condition: "remote-server-not-found" };
    if (err instanceof Retry) return { type: "error", condition: "remote-server-timeout" };
    return { type: "error", condition: "remote-connection-failed" };
  }
  try {
    const answer = s.expect(
      (e) => e.getNS() === NS_DIALBACK && e.name.endsWith("verify") && e.attrs.id === a.streamId,
    );
    await s.send(xml("db:verify", { from: a.receiving, to: a.originating, id: a.streamId }, a.key));
    const type = (await answer).attrs.type;
    if (type === "valid" || type === "invalid") return { type };
    return { type: "error", condition: "remote-server-not-found" };
  } catch {
    // the authoritative server went away without a verdict
    return { type: "error", condition: "remote-server-timeout" };
  } finally {
    await bounded(s.close(), a.timeoutMs, () => s.destroy());
  }
}

/** TLS broke after the stream was open: worth one more try. */
class Retry extends Error {}

/** A stream to the authoritative server, STARTTLS when offered (with or without our certificate). */
async function secured(a: AskAuthoritative, certificate: boolean): Promise<Session> {
  const s = await dialTarget({
    endpoint: a.endpoint,
    from: a.receiving,
    to: a.originating,
    pki: a.pki,
    trust: a.trust,
    transcript: a.transcript,
    label: a.label,
    timeoutMs: a.timeoutMs,
  });
  a.track?.(s);
  try {
    if (s.features?.getChild("starttls", NS.tls)) await starttls(s, { certificate });
    return s;
  } catch (err) {
    s.destroy();
    throw new Retry(`STARTTLS failed: ${(err as Error).message}`);
  }
}
