// The reference server's resolution through a DNS server (RFC 6120 §3.2), against the harness's responder.
import { expect } from "chai";
import { DnsResponder } from "../../harness/resolve/dns.ts";
import { dnsResolver } from "../../harness/server/s2s/resolve-dns.ts";

describe("reference server: s2s name resolution through DNS", () => {
  let dns: DnsResponder;
  let resolve: ReturnType<typeof dnsResolver>;
  before(async () => {
    dns = await DnsResponder.start();
    resolve = dnsResolver({ host: dns.host, port: dns.port });
    dns.set("srv.test", {
      srv: [
        { port: 2000, target: "localhost", priority: 20 },
        { port: 1000, target: "host.srv.test", priority: 10 },
      ],
    });
    dns.set("host.srv.test", { a: ["127.0.0.9"] });
    dns.set("dot.test", { srv: [{ port: 0, target: "." }], a: ["127.0.0.1"] });
    dns.set("plain.test", { a: ["127.0.0.3"] });
    dns.set("away.test", { a: ["192.0.2.1"] });
  });
  after(() => dns.stop());

  it("takes the SRV record of the lowest priority, and its target's address", async () => {
    expect(await resolve("srv.test")).to.deep.equal({ host: "127.0.0.9", port: 1000 });
  });
  it("finds nothing when the only SRV target is '.' (§3.2.1: decidedly not available)", async () => {
    expect(await resolve("dot.test")).to.equal(undefined);
  });
  it("falls back to the domain's address on port 5269 without SRV (§3.2.2)", async () => {
    expect(await resolve("plain.test")).to.deep.equal({ host: "127.0.0.3", port: 5269 });
  });
  it("finds nothing for an unknown name, and never an address off loopback", async () => {
    expect(await resolve("nowhere.test")).to.equal(undefined);
    expect(await resolve("away.test")).to.equal(undefined);
  });
});
