// What a reference-client session is given: where to connect and how, and what to negotiate.
import type { MechanismName } from "../sasl/index.ts";
import type { Session } from "../session.ts";
import type { Transcript } from "../transcript.ts";
import type { Endpoint, TlsTrust } from "../transport/transport.ts";
import type { Element } from "../xml/element.ts";

export type TlsPolicy = "required" | "optional" | "none";

export interface SessionOptions {
  endpoint: Endpoint;
  /** The XMPP domain: the stream's 'to'. */
  domain: string;
  /** Our own domain on a server-to-server stream (harness/peer): the 'from' of what the session addresses. */
  from?: string;
  trust: TlsTrust;
  transcript: Transcript;
  /** Label in the transcript, e.g. "alice#1". */
  label: string;
  /** Default wait for an expected answer. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** Told of everything the session sends and every top-level element it receives (the runner's oracles). */
  observer?: StanzaObserver;
}

/** Watches a session's traffic as the case drives it (harness/runner/oracles/stanza-log.ts keeps it). */
export interface StanzaObserver {
  /** `wire`: what went out, as text (credentials already redacted). */
  sent(session: Session, wire: string): void;
  received(session: Session, el: Element): void;
}

export interface Credentials {
  username: string;
  password: string;
  authzid?: string;
}

export interface NegotiateOptions {
  tls?: TlsPolicy;
  auth?: Credentials;
  mechanism?: MechanismName;
  /** Bind a resource: true for a server-generated one, a string to ask for that one. */
  bind?: boolean | string;
}
