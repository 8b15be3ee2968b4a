// A misbehaving XMPP target for the robustness battery: a tiny loopback listener that plays an honest
// c2s negotiation (header, features, STARTTLS, SASL PLAIN, bind) up to the step its behaviour spoils.
// Everything it holds is bounded: input kept per connection, bytes pushed, timers, sockets.
import { randomBytes } from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import { generateCertificate } from "../../harness/server/certificate.ts";

/** Each behaviour, and what it does to every connection. */
export const BEHAVIOURS = {
  garbage: "answers the stream header with 4 KiB of bytes that are not XML",
  silent: "accepts the connection and never sends a byte",
  trickle: "sends its stream header one byte a second",
  "close-at-once": "closes the connection as soon as it is accepted",
  "huge-stanza": "sends a 100 MB stanza instead of the stream features",
  "deep-nesting": "sends an element nested 100,000 deep instead of the stream features",
  "billion-laughs": "opens its stream with a billion-laughs DTD",
  "invalid-utf8": "puts bytes that are not UTF-8 into its stream features",
  "close-mid-stanza": "closes the connection in the middle of its stream features",
  "tcp-reset": "resets the TCP connection when the client opens its stream",
  "tls-garbage": "answers <starttls/> with <proceed/> and then garbage instead of a TLS handshake",
  "wrong-namespace": "opens its stream in a wrong stream namespace",
  "repeated-header": "sends its stream header twice",
  "xml-declaration-mid-stream": "puts an XML declaration between its stream header and its features",
  "no-usable-sasl": "offers only a SASL mechanism nobody implements",
  "scram-iterations":
    "offers SCRAM-SHA-1 only and asks for 2,000,000,000 PBKDF2 iterations (a quarter of an hour of work)",
  "stream-error-at-header": "answers the stream header with a stream error",
  "stream-error-at-features": "sends a stream error instead of the stream features",
  "stream-error-at-tls": "sends a stream error on the stream restarted after TLS",
  "stream-error-at-auth": "answers <auth/> with a stream error",
  "stream-error-at-bind": "answers the bind request with a stream error",
} as const;

export type Behaviour = keyof typeof BEHAVIOURS;

export interface HostileServer {
  readonly behaviour: Behaviour;
  /** xmpp://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

const DOMAIN = "localhost";
const HUGE_BYTES = 100 * 1024 * 1024;
const DEEP = 100_000;
/** Client input kept per connection: enough for any negotiation step, bounded whatever the client sends. */
const MAX_INPUT = 64 * 1024;
const STREAM_NS = "http://etherx.jabber.org/streams";
const SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";

const header = (ns = STREAM_NS) =>
  `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${ns}' id='${randomBytes(8).toString("hex")}' from='${DOMAIN}' version='1.0' xml:lang='en'>`;
const streamError = (condition: string) =>
  `<stream:error><${condition} xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>`;
const mechanisms = (...names: string[]) =>
  `<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${names.map((n) => `<mechanism>${n}</mechanism>`).join("")}</mechanisms>`;
const STARTTLS = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>";
const BIND = "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>";
const features = (inner: string) => `<stream:features>${inner}</stream:features>`;
/** Bytes that are neither XML nor TLS, the same every time (so the battery's verdicts are too). */
const garbage = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919 + 0x81) & 0xff));

/** One accepted connection, as a behaviour sees it. */
class Conn {
  /** Where the honest negotiation is: before TLS, after TLS, after SASL. */
  stage: "plain" | "tls" | "authed" = "plain";
  private input = "";
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    public sock: net.Socket,
    private readonly server: Hostile,
  ) {}

  get gone(): boolean {
    return this.sock.destroyed || this.sock.writableEnded;
  }

  write(data: string | Buffer): boolean {
    return this.gone ? false : this.sock.write(data);
  }

  /** Send and close (FIN). */
  end(data?: string | Buffer): void {
    if (this.gone) return;
    if (data !== undefined) this.sock.write(data);
    this.sock.end();
  }

  reset(): void {
    if (!this.sock.destroyed) this.sock.resetAndDestroy();
  }

  every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    this.timers.add(t);
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
  }

  /** Write `total` bytes made by `chunk(i)`, waiting for the client to read (never more than one chunk queued). */
  async push(total: number, chunk: (sent: number) => Buffer): Promise<void> {
    let sent = 0;
    while (sent < total && !this.gone) {
      const buf = chunk(sent);
      sent += buf.length;
      if (!this.sock.write(buf)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            this.sock.off("drain", done);
            this.sock.off("close", done);
            resolve();
          };
          this.sock.on("drain", done);
          this.sock.on("close", done);
        });
      }
    }
  }

  /** Client bytes in: react to each negotiation step the client takes, in order. */
  take(chunk: Buffer): void {
    this.input = (this.input + chunk.toString("latin1")).slice(-MAX_INPUT);
    for (;;) {
      const step = nextStep(this.input);
      if (!step) return;
      this.input = this.input.slice(step.end);
      this.server.react(this, step.name, step.text);
      if (this.gone) return;
    }
  }

  /** Replace the socket by a server-side TLS socket over it (STARTTLS). */
  upgrade(cert: { key: string; cert: string }): void {
    const plain = this.sock;
    plain.removeAllListeners("data");
    const secure = new tls.TLSSocket(plain, { isServer: true, key: cert.key, cert: cert.cert });
    secure.on("error", () => secure.destroy());
    secure.on("data", (d: Buffer) => this.take(d));
    this.sock = secure;
    this.stage = "tls";
    this.input = "";
  }
}

type StepName = "header" | "starttls" | "auth" | "iq" | "close";
const STEPS: [StepName, RegExp][] = [
  ["header", /<(?:stream:)?stream\b[^>]*>/],
  ["starttls", /<starttls\b[^>]*>/],
  ["auth", /<auth\b[^>]*(?:\/>|>[^<]*<\/auth>)/],
  ["iq", /<iq\b[^>]*(?:\/>|>[\s\S]*?<\/iq>)/],
  ["close", /<\/stream:stream>/],
];

/** The earliest complete step in the client's input. */
function nextStep(input: string): { name: StepName; text: string; end: number } | undefined {
  let best: { name: StepName; text: string; end: number; at: number } | undefined;
  for (const [name, re] of STEPS) {
    const m = re.exec(input);
    if (m && (!best || m.index < best.at))
      best = { name, text: m[0], end: m.index + m[0].length, at: m.index };
  }
  return best;
}

class Hostile implements HostileServer {
  connections = 0;
  private readonly conns = new Set<Conn>();
  private cert: { key: string; cert: string } | undefined;

  constructor(
    readonly behaviour: Behaviour,
    private readonly listener: net.Server,
  ) {}

  get port(): number {
    return (this.listener.address() as net.AddressInfo).port;
  }

  get url(): string {
    return `xmpp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.behaviour === "stream-error-at-tls") this.cert = await generateCertificate([DOMAIN]);
    this.listener.on("connection", (sock) => this.accept(sock));
    await new Promise<void>((resolve) => this.listener.listen(0, "127.0.0.1", resolve));
  }

  private accept(sock: net.Socket): void {
    this.connections += 1;
    const c = new Conn(sock, this);
    this.conns.add(c);
    sock.on("error", () => sock.destroy());
    sock.on("close", () => {
      c.stop();
      this.conns.delete(c);
    });
    sock.on("data", (d: Buffer) => c.take(d));
    if (this.behaviour === "close-at-once") c.end();
  }

  /** The honest negotiation, spoiled where the behaviour says. */
  react(c: Conn, step: StepName, text: string): void {
    const b = this.behaviour;
    switch (step) {
      case "header":
        this.onHeader(c);
        return;
      case "starttls":
        if (b === "tls-garbage") {
          c.write("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
          c.write(garbage(512));
          return;
        }
        c.write("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        if (this.cert) c.upgrade(this.cert);
        return;
      case "auth":
        if (b === "scram-iterations") {
          // the client-first-message's nonce, extended, as RFC 5802 §5.1 wants; then the absurd count
          const first = Buffer.from(/>([^<]*)</.exec(text)?.[1] ?? "", "base64").toString();
          const nonce = /r=([^,]*)/.exec(first)?.[1] ?? "";
          const serverFirst = `r=${nonce}hostile,s=${randomBytes(16).toString("base64")},i=2000000000`;
          c.write(`<challenge xmlns='${SASL_NS}'>${Buffer.from(serverFirst).toString("base64")}</challenge>`);
          return;
        }
        if (b === "stream-error-at-auth") {
          c.end(streamError("internal-server-error"));
          return;
        }
        c.stage = "authed";
        c.write("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        return;
      case "iq": {
        const id = /\bid=(["'])(.*?)\1/.exec(text)?.[2] ?? "";
        if (text.includes("urn:ietf:params:xml:ns:xmpp-bind")) {
          if (b === "stream-error-at-bind") {
            c.end(streamError("internal-server-error"));
            return;
          }
          c.write(
            `<iq type='result' id='${id}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>user@${DOMAIN}/hostile</jid></bind></iq>`,
          );
          return;
        }
        c.write(`<iq type='result' id='${id}'/>`);
        return;
      }
      case "close":
        c.end("</stream:stream>");
        return;
    }
  }

  private onHeader(c: Conn): void {
    const b = this.behaviour;
    switch (b) {
      case "silent":
        return;
      case "garbage":
        c.write(garbage(4096));
        return;
      case "trickle": {
        const bytes = Buffer.from(header());
        let i = 0;
        c.every(1000, () => {
          if (i < bytes.length) c.write(bytes.subarray(i, ++i));
        });
        return;
      }
      case "tcp-reset":
        c.reset();
        return;
      case "billion-laughs": {
        const ents = ["<!ENTITY lol 'lol'>"];
        for (let i = 1; i <= 9; i++)
          ents.push(`<!ENTITY lol${i} '${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}'>`);
        c.write(`<?xml version='1.0'?><!DOCTYPE stream:stream [${ents.join("")}]>`);
        c.write(`${header().replace("<?xml version='1.0'?>", "")}<stream:features>&lol9;</stream:features>`);
        return;
      }
      case "wrong-namespace":
        c.write(header("http://example.com/not-the-streams-namespace") + features(mechanisms("PLAIN")));
        return;
      case "stream-error-at-header":
        c.end(header() + streamError("host-unknown"));
        return;
      case "repeated-header":
        c.write(header() + header().replace("<?xml version='1.0'?>", "") + features(mechanisms("PLAIN")));
        return;
      default:
    }
    c.write(header());
    switch (b) {
      case "huge-stanza": {
        const head = Buffer.from("<message><body>");
        const filler = Buffer.alloc(64 * 1024, "A");
        void c.push(HUGE_BYTES, (sent) => (sent === 0 ? head : filler));
        return;
      }
      case "deep-nesting":
        c.write(`${"<a>".repeat(DEEP)}${"</a>".repeat(DEEP)}`);
        return;
      case "invalid-utf8":
        c.write(
          Buffer.concat([
            Buffer.from(
              "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PL",
            ),
            Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
            Buffer.from("AIN</mechanism></mechanisms></stream:features>"),
          ]),
        );
        return;
      case "close-mid-stanza":
        c.end("<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechan");
        return;
      case "xml-declaration-mid-stream":
        c.write(`<?xml version='1.0'?>${features(mechanisms("PLAIN"))}`);
        return;
      case "stream-error-at-features":
        c.end(streamError("internal-server-error"));
        return;
      case "no-usable-sasl":
        c.write(features(mechanisms("X-HOSTILE-ONLY")));
        return;
      case "scram-iterations":
        c.write(features(c.stage === "authed" ? BIND : mechanisms("SCRAM-SHA-1")));
        return;
      case "stream-error-at-tls":
        if (c.stage === "tls") {
          c.end(streamError("internal-server-error"));
          return;
        }
        c.write(features(STARTTLS));
        return;
      case "tls-garbage":
        c.write(features(STARTTLS));
        return;
      default:
        c.write(features(c.stage === "authed" ? BIND : mechanisms("PLAIN")));
    }
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.listener.close(() => resolve()));
    for (const c of this.conns) {
      c.stop();
      c.sock.destroy();
    }
    this.conns.clear();
    await closed;
  }
}

/** Start a hostile target on 127.0.0.1 (any free port). */
export async function startHostileServer(behaviour: Behaviour): Promise<HostileServer> {
  const s = new Hostile(behaviour, net.createServer());
  await s.start();
  return s;
}
