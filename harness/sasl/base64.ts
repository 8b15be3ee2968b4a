// Strict base64 for SASL payloads (RFC 6120 §6.3.5: RFC 4648 §4 alphabet, padding bits zero, no whitespace).

const RE_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes base64, or returns null when the text is not canonical base64 (the XMPP layer then answers
 * <incorrect-encoding/>). "=" is the RFC 6120 §6.4.2 zero-length payload; "" also decodes to an empty
 * buffer, so a caller that must tell "no initial response" from "empty" checks for "" itself.
 */
export function decodeBase64Strict(text: string): Buffer | null {
  if (text === "=" || text === "") return Buffer.alloc(0);
  if (!RE_BASE64.test(text)) return null;
  const bytes = Buffer.from(text, "base64");
  // Re-encoding catches non-zero padding bits ("QR==" is not canonical for "A").
  return bytes.toString("base64") === text ? bytes : null;
}

/** Encodes a payload; an empty payload is "=" (RFC 6120 §6.4.2, §6.4.6). */
export function encodeBase64(b: Buffer): string {
  return b.length === 0 ? "=" : b.toString("base64");
}
