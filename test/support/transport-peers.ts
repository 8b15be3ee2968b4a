// Peers for the transport tests: loopback TCP, TLS and WebSocket servers that echo, a reader that awaits bytes
// or text, and the clean-up that closes whatever a test opened (usePeers), so a failing test cannot leak sockets.
import { once } from "node:events";
import net from "node:net";
import { generateCertificate } from "../../harness/server/certificate.ts";
import type { Transport } from "../../harness/transport/transport.ts";

export const HOST = "127.0.0.1";
export const MB = 1024 * 1024;

/** Accumulates a transport's "data" events and lets a test await a byte count or a substring. */
export class Reader {
  chunks: Buffer[] = [];
  private waiters: (() => void)[] = [];
  closed: Promise<Error | undefined>;

  constructor(t: Transport) {
    t.on("data", (chunk: Buffer) => {
      this.chunks.push(chunk);
      for (const w of this.waiters) w();
    });
    this.closed = new Promise((resolve) => t.once("close", (err?: Error) => resolve(err)));
  }

  get all(): Buffer {
    return Buffer.concat(this.chunks);
  }

  until(done: (all: Buffer) => boolean): Promise<Buffer> {
    return new Promise((resolve) => {
      const check = () => {
        if (!done(this.all)) return;
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(this.all);
      };
      this.waiters.push(check);
      check();
    });
  }

  bytes(n: number): Promise<Buffer> {
    return this.until((all) => all.length >= n);
  }

  text(s: string): Promise<Buffer> {
    return this.until((all) => all.toString("latin1").includes(s));
  }
}

// Everything a test opens, closed after each test of a suite that calls usePeers().
export const cleanups: (() => void | Promise<void>)[] = [];
export function track<T extends Transport>(t: T): T {
  cleanups.push(() => t.destroy());
  return t;
}

export interface Peer {
  port: number;
  /** Server-side sockets in accept order. */
  sockets: net.Socket[];
  /** Resolves with the next accepted server-side socket. */
  next(): Promise<net.Socket>;
}

/** Run `server` on an ephemeral 127.0.0.1 port; `server` must emit `event` with each socket. */
export async function listen(server: net.Server, event: string): Promise<Peer> {
  const sockets: net.Socket[] = [];
  const pending: ((s: net.Socket) => void)[] = [];
  server.on(event, (s: net.Socket) => {
    sockets.push(s);
    s.on("error", () => {});
    pending.shift()?.(s);
  });
  server.listen(0, HOST);
  await once(server, "listening");
  cleanups.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    sockets,
    next: () => new Promise((resolve) => pending.push(resolve)),
  };
}

export function echo(sock: net.Socket): void {
  sock.on("data", (d) => sock.write(d));
}

// The suite's certificate for localhost and xmpp.test; tests read it as a plain name (a live binding).
export let pems: { key: string; cert: string };
/** Resolve after the event loop has been through its I/O poll phase twice. */
export async function afterPoll(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

export async function freePort(): Promise<number> {
  const s = net.createServer().listen(0, HOST);
  await once(s, "listening");
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** Before the calling suite, make its certificate; after each of its tests, close what the test opened. */
export function usePeers(): void {
  before(async () => {
    pems = await generateCertificate(["localhost", "xmpp.test"]);
  });
  afterEach(async () => {
    for (const f of cleanups.splice(0).reverse()) await f();
  });
}
