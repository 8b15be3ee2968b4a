// SASLprep (RFC 4013) wrappers that report failure as null instead of throwing.
import saslprep from "saslprep";

/** "Query" semantics: unassigned code points allowed (strings received from the peer, RFC 4013 §2.5). */
export function prepQuery(s: string): string | null {
  try {
    return saslprep(s, { allowUnassigned: true });
  } catch {
    return null;
  }
}

/** "Stored string" semantics: unassigned code points refused (what we send, what we store). */
export function prepStored(s: string): string | null {
  try {
    return saslprep(s);
  } catch {
    return null;
  }
}

/** Strict UTF-8 decoding: null on invalid sequences (answered as malformed-request). */
export function decodeUtf8(b: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return null;
  }
}
