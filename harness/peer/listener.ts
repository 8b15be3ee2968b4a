// The harness listening as remote domains (remote.test, ...) for the target's outbound s2s streams, on
// loopback: each stream is answered per its domain's policy, or handed to a case that claimed it; the
// target's <db:verify/> questions are answered from the run's dialback secret (the authoritative role).
import net from "node:net";
import { HarnessError, NoAnswer } from "../errors.ts";
import type { Matcher } from "../match.ts";
import type { Pki } from "../pki/pki.ts";
import { dialbackSecret } from "../s2s/dialback-key.ts";
import { firstConcrete, plays } from "../s2s/domains.ts";
import { Session } from "../session.ts";
import type { Transcript } from "../transcript.ts";
import { isLoopback } from "../transport/target-url.ts";
import { TcpTransport, TransportError } from "../transport/tcp.ts";
import type { Endpoint, TlsInfo, TlsTrust } from "../transport/transport.ts";
import type { Element } from "../xml/element.ts";
import { DomainInbox } from "./inbox.ts";
import { PendingTranscript } from "./pending-transcript.ts";
import { DEFAULT_POLICY, type PeerPolicy } from "./policy.ts";
import { serveStream } from "./serve.ts";
import { PeerStream } from "./stream.ts";
import { answerVerify, askAuthoritative, isVerifyRequest, type Verdict } from "./verify.ts";

export interface PeerListenerOptions {
  pki: Pki;
  /** The domains the harness plays, e.g. ["remote.test", "*.remote.test"] (see domains.ts). */
  domains: string[];
  transcript: Transcript;
  /** A loopback address; default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** The target's s2s endpoint: where the harness asks about keys the target gave it (XEP-0220 §2.3). */
  targetS2s?: Endpoint;
  /** How the target's certificate is judged on those streams; default the PKI's CA. */
  targetTrust?: TlsTrust;
  /** Also listen for direct TLS (XEP-0368, ALPN "xmpp-server") on a port of its own. */
  directTls?: boolean;
  /** The run's dialback secret; default a fresh one. */
  secret?: string;
  /** Every wait of the listener's own; default 10 s. */
  timeoutMs?: number;
  /**
   * The transcript of whoever owns `domain` (a case playing it), where that domain's streams are recorded;
   * undefined (or no function): `transcript`.
   */
  transcriptFor?: (domain: string) => Transcript | undefined;
}

interface Claim {
  domain: string;
  resolve: (ps: PeerStream) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class PeerListener {
  /** The run's dialback secret: give it to dialTarget() so the keys it sends verify here. */
  readonly secret: string;
  /** The target's s2s endpoint, for the receiving role's questions; may be set once known. */
  targetS2s: Endpoint | undefined;
  private readonly policies = new Map<string, PeerPolicy>();
  private readonly inboxes = new Map<string, DomainInbox>();
  private readonly sessions = new Set<Session>();
  private readonly sockets = new Set<net.Socket>();
  private claims: Claim[] = [];
  private count = 0;
  private stopped = false;

  private constructor(
    private readonly opts: PeerListenerOptions,
    private readonly server: net.Server,
    private readonly tlsServer: net.Server | undefined,
  ) {
    this.secret = opts.secret ?? dialbackSecret();
    this.targetS2s = opts.targetS2s;
    server.on("connection", (sock) => void this.accept(sock, false));
    tlsServer?.on("connection", (sock) => void this.accept(sock, true));
  }

  static async start(opts: PeerListenerOptions): Promise<PeerListener> {
    const host = opts.host ?? "127.0.0.1";
    if (!net.isIP(host) || !isLoopback(host))
      throw new HarnessError(`the peer listener stays on loopback, not '${host}'`);
    const server = await listenOn(host, opts.port ?? 0);
    const tlsServer = opts.directTls ? await listenOn(host, 0).catch(closing(server)) : undefined;
    return new PeerListener({ ...opts, host }, server, tlsServer);
  }

  /** Where the target is to connect for every domain the listener plays. */
  get endpoint(): Endpoint {
    const a = this.server.address() as net.AddressInfo;
    return { kind: "tcp", host: a.address, port: a.port };
  }

  /** The latest direct TLS handshakes (their SNI and ALPN), even unclaimed or left mid-way (protocol null). */
  readonly directHandshakes: TlsInfo[] = [];

  /** Where direct TLS is accepted (XEP-0368), when the listener was started with `directTls`. */
  get directTlsEndpoint(): Endpoint | undefined {
    const a = this.tlsServer?.address() as net.AddressInfo | undefined;
    return a && { kind: "tls", host: a.address, port: a.port };
  }

  get timeoutMs(): number {
    return this.opts.timeoutMs ?? 10_000;
  }

  /** Change how streams for `domain` are answered from now on (the rest stays as it was). */
  policy(domain: string, p: Partial<PeerPolicy>): void {
    this.policies.set(domain, { ...this.policyOf(domain), ...p });
  }

  private policyOf(domain: string): PeerPolicy {
    return this.policies.get(domain) ?? DEFAULT_POLICY;
  }

  /**
   * The next stream the target opens for `domain`, handed over right after its header arrived and before
   * we send a byte. Claim BEFORE making the target connect. Rejects with NoAnswer after `timeoutMs`.
   */
  claim(domain: string, timeoutMs = this.timeoutMs): Promise<PeerStream> {
    const p = new Promise<PeerStream>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.claims = this.claims.filter((c) => c !== claim);
        reject(new NoAnswer(`the target opened no stream to ${domain} within ${timeoutMs} ms`));
      }, timeoutMs);
      const claim: Claim = { domain, resolve, reject, timer };
      this.claims.push(claim);
    });
    p.catch(() => {});
    return p;
  }

  /**
   * The first stanza the target routed to `domain` (on an authenticated stream) that matches. Stanzas are
   * kept whatever their 'from' says, so a case can judge a spoofed or missing one (RFC 6120 §8.1.2.2).
   */
  expect(domain: string, matcher: Matcher, timeoutMs = this.timeoutMs): Promise<Element> {
    return this.inbox(domain).expect(matcher, timeoutMs);
  }

  /**
   * Fail if a stanza matching `matcher` reached `domain`. The target's streams carry stanzas one way only,
   * so no ping can prove what did not come: wait for `until`, a stanza the case made the target send
   * after the one that must not come (RFC 6120 §10.1 keeps their order), or else sit `quietMs` out.
   */
  async expectNothing(
    domain: string,
    matcher: Matcher,
    what: string,
    o: { until?: Matcher; quietMs?: number } = {},
  ): Promise<void> {
    const inbox = this.inbox(domain);
    if (o.until) await inbox.expect(o.until, this.timeoutMs);
    else await new Promise((r) => setTimeout(r, o.quietMs ?? 1000));
    inbox.refuse(matcher, what);
  }

  private inbox(domain: string): DomainInbox {
    let inbox = this.inboxes.get(domain);
    if (!inbox) {
      if (!plays(this.opts.domains, domain)) throw new HarnessError(`the listener does not play '${domain}'`);
      inbox = new DomainInbox(domain);
      this.inboxes.set(domain, inbox);
    }
    return inbox;
  }

  /** Close the listener and every stream, claim and wait it holds. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const closed = Promise.all(
      [this.server, this.tlsServer].map((srv) => srv && new Promise<void>((r) => srv.close(() => r()))),
    );
    for (const c of this.claims) {
      clearTimeout(c.timer);
      c.reject(new HarnessError("the peer listener stopped"));
    }
    this.claims = [];
    for (const inbox of this.inboxes.values()) inbox.close(new HarnessError("the peer listener stopped"));
    for (const s of this.sessions) s.destroy();
    for (const sock of this.sockets) sock.destroy();
    await closed;
  }

  private async accept(sock: net.Socket, direct: boolean): Promise<void> {
    if (this.stopped) return void sock.destroy();
    this.count += 1;
    this.sockets.add(sock);
    sock.once("close", () => this.sockets.delete(sock));
    const kind = direct ? "tls" : "tcp";
    const transport = TcpTransport.accept(sock, { kind, connectTimeoutMs: this.timeoutMs });
    const label = `s2s-in#${this.count}`;
    const transcript = this.opts.transcriptFor ? new PendingTranscript() : this.opts.transcript;
    if (direct && !(await this.acceptDirectTls(transport, label, transcript))) return;
    const session = Session.accept(
      {
        endpoint: { kind, host: sock.remoteAddress ?? "?", port: sock.remotePort ?? 0 },
        domain: "",
        trust: {},
        transcript,
        label,
        timeoutMs: this.timeoutMs,
        // the authoritative role: the target's questions are answered as they come, whoever holds the stream
        observer: {
          sent: () => {},
          received: (s, el) => {
            if (isVerifyRequest(el)) s.send(answerVerify(this.secret, this.opts.domains, el)).catch(() => {});
          },
        },
      },
      transport,
    );
    this.track(session);
    void this.handle(session, transport);
  }

  /**
   * Direct TLS before any XML (XEP-0368): SNI names the domain, whose policy's certificate is presented;
   * the default domain's policy says whether to ask for the target's. False: the handshake failed.
   */
  private async acceptDirectTls(
    transport: TcpTransport,
    label: string,
    transcript: Transcript,
  ): Promise<boolean> {
    const { pki, domains } = this.opts;
    const first = firstConcrete(domains);
    const fallback = this.policyOf(first);
    let asked: string | undefined;
    try {
      await transport.acceptTls({
        certificate: await pki.issue(first, fallback.certificate),
        sni: (name) => {
          asked = name; // kept for a handshake the target leaves mid-way
          return plays(domains, name)
            ? pki.issue(name, this.policyOf(name).certificate)
            : Promise.resolve(undefined);
        },
        requestCert: fallback.requestCert,
        ca: pki.caCert,
        alpn: ["xmpp-server"],
      });
      if (transport.tls) this.noteDirect(transport.tls);
      transcript.note(label, `direct TLS accepted (${transport.tls?.protocol ?? "?"})`);
      return true;
    } catch (err) {
      // closed mid-handshake (the target judged our certificate and left): what its ClientHello named
      if (err instanceof TransportError && err.reason === "reset")
        this.noteDirect({ protocol: null, cipher: null, authorized: false, servername: asked });
      transcript.note(label, `direct TLS failed: ${(err as Error).message}`);
      return false;
    }
  }

  private noteDirect(info: TlsInfo): void {
    this.directHandshakes.push(info);
    if (this.directHandshakes.length > 64) this.directHandshakes.shift(); // the recent ones suffice
  }

  private transcriptOf(domain: string): Transcript {
    return this.opts.transcriptFor?.(domain) ?? this.opts.transcript;
  }

  /** Every stream the listener holds, so that stop() ends it. */
  private track(s: Session): void {
    if (this.stopped) return void s.destroy();
    this.sessions.add(s);
    s.transport.once("close", () => this.sessions.delete(s));
  }

  private async handle(session: Session, transport: TcpTransport): Promise<void> {
    let header: Element;
    try {
      header = await session.readHeader();
    } catch {
      session.destroy(); // no header in time, or not XML: nothing to answer
      return;
    }
    const domain = header.attrs.to ?? "";
    const t = session.opts.transcript;
    if (t instanceof PendingTranscript) t.routeTo(this.transcriptOf(domain));
    const ps = new PeerStream(session, domain, transport, this.opts.pki, this.opts.domains);
    const claim = this.claims.find((c) => c.domain === domain);
    if (claim) {
      this.claims = this.claims.filter((c) => c !== claim);
      clearTimeout(claim.timer);
      claim.resolve(ps);
      return;
    }
    if (!plays(this.opts.domains, domain)) {
      // RFC 6120 §4.9.3.6: a 'to' the server does not serve (or none at all)
      await ps.sendHeader({ from: null }).catch(() => {});
      await ps.streamError("host-unknown");
      return;
    }
    await this.serve(ps);
  }

  /**
   * Answer a stream automatically, as the policy of its domain (with `p` over it) says: for a case that
   * claimed a stream, looked at its header, and wants the rest done for it. Nothing may have been sent on
   * it yet. Resolves when the stream ends; stanzas go to the domain's inbox.
   */
  serve(ps: PeerStream, p: Partial<PeerPolicy> = {}): Promise<void> {
    const { label, transcript } = ps.session.opts;
    return serveStream(
      ps,
      { ...this.policyOf(ps.domain), ...p },
      {
        idleMs: 60_000,
        deliver: (_ps, el) => this.inbox(ps.domain).push(el),
        verifyKey: (s, originating, key) => this.askTarget(s, originating, key),
      },
    ).catch((err: Error) => transcript.note(label, `listener: ${err.message}`));
  }

  /** Receiving role (XEP-0220 §2.3): is the key the target gave on `ps` its authoritative server's? */
  private async askTarget(ps: PeerStream, originating: string, key: string): Promise<Verdict> {
    const endpoint = this.targetS2s;
    if (!endpoint || !ps.streamId) return { type: "error", condition: "remote-server-not-found" };
    this.count += 1;
    return askAuthoritative({
      endpoint,
      receiving: ps.domain,
      originating,
      streamId: ps.streamId,
      key,
      pki: this.opts.pki,
      trust: this.opts.targetTrust,
      transcript: this.transcriptOf(ps.domain),
      label: `s2s-verify#${this.count}`,
      timeoutMs: this.timeoutMs,
      track: (s) => this.track(s),
    });
  }
}

function listenOn(host: string, port: number): Promise<net.Server> {
  const server = net.createServer();
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** A rejection handler that closes `server` first (a second port that failed must not leak the first). */
function closing(server: net.Server): (err: Error) => never {
  return (err) => {
    server.close();
    throw err;
  };
}
