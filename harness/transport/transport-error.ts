// Transport failures (socket, DNS, TLS) as one-line errors with a reason.

/** What went wrong, for callers that map failures to verdicts (ERROR vs FAIL). */
export type TransportErrorReason =
  | "refused"
  | "timeout"
  | "dns"
  | "unreachable"
  | "reset"
  | "closed"
  | "tls-untrusted"
  | "tls-name"
  | "tls-handshake"
  | "websocket-handshake"
  | "subprotocol"
  | "protocol"
  | "state"
  | "other";

/** A transport failure whose message is one line fit for a CLI or a report. */
export class TransportError extends Error {
  override readonly name = "TransportError";
  /** The underlying Node/OpenSSL error code, when there is one (e.g. ECONNREFUSED). */
  readonly code?: string;

  constructor(
    message: string,
    readonly reason: TransportErrorReason,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    const code = (cause as { code?: unknown } | undefined)?.code;
    if (typeof code === "string") this.code = code;
  }
}

const TRUST_HINT = "(use --tls-ca FILE or --insecure)";

// OpenSSL verification failures: the chain is fine as TLS but not trusted by us.
const UNTRUSTED_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_SIGNATURE_FAILURE",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
  "INVALID_PURPOSE",
]);

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Turn a socket/TLS/DNS error into a one-line TransportError.
 * `where` names the peer ("127.0.0.1:5222" or a URL); `stage`: connecting, in a TLS handshake, or over an
 * established TLS session.
 */
export function toTransportError(
  err: unknown,
  where: string,
  stage: "connect" | "tls" | "secure",
): TransportError {
  if (err instanceof TransportError) return err;
  const e = (err ?? {}) as { code?: unknown; message?: unknown; reason?: unknown; hostname?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  const detail = oneLine(
    typeof e.reason === "string" && e.reason
      ? e.reason
      : typeof e.message === "string"
        ? e.message
        : String(err),
  );
  const tlsFailed = `TLS handshake with ${where} failed`;
  switch (code) {
    case "ECONNREFUSED":
      return new TransportError(`connection refused by ${where}`, "refused", err);
    case "ENOTFOUND":
    case "EAI_NONAME":
    case "EAI_FAIL":
      return new TransportError(`cannot resolve host ${e.hostname ?? where}`, "dns", err);
    case "EAI_AGAIN":
      return new TransportError(
        `cannot resolve host ${e.hostname ?? where} (temporary DNS failure)`,
        "dns",
        err,
      );
    case "ETIMEDOUT":
      return new TransportError(`connection to ${where} timed out`, "timeout", err);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EADDRNOTAVAIL":
      return new TransportError(`${where} is unreachable (${code})`, "unreachable", err);
    case "ECONNRESET":
    case "EPIPE":
      return stage === "tls"
        ? new TransportError(`${tlsFailed}: connection closed by peer`, "reset", err)
        : new TransportError(`connection reset by ${where}`, "reset", err);
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return new TransportError(
        `${tlsFailed}: ${detail} (use --insecure to skip the check)`,
        "tls-name",
        err,
      );
    case "ERR_SSL_WRONG_VERSION_NUMBER":
    case "ERR_SSL_PACKET_LENGTH_TOO_LONG":
      return new TransportError(`${tlsFailed}: ${detail} (is it a plaintext port?)`, "tls-handshake", err);
  }
  if (UNTRUSTED_CODES.has(code)) {
    return new TransportError(`${tlsFailed}: ${detail} ${TRUST_HINT}`, "tls-untrusted", err);
  }
  const tlsError = code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_");
  if (stage === "secure" && tlsError) {
    return new TransportError(`TLS error on the connection to ${where}: ${detail}`, "protocol", err);
  }
  if (stage === "tls" || tlsError) {
    return new TransportError(`${tlsFailed}: ${detail}`, "tls-handshake", err);
  }
  return new TransportError(`connection to ${where} failed: ${detail}`, "other", err);
}
