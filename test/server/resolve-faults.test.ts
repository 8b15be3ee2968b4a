// The reference server's resolution faults (RFC 6120 §3.2) reach its DNS resolver: with the harness's
// DNS responder answering, a lone '.' SRV ends resolution unless s2s-resolve-dot-falls-back is on, and a
// domain without SRV falls back to its address on 5269 unless s2s-resolve-no-a-fallback is on.
import { expect } from "chai";
import { DnsResponder } from "../../harness/resolve/dns.ts";
import { dnsResolver } from "../../harness/server/s2s/resolve-dns.ts";
import { resolveFaults } from "../../harness/server/s2s/resolve-faults.ts";

describe("reference server: resolution faults (RFC 6120 §3.2)", () => {
  let dns: DnsResponder;
  before(async () => {
    dns = await DnsResponder.start();
    dns.set("dot.test", { srv: [{ port: 0, target: "." }], a: ["127.0.0.9"] });
    dns.set("nosrv.test", { a: ["127.0.0.9"] });
  });
  after(() => dns.stop());

  const resolver = (faults: string[]) =>
    dnsResolver({ host: dns.host, port: dns.port }, 1000, resolveFaults(faults));

  it("follows §3.2.1 and §3.2.2 without faults", async () => {
    expect(await resolver([])("dot.test")).to.equal(undefined);
    expect(await resolver([])("nosrv.test")).to.deep.equal({ host: "127.0.0.9", port: 5269 });
  });

  it("s2s-resolve-dot-falls-back: the '.' record is ignored and the address used", async () => {
    expect(await resolver(["s2s-resolve-dot-falls-back"])("dot.test")).to.deep.equal({
      host: "127.0.0.9",
      port: 5269,
    });
  });

  it("s2s-resolve-no-a-fallback: no SRV means unresolved", async () => {
    expect(await resolver(["s2s-resolve-no-a-fallback"])("nosrv.test")).to.equal(undefined);
  });
});
