// What a client connection of the reference server needs from the server, and the limits it keeps.
import type { Element } from "../xml/element.ts";
import type { ClientConnection } from "./connection.ts";
import type { FaultCheck } from "./faults/index.ts";
import type { SessionRegistry } from "./sessions.ts";
import type { AccountStore, StanzaLayer } from "./types.ts";

/** How long a closing stream waits for the peer to close its side before the connection is dropped. */
export const CLOSE_GRACE_MS = 2_000;
/** Before authentication a client has little to say; more than this is abuse (<policy-violation/>). */
export const PRE_AUTH_MAX_BYTES = 1024 * 1024;
export const PRE_AUTH_MAX_ELEMENTS = 200;

/** What a connection needs from the server. */
export interface ConnectionServer {
  readonly domains: ReadonlySet<string>;
  readonly defaultDomain: string;
  readonly accounts: AccountStore;
  readonly sessions: SessionRegistry;
  /** `streamFeatures` is the reference stanza layer's extra (RFC 6121 features to advertise). */
  readonly stanzas: StanzaLayer & { streamFeatures?(): Element[] };
  readonly tlsRequired: boolean;
  readonly registration: boolean;
  /** XEP-0199 §4.1: ping a bound client after this many quiet milliseconds; undefined = never. */
  readonly idlePingMs?: number;
  readonly maxStanzaBytes: number;
  readonly maxDepth: number | undefined;
  fault: FaultCheck;
  newStreamId(): string;
  connectionClosed(conn: ClientConnection): void;
  /** Fuzz-only faults: stop answering anyone, as a crashed server would (./fault-hooks-fuzz.ts). */
  crash(): void;
}
