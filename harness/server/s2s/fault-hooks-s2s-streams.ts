// What the s2s stream faults (../faults/s2s-streams.ts) do: stream headers, the content namespace and the
// validated domains of inbound stanzas. Each hook is asked at one place of the RFC logic in this folder.
import { NS } from "../../xml/element.ts";
import type { FindingKind } from "../../xml/parser.ts";
import type { FaultCheck } from "../faults/index.ts";

export class S2sStreamFaultHooks {
  constructor(private readonly fault: FaultCheck) {}

  /** The initial header we send as initiating server, after the header faults. */
  initialHeader(attrs: Record<string, string>): Record<string, string> {
    const out = { ...attrs };
    if (this.fault("s2s-no-to-in-header")) delete out.to;
    if (this.fault("s2s-no-version-in-header")) delete out.version;
    if (this.fault("s2s-no-lang-in-header")) delete out["xml:lang"];
    if (this.fault("s2s-client-namespace-out")) out.xmlns = NS.client;
    return out;
  }

  /** A stanza we route to a peer server, after s2s-out-strip-from. */
  routedFrom(from: string | undefined): string | undefined {
    return this.fault("s2s-out-strip-from") ? undefined : from;
  }

  /** s2s-require-from: an inbound header without 'from' is refused even before TLS. */
  requiresFrom(): boolean {
    return this.fault("s2s-require-from");
  }

  /** s2s-accept-client-namespace: 'jabber:client' passes for 'jabber:server' in an inbound header. */
  contentNamespaceOk(ns: string | undefined): boolean {
    return ns === NS.server || (this.fault("s2s-accept-client-namespace") && ns === NS.client);
  }

  /** s2s-ignore-header-to: an inbound header's unknown 'to' is taken for our first domain. */
  ignoresHeaderTo(): boolean {
    return this.fault("s2s-ignore-header-to");
  }

  /** s2s-dialback-before-tls: a key before TLS is verified although TLS is required. */
  dialbackBeforeTls(): boolean {
    return this.fault("s2s-dialback-before-tls");
  }

  /** The 'to' an inbound stanza is taken to have, after s2s-empty-to-as-domain ('' means `local`). */
  stanzaTo(to: string | undefined, local: string): string | undefined {
    return to === "" && this.fault("s2s-empty-to-as-domain") ? local : to;
  }

  /** s2s-empty-to-jid-malformed: to='' earns a <jid-malformed/> stanza error, not a stream error. */
  emptyToIsMalformed(to: string | undefined): boolean {
    return to === "" && this.fault("s2s-empty-to-jid-malformed");
  }

  /** s2s-lax-parser: restricted XML (§11.1) goes unanswered. */
  ignoresFinding(kind: FindingKind): boolean {
    return (
      this.fault("s2s-lax-parser") &&
      ["comment", "processing-instruction", "dtd", "entity-reference"].includes(kind)
    );
  }

  /** Follow the `n`th successive redirect? After s2s-ignore-see-other-host, s2s-redirect-unbounded. */
  followsRedirect(n: number, max: number): boolean {
    if (this.fault("s2s-ignore-see-other-host")) return false;
    return n <= max || this.fault("s2s-redirect-unbounded");
  }

  /** s2s-redirect-no-resolve: an FQDN redirect goes back to the address already used. */
  redirectUnresolved(): boolean {
    return this.fault("s2s-redirect-no-resolve");
  }

  /** The 'to' after a redirect to `fqdn`: `remote`, or the new FQDN under s2s-redirect-new-to. */
  redirectTo(remote: string, fqdn: string): string {
    return this.fault("s2s-redirect-new-to") ? fqdn : remote;
  }

  /**
   * Is `domain` validated on a stream whose authenticated domains are `validated` (RFC 6120 §8.1.2.2),
   * after s2s-from-local-trusted (our own domains pass) and s2s-from-suffix-match (their subdomains pass)?
   */
  fromValidated(domain: string, validated: ReadonlySet<string>, local: ReadonlySet<string>): boolean {
    if (validated.has(domain)) return true;
    if (this.fault("s2s-from-local-trusted") && local.has(domain)) return true;
    return this.fault("s2s-from-suffix-match") && [...validated].some((d) => domain.endsWith(`.${d}`));
  }
}
