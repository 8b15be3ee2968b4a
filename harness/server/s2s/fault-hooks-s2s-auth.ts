// What the s2s authentication faults (../faults/s2s-auth.ts) do: each hook is asked at one place in the
// SASL EXTERNAL and dialback logic of this folder (inbound.ts, outbound.ts).
import type { SaslCondition } from "../../sasl/types.ts";
import type { FaultCheck } from "../faults/index.ts";

export class S2sAuthFaultHooks {
  constructor(private readonly fault: FaultCheck) {}

  /** s2s-external-refuse-valid: EXTERNAL without an authzid fails. */
  refusesPlainExternal(authzid: string): boolean {
    return authzid === "" && this.fault("s2s-external-refuse-valid");
  }

  /** s2s-external-not-offered: the mechanism is left out of the features. */
  hidesExternal(): boolean {
    return this.fault("s2s-external-not-offered");
  }

  /** s2s-external-refuse-authzid: any authzid fails, the right one too. */
  refusesAuthzid(authzid: string): boolean {
    return authzid !== "" && this.fault("s2s-external-refuse-authzid");
  }

  /** The EXTERNAL payload the initiating side sends ("=": none), after s2s-dial-authzid-user. */
  externalPayload(local: string): string {
    if (!this.fault("s2s-dial-authzid-user")) return "=";
    return Buffer.from(`admin@${local}`, "utf8").toString("base64");
  }

  /** s2s-dial-no-restart: after <success/> the stream is taken as ready without a new header. */
  skipsRestart(): boolean {
    return this.fault("s2s-dial-no-restart");
  }

  /** s2s-dial-idle-after-failure: nothing left to try, and the stream is left to time out. */
  idlesAfterFailure(): boolean {
    return this.fault("s2s-dial-idle-after-failure");
  }

  /** s2s-dial-failure-as-success: a <failure/> whose condition is not one of RFC 6120 §6.5 counts as success. */
  failureIsSuccess(condition: string | undefined): boolean {
    return this.fault("s2s-dial-failure-as-success") && !KNOWN_SASL_CONDITIONS.has(condition ?? "");
  }

  /** The attributes of our answer to a key, after s2s-db-result-unswapped. */
  resultReply(request: { from: string; to: string }): { from: string; to: string } {
    if (this.fault("s2s-db-result-unswapped")) return request;
    return { from: request.to, to: request.from };
  }

  /** s2s-db-close-on-unknown-target: a stream error where a dialback error belongs. */
  closesOnUnknownTarget(): boolean {
    return this.fault("s2s-db-close-on-unknown-target");
  }

  /** The condition a dialback error carries, after s2s-db-error-no-condition (undefined: none). */
  dialbackCondition<C>(condition: C): C | undefined {
    return this.fault("s2s-db-error-no-condition") ? undefined : condition;
  }

  /** s2s-dial-prefer-dialback: EXTERNAL on offer is passed over. */
  prefersDialback(): boolean {
    return this.fault("s2s-dial-prefer-dialback");
  }

  /** s2s-listen-silent-without-cert: a peer without a certificate is offered nothing (no dialback either). */
  silentWithoutCertificate(hasCertificate: boolean): boolean {
    return !hasCertificate && this.fault("s2s-listen-silent-without-cert");
  }

  /** s2s-bidi-send-before-auth: a bidirectional stream carries our stanzas before the peer is authenticated. */
  bidiBeforeAuth(): boolean {
    return this.fault("s2s-bidi-send-before-auth");
  }

  /** s2s-bidi-any-domain: a bidirectional stream carries stanzas for domains its peer never proved. */
  bidiAnyDomain(): boolean {
    return this.fault("s2s-bidi-any-domain");
  }

  /** s2s-db-verify-conn-lingers: the verification-only connection stays open. */
  keepsVerifyStream(): boolean {
    return this.fault("s2s-db-verify-conn-lingers");
  }

  /** s2s-db-verify-always-valid: the authoritative side vouches for any key. */
  vouchesForAnyKey(): boolean {
    return this.fault("s2s-db-verify-always-valid");
  }

  /** The attributes of our key's <db:result/>, after s2s-db-result-no-from. */
  resultRequest(attrs: { from: string; to: string }): Record<string, string> {
    return this.fault("s2s-db-result-no-from") ? { to: attrs.to } : attrs;
  }

  /** s2s-db-drop-on-invalid: queued stanzas vanish when the key is refused. */
  dropsQueueOnInvalid(): boolean {
    return this.fault("s2s-db-drop-on-invalid");
  }
}

/** RFC 6120 §6.5's conditions. */
const KNOWN_SASL_CONDITIONS = new Set<string>([
  "aborted",
  "account-disabled",
  "credentials-expired",
  "encryption-required",
  "incorrect-encoding",
  "invalid-authzid",
  "invalid-mechanism",
  "malformed-request",
  "mechanism-too-weak",
  "not-authorized",
  "temporary-auth-failure",
] satisfies SaslCondition[]);
