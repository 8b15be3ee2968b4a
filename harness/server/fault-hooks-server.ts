// What the server-wide faults (faults/connection.ts) do to the reference server's set-up: its certificate,
// its TLS settings, its stream ids and its TLS policy. Kept apart from server.ts so the start-up there
// reads as the rules; each hook is called at one place.
import { constants, randomBytes } from "node:crypto";
import type tls from "node:tls";
import type { FaultCheck } from "./faults/index.ts";

type Credentials = { key: string; cert: string };

export class ServerFaultHooks {
  constructor(private readonly fault: FaultCheck) {}

  /** ca-certificate (cA=TRUE), anonymous-certificate (no subject, no subjectAltName). */
  certificateFlaws(): { ca: boolean; anonymous: boolean } {
    return { ca: this.fault("ca-certificate"), anonymous: this.fault("anonymous-certificate") };
  }

  /**
   * direct-tls-other-certificate: the direct TLS port presents a fresh self-signed certificate (same
   * names) instead of `certificate`, which STARTTLS keeps presenting.
   */
  async directTlsCertificate(
    certificate: Credentials,
    domains: string[],
    make: (names: string[]) => Promise<Credentials>,
  ): Promise<Credentials> {
    return this.fault("direct-tls-other-certificate") ? make(domains) : certificate;
  }

  /** legacy-tls: TLS 1.2 at most and one CBC suite (no AEAD), on STARTTLS and direct TLS. */
  tlsOptions(certificate: Credentials): tls.SecureContextOptions & Credentials {
    // renegotiation-refused-kept-open: OpenSSL answers a renegotiation with a no_renegotiation alert and
    // the connection stays up (RFC 6120 §5.3.5 wants it closed)
    const opts = this.fault("renegotiation-refused-kept-open")
      ? { ...certificate, secureOptions: constants.SSL_OP_NO_RENEGOTIATION }
      : certificate;
    if (!this.fault("legacy-tls")) return opts;
    return { ...opts, maxVersion: "TLSv1.2", ciphers: "ECDHE-ECDSA-AES128-SHA" };
  }

  /** no-tls-required-flag, mechanisms-before-required-tls: these bend the policy only with TLS required. */
  requiresTls(): boolean {
    return this.fault("no-tls-required-flag") || this.fault("mechanisms-before-required-tls");
  }

  /** same-stream-id, sequential-stream-id: where stream ids come from instead of `random`. */
  streamIds(random: () => string): () => string {
    const sameId = `xs-${randomBytes(12).toString("base64url")}`;
    let counter = 0;
    return () => {
      if (this.fault("same-stream-id")) return sameId;
      if (this.fault("sequential-stream-id")) return `stream-${++counter}`;
      return random();
    };
  }
}
