// What a federation case gets (ctx.federation): domains of its own that the harness plays, the target's
// s2s side to dial, and the listener that sees what the target routes. Every stream is recorded in the
// case's transcript and closed with the case.
import { HarnessError } from "../errors.ts";
import { type DialOptions, dialTarget } from "../peer/dialer.ts";
import type { PeerListener } from "../peer/listener.ts";
import type { PeerStream } from "../peer/stream.ts";
import type { Pki } from "../pki/pki.ts";
import type { DnsResponder } from "../resolve/dns.ts";
import type { Session } from "../session.ts";
import type { Transcript } from "../transcript.ts";
import type { Endpoint } from "../transport/transport.ts";
import type { Federation } from "./federation.ts";

/** What dial() takes beyond what the case's run already knows. */
export type CaseDialOptions = Partial<Omit<DialOptions, "pki" | "transcript">>;

export class CaseFederation {
  readonly #domains: string[] = [];
  #dialed = 0;

  constructor(
    private readonly run: Federation,
    private readonly transcript: Transcript,
    /** The target's own domain: the 'to' of the streams the harness opens. */
    readonly targetDomain: string,
    private readonly timeoutMs: number,
    /** Hands a session to the case, which closes it when the case ends. */
    private readonly adopt: (s: Session) => void,
  ) {}

  get pki(): Pki {
    return this.run.pki;
  }

  get listener(): PeerListener {
    return this.run.listener;
  }

  /** The harness's DNS responder, for the cases about name resolution (RFC 6120 §3.2); absent: none runs. */
  get dns(): DnsResponder | undefined {
    return this.run.dns;
  }

  /** The target's s2s endpoint. */
  get targetS2s(): Endpoint {
    const e = this.run.targetS2s;
    if (!e) throw new HarnessError("the run knows no s2s endpoint of the target (--s2s-target)");
    return e;
  }

  /** A fresh domain the harness plays for this case alone (`c7-1a2b3c.remote.test`). */
  domain(tag = "c"): string {
    const d = this.run.newDomain(this.transcript, tag);
    this.#domains.push(d);
    return d;
  }

  /** A domain nobody serves and DNS does not know (remote-server-not-found cases). */
  unknownDomain(): string {
    return this.run.unknownDomain();
  }

  /**
   * A `jabber:server` stream from `from` (default a fresh domain of the case) to the target, opened and
   * its features read unless `open: false`. Negotiate it with the harness/peer steps.
   */
  async dial(o: CaseDialOptions = {}): Promise<Session> {
    this.#dialed += 1;
    const s = await dialTarget({
      endpoint: this.targetS2s,
      from: o.from ?? this.domain(),
      to: this.targetDomain,
      pki: this.run.pki,
      secret: this.run.listener.secret,
      trust: { ...this.run.targetTrust, servername: this.targetDomain },
      transcript: this.transcript,
      label: `s2s-out#${this.#dialed}`,
      timeoutMs: this.timeoutMs,
      ...o,
    });
    this.adopt(s);
    return s;
  }

  /** The next stream the target opens to `domain`, handed over raw after its header (claim before you trigger it). */
  claim(domain: string, timeoutMs = this.timeoutMs * 2): Promise<PeerStream> {
    const p = this.run.listener.claim(domain, timeoutMs).then((ps) => {
      this.adopt(ps.session);
      return ps;
    });
    p.catch(() => {}); // awaited later, after the case made the target connect
    return p;
  }

  /** The case is over: its domains are forgotten (DNS too). */
  release(): void {
    for (const d of this.#domains.splice(0)) this.run.release(d);
  }
}
