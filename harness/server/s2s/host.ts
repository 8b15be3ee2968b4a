// What the s2s streams of the reference server need from their service (./service.ts).
import type { X509Certificate } from "node:crypto";
import type tls from "node:tls";
import type { Element } from "../../xml/element.ts";
import type { S2sFaultHooks } from "./fault-hooks-s2s.ts";
import type { S2sAuthFaultHooks } from "./fault-hooks-s2s-auth.ts";
import type { S2sConfig } from "./options.ts";

/** A dialback verdict (XEP-0220 §2.2) or the dialback error condition explaining why there is none (§2.4). */
export type DialbackVerdict =
  | "valid"
  | "invalid"
  | "remote-server-not-found"
  | "remote-connection-failed"
  | "remote-server-timeout";

export interface S2sHost {
  /** Prepared domains served. */
  readonly domains: ReadonlySet<string>;
  readonly config: S2sConfig;
  readonly hooks: S2sFaultHooks;
  /** The authentication faults (SASL EXTERNAL, dialback). */
  readonly authHooks: S2sAuthFaultHooks;
  /** The trusted CA (config.trust) as a certificate: peer certificates chain to it (§13.7.2). */
  readonly anchor: X509Certificate;
  /** The receiving side's TLS context for the name the peer's SNI gives: our certificate for it, the CA. */
  serverTls(servername: string | undefined): tls.SecureContext;
  /** tls.connect options as initiating side from `local` to `remote`: the CA, our client certificate, SNI. */
  clientTls(local: string, remote: string): tls.ConnectionOptions;
  newStreamId(): string;
  /** Our dialback key (XEP-0185) for a stream we (`originating`) opened to `receiving`. */
  dialbackKey(receiving: string, originating: string, streamId: string): string;
  /** As receiving server: ask `originating`'s authoritative server whether `key` is its key (XEP-0220 §2.2). */
  verifyKey(originating: string, receiving: string, streamId: string, key: string): Promise<DialbackVerdict>;
  /** A stanza from an authenticated peer, for a served domain: the stanza layer delivers it. */
  deliver(stanza: Element): void;
  /** A stanza of ours for a remote domain (an error back to a peer's sender): routed over s2s (§10.4). */
  route(stanza: Element): boolean;
}
