// The harness's federation side for one run (issue #15): its CA, the listener that plays remote domains,
// the DNS responder through which the target finds them, and where the target's own s2s side is. Each
// case plays a domain of its own below remote.test (case-federation.ts), so the target opens a fresh
// stream for it and parallel cases never share one.
import { randomBytes } from "node:crypto";
import { PeerListener } from "../peer/listener.ts";
import { Pki } from "../pki/pki.ts";
import { DnsResponder } from "../resolve/dns.ts";
import { publishXmppDomain } from "../resolve/publish.ts";
import { Transcript } from "../transcript.ts";
import type { Endpoint, TlsTrust } from "../transport/transport.ts";

/** The domain below which the harness plays its remote servers. */
export const REMOTE_BASE = "remote.test";

export interface FederationOptions {
  /** Keep the CA in this directory (a long-running target is told once to trust DIR/ca.crt). */
  pkiDir?: string;
  /** Where the listener listens (loopback); default 127.0.0.1, an ephemeral port. */
  listen?: { host: string; port: number };
  /** Where the DNS responder listens (loopback); none: the target cannot find the harness's domains. */
  dns?: { host: string; port: number };
  /** The target's s2s endpoint, when known now (the embedded server's is set after it starts). */
  targetS2s?: Endpoint;
  /** How the target's s2s certificate is judged; default the PKI's CA. */
  targetTrust?: TlsTrust;
  /** Every wait of the listener; default 10 s. */
  timeoutMs?: number;
}

export class Federation {
  #count = 0;

  private constructor(
    /** Which case (its transcript) plays which domain. */
    private readonly owners: Map<string, Transcript>,
    readonly pki: Pki,
    readonly listener: PeerListener,
    /** Absent: the target has no way to find the harness's domains, and cases where it dials out SKIP. */
    readonly dns: DnsResponder | undefined,
    /** How the harness judges the target's s2s certificate. */
    readonly targetTrust: TlsTrust,
  ) {}

  static async start(o: FederationOptions = {}): Promise<Federation> {
    const pki = await Pki.create({ dir: o.pkiDir });
    const owners = new Map<string, Transcript>();
    const targetTrust = o.targetTrust ?? { ca: pki.caCert };
    const listener = await PeerListener.start({
      pki,
      domains: [REMOTE_BASE, `*.${REMOTE_BASE}`],
      transcript: new Transcript(),
      host: o.listen?.host,
      port: o.listen?.port,
      targetS2s: o.targetS2s,
      targetTrust,
      directTls: true,
      timeoutMs: o.timeoutMs,
      transcriptFor: (domain) => owners.get(domain.toLowerCase()),
    });
    let dns: DnsResponder | undefined;
    try {
      dns = o.dns ? await DnsResponder.start(o.dns) : undefined;
    } catch (err) {
      await listener.stop();
      throw new Error(
        `the harness's DNS responder cannot listen on ${o.dns?.host}:${o.dns?.port}: ${(err as Error).message}`,
      );
    }
    const f = new Federation(owners, pki, listener, dns, targetTrust);
    f.#publish(REMOTE_BASE);
    return f;
  }

  /** The target's s2s endpoint: where the harness dials, and asks about the target's dialback keys. */
  get targetS2s(): Endpoint | undefined {
    return this.listener.targetS2s;
  }

  set targetS2s(e: Endpoint | undefined) {
    this.listener.targetS2s = e;
  }

  /**
   * A fresh domain the harness plays (`c7-1a2b3c.remote.test`), published in DNS; the streams the target
   * opens to it are recorded in `transcript`. Released by release().
   */
  newDomain(transcript: Transcript, tag = "c"): string {
    this.#count += 1;
    const domain = `${tag}${this.#count}-${randomBytes(3).toString("hex")}.${REMOTE_BASE}`;
    this.owners.set(domain, transcript);
    this.#publish(domain);
    return domain;
  }

  /** A domain the harness does not play and DNS does not know (NXDOMAIN): remote-server-not-found cases. */
  unknownDomain(tag = "nx"): string {
    this.#count += 1;
    return `${tag}${this.#count}-${randomBytes(3).toString("hex")}.unknown.${REMOTE_BASE}.invalid`;
  }

  release(domain: string): void {
    this.owners.delete(domain);
    this.dns?.delete(domain);
  }

  /** SRV to the listener for the domain (both STARTTLS and direct TLS), the target "localhost". */
  #publish(domain: string): void {
    const ports = { starttls: this.listener.endpoint.port, direct: this.listener.directTlsEndpoint?.port };
    if (this.dns) publishXmppDomain(this.dns, domain, ports);
  }

  async stop(): Promise<void> {
    await Promise.all([this.listener.stop(), this.dns?.stop()]);
    // the sockets' handles go once the loop has run their close callbacks: a caller counting open
    // handles right after stop() then sees none of ours
    await new Promise((r) => setTimeout(r, 1));
  }
}
