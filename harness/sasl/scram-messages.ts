// SCRAM message syntax (RFC 5802 §7): building and strict parsing of the four messages.
import { decodeBase64Strict } from "./base64.ts";

/** printable = %x21-2B / %x2D-7E (no comma). */
export const RE_NONCE = /^[\x21-\x2b\x2d-\x7e]+$/;
const RE_EXTENSION = /^[A-Za-z]=[^,]+$/;
const RE_GS2_HEADER = /^(n|y|p=[A-Za-z0-9.-]+),(a=[^,]*)?,/;

/** saslname escaping: '=' as "=3D", ',' as "=2C". */
export function escapeSaslname(s: string): string {
  return s.replace(/=/g, "=3D").replace(/,/g, "=2C");
}

/** Reverses escapeSaslname; null when an '=' is not followed by "2C" or "3D" (or a ',' appears raw). */
export function unescapeSaslname(s: string): string | null {
  if (s.includes(",") || /=(?!2C|3D)/.test(s)) return null;
  return s.replace(/=2C|=3D/g, (m) => (m === "=2C" ? "," : "="));
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const bad = <T>(error: string): Parsed<T> => ({ ok: false, error });
const good = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** Extensions after the mandatory attributes must be well-formed attr=value pairs. */
function extensionsOk(attrs: string[]): boolean {
  return attrs.every((a) => RE_EXTENSION.test(a) && !a.startsWith("m="));
}

export interface ClientFirst {
  gs2Header: string;
  cbindFlag: "n" | "y" | "p";
  /** Unescaped authzid, if any. */
  authzid?: string;
  /** Unescaped (not yet SASLprepped) username. */
  username: string;
  nonce: string;
  bare: string;
}

export function parseClientFirst(text: string): Parsed<ClientFirst> {
  const m = RE_GS2_HEADER.exec(text);
  if (!m) return bad("bad GS2 header");
  const gs2Header = m[0];
  let authzid: string | undefined;
  if (m[2] !== undefined) {
    const raw = unescapeSaslname(m[2].slice(2));
    if (!raw) return bad("bad authzid");
    authzid = raw;
  }
  const bare = text.slice(gs2Header.length);
  const attrs = bare.split(",");
  if (attrs[0]?.startsWith("m=")) return bad("mandatory extension not supported");
  if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=")) {
    return bad("expected n=username,r=nonce");
  }
  const username = unescapeSaslname(attrs[0].slice(2));
  if (!username) return bad("bad username");
  const nonce = attrs[1].slice(2);
  if (!RE_NONCE.test(nonce)) return bad("bad client nonce");
  if (!extensionsOk(attrs.slice(2))) return bad("bad extension");
  const cbindFlag = m[1][0] as "n" | "y" | "p";
  return good({ gs2Header, cbindFlag, authzid, username, nonce, bare });
}

export interface ServerFirst {
  nonce: string;
  salt: Buffer;
  iterations: number;
}

export function parseServerFirst(text: string): Parsed<ServerFirst> {
  const attrs = text.split(",");
  if (attrs[0]?.startsWith("m=")) return bad("mandatory extension not supported");
  if (
    attrs.length < 3 ||
    !attrs[0].startsWith("r=") ||
    !attrs[1].startsWith("s=") ||
    !attrs[2].startsWith("i=")
  ) {
    return bad("expected r=nonce,s=salt,i=iterations");
  }
  const nonce = attrs[0].slice(2);
  if (!RE_NONCE.test(nonce)) return bad("bad nonce");
  const saltText = attrs[1].slice(2);
  const salt = saltText === "" ? null : decodeBase64Strict(saltText);
  if (!salt || salt.length === 0) return bad("bad salt");
  const iterText = attrs[2].slice(2);
  if (!/^[1-9][0-9]{0,9}$/.test(iterText)) return bad("bad iteration count");
  if (!extensionsOk(attrs.slice(3))) return bad("bad extension");
  return good({ nonce, salt, iterations: Number(iterText) });
}

export interface ClientFinal {
  channelBinding: Buffer;
  nonce: string;
  proof: Buffer;
  withoutProof: string;
}

export function parseClientFinal(text: string): Parsed<ClientFinal> {
  const proofAt = text.lastIndexOf(",p=");
  if (proofAt < 0) return bad("missing proof");
  const withoutProof = text.slice(0, proofAt);
  const attrs = withoutProof.split(",");
  if (attrs.length < 2 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=")) {
    return bad("expected c=binding,r=nonce");
  }
  const channelBinding = decodeBase64Strict(attrs[0].slice(2));
  if (!channelBinding || attrs[0].length === 2) return bad("bad channel binding encoding");
  const nonce = attrs[1].slice(2);
  if (!RE_NONCE.test(nonce)) return bad("bad nonce");
  if (!extensionsOk(attrs.slice(2))) return bad("bad extension");
  const proofText = text.slice(proofAt + 3);
  const proof = proofText === "" ? null : decodeBase64Strict(proofText);
  if (!proof || proof.length === 0) return bad("bad proof encoding");
  return good({ channelBinding, nonce, proof, withoutProof });
}

export type ServerFinal = { kind: "verifier"; signature: Buffer } | { kind: "error"; error: string };

export function parseServerFinal(text: string): Parsed<ServerFinal> {
  const first = text.split(",")[0];
  if (first.startsWith("e=") && first.length > 2) return good({ kind: "error", error: first.slice(2) });
  if (!first.startsWith("v=")) return bad("expected v=verifier or e=error");
  const signature = first.length === 2 ? null : decodeBase64Strict(first.slice(2));
  if (!signature || signature.length === 0) return bad("bad verifier encoding");
  return good({ kind: "verifier", signature });
}
