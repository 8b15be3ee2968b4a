// The harness's DNS responder, asked by an independent resolver (Node's c-ares) and over raw UDP/TCP:
// SRV for _xmpp-server/_xmpps-server, A/AAAA, NXDOMAIN for any other name, silence for a silent one.
import dgram from "node:dgram";
import { promises as dns } from "node:dns";
import net from "node:net";
import { expect } from "chai";
import { DnsResponder } from "../../harness/resolve/dns.ts";
import { buildQuery, parseReply, RCODE, TYPE } from "../../harness/resolve/dns-wire.ts";

function resolverFor(r: DnsResponder, timeout = 1000): dns.Resolver {
  const res = new dns.Resolver({ timeout, tries: 1 });
  res.setServers([`${r.host}:${r.port}`]);
  return res;
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "no error";
  } catch (err) {
    return String((err as NodeJS.ErrnoException).code);
  }
}

describe("resolve/dns: DnsResponder", () => {
  let r: DnsResponder;
  before(async () => {
    r = await DnsResponder.start({ host: "127.0.0.1", port: 0 });
    r.set("remote.test", {
      srv: [{ port: 5269, target: "s2s.remote.test", priority: 5, weight: 10 }],
      xmppsSrv: [{ port: 5270, target: "s2s.remote.test" }],
      a: ["127.0.0.1"],
    });
    r.set("s2s.remote.test", { a: ["127.0.0.2"], aaaa: ["::1"] });
    r.set("nosrv.remote.test", { a: ["127.0.0.1"] });
    r.set("silent.test", { silent: true, a: ["127.0.0.1"] });
    r.set("silent-srv.test", { silentSrv: true, a: ["127.0.0.7"] });
  });
  after(() => r.stop());

  it("answers _xmpp-server._tcp and _xmpps-server._tcp with SRV", async () => {
    const res = resolverFor(r);
    expect(await res.resolveSrv("_xmpp-server._tcp.remote.test")).to.deep.equal([
      { name: "s2s.remote.test", port: 5269, priority: 5, weight: 10 },
    ]);
    expect(await res.resolveSrv("_xmpps-server._tcp.remote.test")).to.deep.equal([
      { name: "s2s.remote.test", port: 5270, priority: 0, weight: 0 },
    ]);
  });

  it("answers A and AAAA of a set domain, matching names case-insensitively", async () => {
    const res = resolverFor(r);
    expect(await res.resolve4("S2S.Remote.Test")).to.deep.equal(["127.0.0.2"]);
    expect(await res.resolve6("s2s.remote.test")).to.deep.equal(["::1"]);
  });

  it("says NXDOMAIN for unknown names and for SRV a domain does not have, NODATA for a missing type", async () => {
    const res = resolverFor(r);
    expect(await errorCode(res.resolve4("elsewhere.test"))).to.equal("ENOTFOUND");
    expect(await errorCode(res.resolveSrv("_xmpp-server._tcp.nosrv.remote.test"))).to.equal("ENOTFOUND");
    expect(await errorCode(res.resolve6("nosrv.remote.test"))).to.equal("ENODATA");
  });

  it("never answers a silent name, while answering others at once", async () => {
    const t0 = Date.now();
    expect(await errorCode(resolverFor(r, 300).resolve4("silent.test"))).to.equal("ETIMEOUT");
    expect(Date.now() - t0).to.be.at.least(250);
    expect(await errorCode(resolverFor(r, 300).resolveSrv("_xmpp-server._tcp.silent.test"))).to.equal(
      "ETIMEOUT",
    );
  });

  it("leaves only the SRV names of a silentSrv domain unanswered (RFC 6120 §3.2.1: no response)", async () => {
    expect(await errorCode(resolverFor(r, 300).resolveSrv("_xmpp-server._tcp.silent-srv.test"))).to.equal(
      "ETIMEOUT",
    );
    expect(await resolverFor(r).resolve4("silent-srv.test")).to.deep.equal(["127.0.0.7"]);
  });

  it("echoes id and question, sets AA, and serves TCP with a length prefix", async () => {
    const q = buildQuery(0x1234, "_xmpp-server._tcp.REMOTE.test", TYPE.SRV);
    const viaTcp = await new Promise<Buffer>((resolve, reject) => {
      const s = net.connect(r.port, r.host, () => s.write(Buffer.concat([Buffer.from([0, q.length]), q])));
      let buf = Buffer.alloc(0);
      s.on("data", (d) => {
        buf = Buffer.concat([buf, d]);
        if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
          s.destroy();
          resolve(buf.subarray(2));
        }
      });
      s.on("error", reject);
    });
    const reply = parseReply(viaTcp);
    expect(reply).to.include({ id: 0x1234, rcode: RCODE.NOERROR, authoritative: true });
    expect(viaTcp.subarray(12, q.length).equals(q.subarray(12))).to.equal(true);
    expect(reply.answers).to.have.length(1);
    expect(
      r.queries.some((x) => x.transport === "tcp" && x.name === "_xmpp-server._tcp.REMOTE.test"),
    ).to.equal(true);
  });

  it("drops what is not a query and stays up", async () => {
    const sock = dgram.createSocket("udp4");
    await new Promise<void>((res) => sock.send(Buffer.from([1, 2, 3]), r.port, r.host, () => res()));
    sock.close();
    expect(await resolverFor(r).resolve4("remote.test")).to.deep.equal(["127.0.0.1"]);
  });

  it("refuses a non-loopback address", async () => {
    const err = await DnsResponder.start({ host: "0.0.0.0" }).then(
      () => undefined,
      (e: Error) => e.message,
    );
    expect(err).to.match(/loopback only/);
  });
});
