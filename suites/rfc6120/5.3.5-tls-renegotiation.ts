// RFC 6120 §5.3.5 (and §13.9.5): TLS renegotiation is OPTIONAL; a server that supports it uses the TLS
// Renegotiation Extension (RFC 5746), and one that does not closes the TCP connection at once when it
// detects an attempt, without a stream error. Observable from a client over TLS 1.2 (TLS 1.3 has no
// renegotiation), so the case caps its connection at TLS 1.2 and skips a server that offers only 1.3.
import { Violation } from "../../harness/errors.ts";
import { type CaseContext, type Client, section } from "../kit/index.ts";

/** Alice logged in over TLS 1.2 at most; SKIP when the server will not speak TLS 1.2. */
async function loginOverTls12(ctx: CaseContext): Promise<Client> {
  const trust = { ...ctx.target.trust, maxVersion: "TLSv1.2" as const };
  try {
    return await ctx.login("alice", { trust, tls: "required", label: "alice" });
  } catch (err) {
    const message = (err as Error).message;
    if (/TLS|SSL|handshake|protocol/i.test(message)) ctx.skip(`no TLS 1.2 handshake (${message})`);
    throw err;
  }
}

export default section("rfc6120", "5.3.5", "TLS Renegotiation", [
  {
    id: "rfc6120/5.3.5/client-renegotiation-completed-or-closed",
    title:
      "a TLS 1.2 renegotiation attempt from the client completes securely, or the server closes the TCP connection at once without a stream error",
    requirements: ["RFC6120-5.3.5-2", "RFC6120-5.3.5-3", "RFC6120-13.9.5-4"],
    needs: ["tls", "tcp"],
    users: ["alice:account"],
    async run(ctx) {
      const alice = await loginOverTls12(ctx);
      const renegotiate = alice.transport.renegotiate?.bind(alice.transport);
      if (!renegotiate) return ctx.skip("this transport cannot attempt a TLS renegotiation");
      const outcome = await renegotiate();
      if (outcome.done) {
        // Our TLS library (OpenSSL) refuses to renegotiate with a peer lacking RFC 5746, so a completed
        // renegotiation used the extension (§5.3.5-2); the stream must go on over the new parameters.
        await alice.barrier();
        ctx.note("the server renegotiated (RFC 5746) and the stream went on");
        return;
      }
      const refusal = /no renegotiation/i.test(outcome.error)
        ? "a no_renegotiation alert"
        : outcome.error.trim();
      ctx.note(`the server refused the renegotiation: ${outcome.error}`);
      // §5.3.5: having detected the attempt, it "MUST immediately close the underlying TCP connection
      // without returning a stream error".
      const closed = await alice.expectClose().then(
        () => true,
        () => false,
      );
      if (alice.streamError)
        throw new Violation(`the server answered with a stream error: ${alice.streamError}`);
      if (!closed || !alice.closed) {
        throw new Violation(
          `the server refused the renegotiation (${refusal}) but kept the TCP connection open`,
        );
      }
    },
  },
]);
