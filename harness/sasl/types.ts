// Shared SASL types: mechanism names, RFC 6120 §6.5 failure conditions, client/server step interfaces.

export type MechanismName = "PLAIN" | "SCRAM-SHA-1" | "SCRAM-SHA-256";

export type SaslCondition =
  | "aborted"
  | "account-disabled"
  | "credentials-expired"
  | "encryption-required"
  | "incorrect-encoding"
  | "invalid-authzid"
  | "invalid-mechanism"
  | "malformed-request"
  | "mechanism-too-weak"
  | "not-authorized"
  | "temporary-auth-failure";

/** A SASL failure. `condition` is set when the error maps to an RFC 6120 §6.5 condition (server side). */
export class SaslError extends Error {
  override name = "SaslError";
  condition?: SaslCondition;
  constructor(message: string, condition?: SaslCondition) {
    super(message);
    this.condition = condition;
  }
}

export interface ClientCredentials {
  username: string;
  password: string;
  authzid?: string;
}

export interface ClientOptions {
  /** Fixed client nonce (tests); random otherwise. */
  nonce?: string;
  /** SCRAM: refuse a server-first-message with fewer iterations (default 4096, RFC 7677 §4). */
  minIterations?: number;
}

/** Byte payloads are raw; the XMPP layer base64-encodes them. */
export interface SaslClient {
  readonly name: MechanismName;
  /** The initial response (sent in <auth/>). */
  initial(): Buffer;
  /** The response to a challenge; throws SaslError on a bad challenge. */
  challenge(data: Buffer): Buffer;
  /** Slow work the response to this challenge needs, done off the thread first (never throws: challenge judges). */
  prepare?(data: Buffer): Promise<void>;
  /** Checks the additional data with success; for SCRAM verifies the server signature. */
  success(data: Buffer | null): void;
}

/** The reference server keeps plain passwords and derives SCRAM keys from them. */
export interface StoredCredentials {
  password: string;
}

export type CredentialLookup = (username: string) => StoredCredentials | undefined;

export interface ServerOptions {
  /** Fixed server nonce part (tests); random otherwise. */
  nonce?: string;
  /** SCRAM iteration count (default 4096; lower is refused). */
  iterations?: number;
  /** SCRAM per-account salt; default: derived from the username with a per-process secret. */
  salt?: (username: string) => Buffer;
  /** Named fault: accept any password for an existing account (unknown accounts still fail). */
  acceptAnyPassword?: boolean;
  /** The service domain, so an authzid must equal `username@domain` exactly (after JID preparation). */
  domain?: string;
}

export type ServerStep =
  | { kind: "challenge"; data: Buffer }
  | { kind: "success"; data: Buffer | null; username: string; authzid?: string }
  | { kind: "failure"; condition: SaslCondition; text?: string };

export interface SaslServer {
  readonly name: MechanismName;
  /** Starts the exchange; `null` means <auth/> carried no initial response. */
  start(initial: Buffer | null): ServerStep;
  /** Handles a <response/>. */
  respond(data: Buffer): ServerStep;
}

export function fail(condition: SaslCondition, text?: string): ServerStep {
  return { kind: "failure", condition, text };
}
