// The seam between the reference server's connection layer (streams, TLS, SASL, bind)
// and its stanza layer (routing, RFC 6121 roster/presence/messages, server IQs).
import type { Jid } from "../jid.ts";
import type { Element } from "../xml/element.ts";
import type { FaultName } from "./faults/index.ts";

export type { FaultSpec } from "./faults/spec.ts";

/** A bound client resource, as the stanza layer sees it. */
export interface BoundSession {
  readonly id: string;
  /** The full JID the server assigned at resource binding. */
  readonly jid: Jid;
  /** Has sent initial presence and not yet unavailable presence (RFC 6121 §4.2). */
  available: boolean;
  /** Last presence priority (RFC 6121 §4.7.2.3), 0 when none. */
  priority: number;
  /** The last available presence broadcast by this resource, if any. */
  lastPresence?: Element;
  /** Has requested the roster (RFC 6121 §2.1.6 "interested resource"). */
  interested: boolean;
  /** Send a stanza to the client (the connection layer serialises it). */
  send(stanza: Element): void;
  /** Raise a stream error and close (e.g. invalid-from, policy-violation). */
  streamError(condition: string, text?: string): void;
}

/** Accounts of the reference server; also the embedded provisioning API of the runner. */
export interface AccountStore {
  has(bareJid: string): boolean;
  password(bareJid: string): string | undefined;
  create(bareJid: string, password: string): boolean; // false if it exists
  remove(bareJid: string): boolean;
  setPassword(bareJid: string, password: string): boolean;
}

/** What the stanza layer needs from the rest of the server. */
export interface ServerHost {
  readonly domains: ReadonlySet<string>;
  readonly accounts: AccountStore;
  /** Every bound session of an account (bare JID string), available or not. */
  sessionsOf(bareJid: string): BoundSession[];
  /** Is this named fault on? */
  fault(name: FaultName): boolean;
}

/** The stanza layer: every stanza a bound client sends after resource binding goes here. */
export interface StanzaLayer {
  fromClient(session: BoundSession, stanza: Element): void;
  /** The session is going away (clean close or abrupt); broadcast unavailable if needed. */
  sessionEnded(session: BoundSession): void;
  /** An account was removed (XEP-0077 cancel). */
  accountRemoved(bareJid: string): void;
}
