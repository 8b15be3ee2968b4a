// What the SASL and resource-binding faults (faults/connection.ts, faults/address.ts) do to the
// negotiation, kept apart from sasl-step.ts, bind.ts and features.ts so the rule-abiding code there stays
// readable: each hook is called at one place, and without its fault it answers as the RFC does. (Faults
// that only change a reply's wording are rewrites in ./send-faults.ts.)
import type { Jid } from "../jid.ts";
import type { FaultCheck } from "./faults/index.ts";
import { OFFERED_MECHANISMS } from "./features.ts";

/** Lenient decoding for the accept-bad-base64 fault: whitespace and bad padding pass. */
function lenientBase64(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ""), "base64");
}

/** Does this initial response carry an authzid (PLAIN's first field, SCRAM's gs2 "a=")? */
function namesAuthzid(mechanism: string, data: Buffer): boolean {
  const text = data.toString("utf8");
  return mechanism === "PLAIN" ? text.split("\0")[0] !== "" : /^[nyp][^,]*,a=/.test(text);
}

export class SaslFaultHooks {
  constructor(readonly fault: FaultCheck) {}

  // ---- SASL (RFC 6120 §6) ----

  /** no-scram-sha-1: the mandatory-to-implement mechanism is neither offered nor accepted (§13.8.1). */
  mechanisms(): readonly string[] {
    return this.fault("no-scram-sha-1")
      ? OFFERED_MECHANISMS.filter((m) => m !== "SCRAM-SHA-1")
      : OFFERED_MECHANISMS;
  }

  /** sasl-unlimited-retries, sasl-no-retry: how many retries a failed client gets. */
  retriesAllowed(standard: number): number {
    if (this.fault("sasl-unlimited-retries")) return Number.POSITIVE_INFINITY;
    return this.fault("sasl-no-retry") ? 0 : standard;
  }

  /** sasl-no-retry: the first failure closes the stream. */
  closesOnFailure(): boolean {
    return this.fault("sasl-no-retry");
  }

  /**
   * sasl-reject-empty-response ("=" is bad base64) and accept-bad-base64 (anything decodes): the payload
   * as the fault reads it (`{ data: undefined }`: bad base64), or undefined for the RFC's reading.
   */
  payload(text: string): { data: Buffer | undefined } | undefined {
    if (text === "=" && this.fault("sasl-reject-empty-response")) return { data: undefined };
    if (!this.fault("accept-bad-base64")) return undefined;
    return { data: text === "=" ? Buffer.alloc(0) : lenientBase64(text) };
  }

  /** sasl-ignore-new-auth: an <auth/> during a handshake fails instead of starting over. */
  refusesNewAuth(): boolean {
    return this.fault("sasl-ignore-new-auth");
  }

  /** reject-own-authzid: an initial response naming an authzid fails (even the client's own). */
  refusesAuthzid(mechanism: string, data: Buffer | null): boolean {
    return data !== null && this.fault("reject-own-authzid") && namesAuthzid(mechanism, data);
  }

  /** accept-bad-password: any password will do. */
  acceptsAnyPassword(): boolean {
    return this.fault("accept-bad-password");
  }

  /** address-bound-localpart-as-typed: the account named as the client typed it in SASL. */
  accountName(typed: string, prepared: string): string {
    return this.fault("address-bound-localpart-as-typed") ? typed : prepared;
  }

  // ---- resource binding (RFC 6120 §7) ----

  /** bind-unlimited-retries: failed binds never close the stream. */
  bindRetriesUnlimited(): boolean {
    return this.fault("bind-unlimited-retries");
  }

  /** bind-ignores-resource: the requested resourcepart is replaced by a generated one. */
  ignoresRequestedResource(): boolean {
    return this.fault("bind-ignores-resource");
  }

  /** bind-echoes-resource: a resourcepart that cannot be prepared is bound (as a generated one). */
  bindsBadResource(): boolean {
    return this.fault("bind-echoes-resource");
  }

  /** bind-duplicate-resource: a resource in use is handed out again. */
  allowsDuplicateResource(): boolean {
    return this.fault("bind-duplicate-resource");
  }

  /** bind-duplicate-resource: every generated resource is the same. */
  generatedResource(generate: () => string): string {
    return this.fault("bind-duplicate-resource") ? "xs-generated" : generate();
  }

  /** bind-bare-jid, bind-echoes-resource, bind-domain-jid: the JID the bind result names. */
  boundJidText(bound: Jid, account: Jid, requested: string | undefined, resource: string): string {
    let answered = bound.toString();
    if (requested === undefined && this.fault("bind-bare-jid")) answered = account.toString();
    if (requested !== undefined && this.fault("bind-echoes-resource")) answered = `${account}/${requested}`;
    // the fault names a JID whose bare part is the domain, not the authenticated account (§4.3.6)
    if (this.fault("bind-domain-jid")) answered = `${account.domain}/${resource}`;
    return answered;
  }
}
