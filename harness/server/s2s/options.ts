// The reference server's server-to-server side (RFC 6120 §4-§6, §8, §10.4, §13.7; XEP-0220; XEP-0178):
// what a caller configures, and the bounds every wait keeps.

/** Where a remote domain's server listens (loopback only). */
export interface S2sAddress {
  host: string;
  port: number;
  /** Found through an `_xmpps-server._tcp` record (XEP-0368): TLS from the first byte. */
  directTls?: boolean;
}

/** Every wait of the s2s side is bounded (ms). */
export interface S2sTimeouts {
  /** TCP connect to a remote server. Default 5000. */
  connectMs?: number;
  /** From connect to an authenticated stream (TLS, EXTERNAL or dialback included). Default 10000. */
  negotiateMs?: number;
  /** An inbound stream that never authenticates is closed after this. Default 30000. */
  inboundAuthMs?: number;
}

export interface S2sOptions {
  /** s2s port; 0 = ephemeral (default). */
  port?: number;
  /** The resolver hook: where a remote domain's server lives, or undefined when it cannot be resolved. */
  resolve: (domain: string) => Promise<S2sAddress | undefined>;
  /** The CA (PEM) that peer certificates must chain to (harness/pki). */
  trust: string;
  /** Certificate and key (PEM) for the served domains, issued by the same CA; also the client certificate. */
  certificate: { cert: string; key: string };
  /**
   * Per-domain certificates, over `certificate`: presented when the peer's SNI names the domain (RFC 6120
   * §5.4.3.1: chosen by the 'to' it addresses) and as client certificate on streams from it (XEP-0178).
   */
  certificates?: Record<string, { cert: string; key: string }>;
  /** Server Dialback (XEP-0220), offered and used. Default true. */
  dialback?: boolean;
  /** SASL EXTERNAL with certificates (XEP-0178), offered and used. Default true. */
  external?: boolean;
  /** STARTTLS on s2s streams, both directions. Default "required". */
  tls?: "required" | "optional";
  timeouts?: S2sTimeouts;
}

/** The options with every default filled in. */
export interface S2sConfig extends Required<Omit<S2sOptions, "port" | "timeouts" | "certificates">> {
  certificates: Record<string, { cert: string; key: string }>;
  port: number;
  timeouts: Required<S2sTimeouts>;
}

export function s2sConfig(opts: S2sOptions): S2sConfig {
  return {
    port: opts.port ?? 0,
    resolve: opts.resolve,
    trust: opts.trust,
    certificate: opts.certificate,
    certificates: opts.certificates ?? {},
    dialback: opts.dialback ?? true,
    external: opts.external ?? true,
    tls: opts.tls ?? "required",
    timeouts: {
      connectMs: opts.timeouts?.connectMs ?? 5_000,
      negotiateMs: opts.timeouts?.negotiateMs ?? 10_000,
      inboundAuthMs: opts.timeouts?.inboundAuthMs ?? 30_000,
    },
  };
}
