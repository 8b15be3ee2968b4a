// What the s2s faults (../faults/s2s.ts) do to the server-to-server side: each hook is asked at one place
// in the RFC logic of this folder, which reads as the rules.
import { type Element, NS, xml } from "../../xml/element.ts";
import type { FaultCheck } from "../faults/index.ts";
import type { StreamCondition } from "../stream-errors.ts";
import { S2sDirectTlsFaultHooks } from "./fault-hooks-s2s-direct-tls.ts";
import { S2sStreamFaultHooks } from "./fault-hooks-s2s-streams.ts";
import { S2sTlsFaultHooks } from "./fault-hooks-s2s-tls.ts";

export class S2sFaultHooks {
  /** STARTTLS and certificate faults (../faults/s2s-tls.ts). */
  readonly tls: S2sTlsFaultHooks;
  /** Stream headers, content namespace, validated 'from' domains (./fault-hooks-s2s-streams.ts). */
  readonly streams: S2sStreamFaultHooks;
  /** Direct TLS dialling, XEP-0368 (./fault-hooks-s2s-direct-tls.ts). */
  readonly directTls: S2sDirectTlsFaultHooks;

  constructor(private readonly fault: FaultCheck) {
    this.tls = new S2sTlsFaultHooks(fault);
    this.streams = new S2sStreamFaultHooks(fault);
    this.directTls = new S2sDirectTlsFaultHooks(fault);
  }

  /** register-feature-on-s2s (XEP-0077 §8): in-band registration offered to a peer server. */
  leakedFeatures(): Element[] {
    return this.fault("register-feature-on-s2s") ? [xml("register", { xmlns: NS.registerFeature })] : [];
  }

  /** The attributes of a stream header we send, after s2s-no-from-in-header / s2s-no-to-in-response. */
  headerAttrs(attrs: Record<string, string>, response: boolean): Record<string, string> {
    const out = { ...attrs };
    if (this.fault("s2s-no-from-in-header")) delete out.from;
    if (response && this.fault("s2s-no-to-in-response")) delete out.to;
    return out;
  }

  /** s2s-skip-tls: the initiating side ignores a <starttls/> offer. */
  skipsTls(): boolean {
    return this.fault("s2s-skip-tls");
  }

  /** s2s-accept-expired-cert, s2s-accept-untrusted-cert: an OpenSSL verdict the server overlooks. */
  certificateErrorIgnored(error: string): boolean {
    if (this.tls.certificateErrorIgnored(error)) return true;
    if (this.fault("s2s-accept-expired-cert") && error === "CERT_HAS_EXPIRED") return true;
    const untrusted = [
      "DEPTH_ZERO_SELF_SIGNED_CERT",
      "SELF_SIGNED_CERT_IN_CHAIN",
      "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
      "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
      "UNABLE_TO_GET_ISSUER_CERT",
    ];
    return this.fault("s2s-accept-untrusted-cert") && untrusted.includes(error);
  }

  /** s2s-accept-wrong-name-cert: any certificate names any domain. */
  anyCertificateName(): boolean {
    return this.fault("s2s-accept-wrong-name-cert");
  }

  /** s2s-external-any-authzid: the authzid is not checked. */
  anyAuthzid(): boolean {
    return this.fault("s2s-external-any-authzid");
  }

  /** s2s-dialback-always-valid: the receiving server trusts every key. */
  trustsEveryKey(): boolean {
    return this.fault("s2s-dialback-always-valid");
  }

  /** s2s-accept-stanza-before-auth. */
  acceptsStanzaBeforeAuth(): boolean {
    return this.fault("s2s-accept-stanza-before-auth");
  }

  /** s2s-send-before-auth: the initiating side flushes its queue once the peer's features arrive. */
  sendsBeforeAuth(): boolean {
    return this.fault("s2s-send-before-auth");
  }

  /**
   * The stream error an inbound stanza's addressing earns, after the faults: `rule` is what the RFC
   * logic found wrong (undefined: nothing).
   */
  stanzaAddressing(
    rule: { condition: StreamCondition; kind: "unaddressed" | "spoofed" | "foreign" } | undefined,
  ): { condition: StreamCondition; drop: boolean } | undefined {
    if (!rule) return undefined;
    if (rule.kind === "unaddressed" && this.fault("s2s-accept-unaddressed")) return undefined;
    if (rule.kind === "spoofed" && this.fault("s2s-accept-spoofed-from")) return undefined;
    if (rule.kind === "foreign" && this.fault("s2s-accept-foreign-to"))
      return { condition: rule.condition, drop: true };
    return { condition: rule.condition, drop: false };
  }

  /** The stanza error for stanzas that could not be routed, after s2s-timeout-as-not-found. */
  bounceCondition(
    condition: "remote-server-not-found" | "remote-server-timeout" | "internal-server-error",
  ): typeof condition {
    if (condition === "remote-server-timeout" && this.fault("s2s-timeout-as-not-found"))
      return "remote-server-not-found";
    return condition;
  }

  /** remote-domain-accepted: undeliverable stanzas vanish (the stanza layer's fault, on the s2s path). */
  bounces(_stanza: Element): boolean {
    return !this.fault("remote-domain-accepted");
  }
}
