// SASL entry point: mechanism list and factories for the client and server sides.
import { PlainClient, PlainServer } from "./plain.ts";
import { ScramClient } from "./scram-client.ts";
import { ScramServer } from "./scram-server.ts";
import type {
  ClientCredentials,
  ClientOptions,
  CredentialLookup,
  MechanismName,
  SaslClient,
  SaslServer,
  ServerOptions,
} from "./types.ts";

export { decodeBase64Strict, encodeBase64 } from "./base64.ts";
export { MIN_ITERATIONS } from "./scram-server.ts";
export type {
  ClientCredentials,
  ClientOptions,
  CredentialLookup,
  MechanismName,
  SaslClient,
  SaslCondition,
  SaslServer,
  ServerOptions,
  ServerStep,
  StoredCredentials,
} from "./types.ts";
export { SaslError } from "./types.ts";

/** Supported mechanisms, strongest first (RFC 6120 §6.3.3 preference order). */
export const MECHANISMS: MechanismName[] = ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"];

export function isMechanismName(s: string): s is MechanismName {
  return (MECHANISMS as string[]).includes(s);
}

export function createClient(
  name: MechanismName,
  creds: ClientCredentials,
  opts?: ClientOptions,
): SaslClient {
  return name === "PLAIN" ? new PlainClient(creds) : new ScramClient(name, creds, opts);
}

export function createServer(
  name: MechanismName,
  lookup: CredentialLookup,
  opts?: ServerOptions,
): SaslServer {
  return name === "PLAIN" ? new PlainServer(lookup, opts) : new ScramServer(name, lookup, opts);
}
