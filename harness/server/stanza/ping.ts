// XMPP Ping (XEP-0199) answered by the server, for itself or for the sender's own account.
import type { IqCall } from "./iq.ts";

export function handlePing(call: IqCall): void {
  // XEP-0199 defines <ping/> in an IQ get only; a set violates its syntax (RFC 6120 §8.3.3.1).
  if (call.iq.attrs.type !== "get") {
    call.error("bad-request");
    return;
  }
  call.result();
}
