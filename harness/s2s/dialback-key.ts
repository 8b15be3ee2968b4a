// Server Dialback keys (XEP-0220 §2.4, XEP-0185): HMAC-SHA256 over "Receiving Originating StreamID",
// keyed with the hex SHA-256 of a secret only the originating domain's servers know.
import { createHash, createHmac, randomBytes } from "node:crypto";

export function dialbackKey(
  secret: string,
  receiving: string,
  originating: string,
  streamId: string,
): string {
  const k = createHash("sha256").update(secret).digest("hex");
  return createHmac("sha256", k).update(`${receiving} ${originating} ${streamId}`).digest("hex");
}

/** A fresh secret: 128 random bits, hex. */
export function dialbackSecret(): string {
  return randomBytes(16).toString("hex");
}
