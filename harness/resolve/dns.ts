// The harness's own authoritative DNS responder on a loopback address, so a real server configured to ask
// it finds the harness's domains (remote.test, ...) without any change to the machine's DNS or /etc files.
// It answers `_xmpp-server._tcp.D` (RFC 6120 §3.2.1) and `_xmpps-server._tcp.D` (XEP-0368) with SRV,
// `D` with A/AAAA, NXDOMAIN (at once) for every other name, and nothing at all for a name set "silent"
// (the remote-server-timeout cases). UDP, and TCP (RFC 1035 §4.2.2, 2-byte length prefix) for resolvers
// that retry there.
import dgram from "node:dgram";
import net from "node:net";
import { isLoopback } from "../transport/target-url.ts";
import { type Answer, buildReply, parseQuery, type Query, RCODE, type SrvData, TYPE } from "./dns-wire.ts";

export interface SrvTarget {
  port: number;
  target: string;
  priority?: number;
  weight?: number;
}

export interface DomainRecords {
  /** `_xmpp-server._tcp.<domain>` (STARTTLS s2s); absent: that name is NXDOMAIN. */
  srv?: SrvTarget[];
  /** `_xmpps-server._tcp.<domain>` (direct TLS s2s, XEP-0368); absent: NXDOMAIN. */
  xmppsSrv?: SrvTarget[];
  /** A records of `<domain>` itself (an SRV target is a domain too: give it its own `set`). */
  a?: string[];
  aaaa?: string[];
  /** Never answer any name of this domain: a resolver waits until its own timeout. */
  silent?: boolean;
  /** Never answer its SRV names only (RFC 6120 §3.2.1: "does not receive a response to its SRV query"). */
  silentSrv?: boolean;
}

export interface AskedQuery {
  name: string;
  type: number;
  transport: "udp" | "tcp";
}

const TTL = 5;

function srvData(list: SrvTarget[]): Answer[] {
  return list.map((s): Answer => {
    const srv: SrvData = { priority: s.priority ?? 0, weight: s.weight ?? 0, port: s.port, target: s.target };
    return { type: TYPE.SRV, srv };
  });
}

export class DnsResponder {
  readonly host: string;
  readonly port: number;
  /** Every query seen, oldest first (what a server looked up, for transcripts and tests). */
  readonly queries: AskedQuery[] = [];
  readonly #domains = new Map<string, DomainRecords>();
  readonly #udp: dgram.Socket;
  readonly #tcp: net.Server;

  private constructor(host: string, port: number, udp: dgram.Socket, tcp: net.Server) {
    this.host = host;
    this.port = port;
    this.#udp = udp;
    this.#tcp = tcp;
  }

  /** Listens on UDP and TCP `host:port` (loopback only; port 0 picks a free one, the same for both). */
  static async start(opts: { host?: string; port?: number } = {}): Promise<DnsResponder> {
    const host = opts.host ?? "127.0.0.1";
    if (!net.isIP(host) || !isLoopback(host))
      throw new Error(`DnsResponder listens on loopback only, not ${host}`);
    // a free UDP port may be a busy TCP port: with port 0, pick again
    for (let attempt = 1; ; attempt++) {
      try {
        return await DnsResponder.#listen(host, opts.port ?? 0);
      } catch (err) {
        const busy = (err as NodeJS.ErrnoException).code === "EADDRINUSE";
        if (!busy || (opts.port ?? 0) !== 0 || attempt >= 5) throw err;
      }
    }
  }

  static async #listen(host: string, wanted: number): Promise<DnsResponder> {
    const udp = dgram.createSocket(host.includes(":") ? "udp6" : "udp4");
    await new Promise<void>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(wanted, host, () => {
        udp.off("error", reject);
        resolve();
      });
    });
    const port = udp.address().port;
    const tcp = net.createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once("error", reject);
        tcp.listen(port, host, () => {
          tcp.off("error", reject);
          resolve();
        });
      });
    } catch (err) {
      udp.close();
      throw err;
    }
    const r = new DnsResponder(host, port, udp, tcp);
    udp.on("message", (msg, rinfo) => {
      const reply = r.#answer(msg, "udp");
      if (reply) udp.send(reply, rinfo.port, rinfo.address);
    });
    udp.on("error", () => {}); // a send to a vanished asker must not crash the harness
    tcp.on("connection", (sock) => r.#serveTcp(sock));
    return r;
  }

  /** Sets (replaces) what `domain`'s names answer. */
  set(domain: string, records: DomainRecords): void {
    this.#domains.set(domain.toLowerCase().replace(/\.$/, ""), records);
  }

  /** Forgets `domain`: its names are NXDOMAIN again. */
  delete(domain: string): void {
    this.#domains.delete(domain.toLowerCase().replace(/\.$/, ""));
  }

  #stopped: Promise<void> | undefined;

  /** Closes both sockets; a second call waits for the first (closing a closed UDP socket throws). */
  stop(): Promise<void> {
    this.#stopped ??= Promise.all([
      new Promise<void>((r) => this.#udp.close(() => r())),
      new Promise<void>((r) => this.#tcp.close(() => r())),
    ]).then(() => undefined);
    return this.#stopped;
  }

  /** Which domain and which of its names `name` is, or undefined when the responder owns no such name. */
  #lookup(name: string): { records: DomainRecords; kind: "xmpp" | "xmpps" | "host" } | undefined {
    const n = name.toLowerCase().replace(/\.$/, "");
    for (const [prefix, kind] of [
      ["_xmpp-server._tcp.", "xmpp"],
      ["_xmpps-server._tcp.", "xmpps"],
    ] as const) {
      const records = n.startsWith(prefix) ? this.#domains.get(n.slice(prefix.length)) : undefined;
      if (records) return { records, kind };
    }
    const records = this.#domains.get(n);
    return records ? { records, kind: "host" } : undefined;
  }

  /** The reply bytes for a query, or undefined to stay silent. */
  #answer(msg: Buffer, transport: "udp" | "tcp"): Buffer | undefined {
    const q = parseQuery(msg);
    if (!q) return undefined;
    this.queries.push({ name: q.question.name, type: q.question.type, transport });
    if ((q.flags & 0x7800) !== 0) return buildReply(q, RCODE.NOTIMP, [], TTL); // only standard queries
    const hit = this.#lookup(q.question.name);
    if (hit?.records.silent || (hit?.records.silentSrv && hit.kind !== "host")) return undefined;
    const answers = hit ? this.#records(q, hit.records, hit.kind) : undefined;
    // a name the responder owns but without records of the asked type is NODATA (NOERROR, no answers)
    return answers ? buildReply(q, RCODE.NOERROR, answers, TTL) : buildReply(q, RCODE.NXDOMAIN, [], TTL);
  }

  #records(q: Query, r: DomainRecords, kind: "xmpp" | "xmpps" | "host"): Answer[] | undefined {
    const t = q.question.type;
    if (kind === "xmpp") return r.srv ? (t === TYPE.SRV ? srvData(r.srv) : []) : undefined;
    if (kind === "xmpps") return r.xmppsSrv ? (t === TYPE.SRV ? srvData(r.xmppsSrv) : []) : undefined;
    if (t === TYPE.A) return (r.a ?? []).map((address): Answer => ({ type: TYPE.A, address }));
    if (t === TYPE.AAAA) return (r.aaaa ?? []).map((address): Answer => ({ type: TYPE.AAAA, address }));
    return [];
  }

  #serveTcp(sock: net.Socket): void {
    let buf = Buffer.alloc(0);
    sock.setTimeout(10_000, () => sock.destroy());
    sock.on("error", () => sock.destroy());
    sock.on("data", (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
        buf = buf.subarray(2 + msg.length);
        const reply = this.#answer(msg, "tcp");
        if (reply) sock.write(Buffer.concat([Buffer.from([reply.length >> 8, reply.length & 0xff]), reply]));
      }
    });
  }
}
