// One s2s TCP connection as XML: a socket (upgraded in place by STARTTLS), a stream parser restarted at each
// new stream (RFC 6120 §4.3.3), and an orderly or abrupt close. Used by both directions.
import type net from "node:net";
import tls from "node:tls";
import type { Element } from "../../xml/element.ts";
import { type Finding, StreamParser } from "../../xml/parser.ts";
import { serialize, streamFooter } from "../../xml/serialize.ts";

/** A TLS handshake still unfinished by then is abandoned. */
const TLS_HANDSHAKE_MS = 10_000;
/** How long a closing stream waits for the peer's closing tag before the socket is dropped. */
const CLOSE_GRACE_MS = 2_000;

export interface WireEvents {
  header(el: Element): void;
  element(el: Element): void;
  /** The peer closed its stream (</stream:stream>). */
  end(): void;
  /** A fatal parser finding (not well-formed, restricted XML...). */
  finding(f: Finding): void;
  /** The connection is gone (called once). */
  closed(): void;
}

/** Runs a stream's handler unless the stream is closed; a throw ends the stream (`fail`, with the message). */
export function guarded(closed: boolean, fail: (text: string) => void, fn: () => void): void {
  if (closed) return;
  try {
    fn();
  } catch (err) {
    fail((err as Error).message);
  }
}

export class Wire {
  #socket: net.Socket;
  #parser = new StreamParser({});
  /** Run once the current chunk is parsed (a STARTTLS upgrade: the rest of the chunk is dropped). */
  #afterChunk: (() => void) | undefined;
  #graceTimer: NodeJS.Timeout | undefined;
  /** Inside the parser's write: an upgrade waits for the chunk to end. */
  #inWrite = false;
  closed = false;
  /** Set once the TLS handshake finished; the TLS socket (peer certificate, authorization). */
  tls: tls.TLSSocket | undefined;

  constructor(
    socket: net.Socket,
    private readonly on: WireEvents,
  ) {
    this.#socket = socket;
    socket.setNoDelay(true);
    this.#parser.on("header", (el: Element) => this.#guard(() => on.header(el)));
    this.#parser.on("element", (el: Element) => this.#guard(() => on.element(el)));
    this.#parser.on("end", () => this.#guard(() => on.end()));
    this.#parser.on("finding", (f: Finding) => this.#guard(() => on.finding(f)));
    this.#watch(socket);
  }

  get secure(): boolean {
    return this.tls !== undefined;
  }

  readonly #onData = (chunk: Buffer) => {
    if (this.closed || this.#afterChunk) return;
    this.#inWrite = true;
    try {
      this.#parser.write(chunk);
    } finally {
      this.#inWrite = false;
    }
    // (set by a listener during the write, which the compiler cannot see)
    const next = this.#afterChunk as (() => void) | undefined;
    this.#afterChunk = undefined;
    if (next) next();
  };

  #guard(fn: () => void): void {
    if (this.closed || this.#afterChunk) return;
    fn();
  }

  #watch(socket: net.Socket): void {
    socket.on("data", this.#onData);
    socket.on("error", () => this.destroy());
    socket.on("close", () => this.#gone());
  }

  #gone(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.#graceTimer);
    this.on.closed();
  }

  send(data: string | Element): void {
    if (this.closed || this.#socket.writableEnded) return;
    this.#socket.write(typeof data === "string" ? data : serialize(data));
  }

  /** A new stream on the same connection (after SASL success): parse what follows as a fresh document. */
  restart(): void {
    this.#parser.reset();
  }

  /** STARTTLS as receiving entity, after <proceed/>: requests (and later judges) the peer's certificate. */
  startTlsServer(context: (servername: string | undefined) => tls.SecureContext): Promise<tls.TLSSocket> {
    return this.#upgrade(
      (raw) =>
        new tls.TLSSocket(raw, {
          isServer: true,
          secureContext: context(undefined),
          SNICallback: (name, done) => done(null, context(name)),
          requestCert: true,
          rejectUnauthorized: false,
        }),
    );
  }

  /** STARTTLS as initiating entity, after <proceed/> arrived. */
  startTlsClient(options: tls.ConnectionOptions): Promise<tls.TLSSocket> {
    return this.#upgrade((raw) => tls.connect({ ...options, socket: raw, rejectUnauthorized: false }));
  }

  #upgrade(make: (raw: net.Socket) => tls.TLSSocket): Promise<tls.TLSSocket> {
    return new Promise((resolve, reject) => {
      this.#afterChunk = () => {
        const raw = this.#socket;
        raw.removeListener("data", this.#onData);
        this.#parser.reset();
        const secured = make(raw);
        const timer = setTimeout(() => secured.destroy(), TLS_HANDSHAKE_MS);
        secured.once("secureConnect", () => done());
        secured.once("secure", () => done());
        const done = () => {
          if (this.tls) return;
          clearTimeout(timer);
          this.tls = secured;
          resolve(secured);
        };
        secured.once("close", () => {
          clearTimeout(timer);
          if (!this.tls) reject(new Error("TLS handshake failed"));
        });
        this.#socket = secured;
        this.#watch(secured);
      };
      // Nothing in this chunk follows <proceed/> or <starttls/> legitimately; upgrade now if no chunk is open.
      if (!this.#inWrite) {
        const run = this.#afterChunk;
        this.#afterChunk = undefined;
        run();
      }
    });
  }

  /** Our closing tag, then an orderly close (forced after a grace period). */
  close(): void {
    if (this.closed) return;
    this.send(streamFooter());
    if (!this.#socket.writableEnded) this.#socket.end();
    this.#graceTimer ??= setTimeout(() => this.destroy(), CLOSE_GRACE_MS);
  }

  destroy(): void {
    this.#socket.destroy();
    this.#gone();
  }
}
