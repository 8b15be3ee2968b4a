// XEP-0114 §3: the <handshake/> value a component sends, hex SHA-1 of the stream id and the shared secret
// (lowercase). Shared by the harness (the component side) and the reference server (the checking side).
import { createHash } from "node:crypto";

export function componentHandshake(streamId: string, secret: string): string {
  return createHash("sha1")
    .update(streamId + secret, "utf8")
    .digest("hex");
}
