// A run against a target whose s2s side the harness cannot reach: every federation case SKIPs with the
// flag that is missing, quickly, and nothing else changes; a bad federation flag is one line.
import { expect } from "chai";
import type { Case } from "../harness/runner/case.ts";
import { allCases } from "../harness/runner/registry.ts";
import { resolveTarget } from "../harness/runner/target-config.ts";
import { ReferenceServer } from "../harness/server/server.ts";
import { freePort } from "./support/free-port.ts";
import { runSuite } from "./support/run-suite.ts";

const federationCases = (): Case[] =>
  allCases().filter((c) => c.needs?.some((n) => n === "s2s" || n === "s2s-outbound"));

describe("federation cases against a target whose s2s side is out of reach", function () {
  this.timeout(60_000);
  let server: ReferenceServer;
  let url: string;
  before(async () => {
    server = await ReferenceServer.start(); // no s2s at all
    url = `xmpp://${server.endpoints.tcp.host}:${server.endpoints.tcp.port}`;
  });
  after(() => server.stop());

  it("there are federation cases to skip", () => {
    expect(federationCases().length).to.be.greaterThan(10);
  });

  it("without --s2s-target or --s2s-dns, each SKIPs naming the flag it needs", async () => {
    const { results } = await runSuite({
      target: url,
      domain: "localhost",
      insecure: true,
      cases: federationCases(),
    });
    expect(results.filter((r) => r.verdict !== "SKIP").map((r) => `${r.verdict} ${r.id}`)).to.deep.equal([]);
    for (const r of results) expect(r.message).to.match(/--s2s-target|--s2s-dns/);
  });

  it("with --s2s-target at a port nobody listens on, the inbound cases SKIP too, without hanging", async () => {
    const port = await freePort();
    const inbound = federationCases().filter((c) => c.needs?.includes("s2s"));
    const { results } = await runSuite({
      target: url,
      domain: "localhost",
      insecure: true,
      "s2s-target": `127.0.0.1:${port}`,
      cases: inbound,
    });
    expect(results.filter((r) => r.verdict !== "SKIP").map((r) => `${r.verdict} ${r.id}`)).to.deep.equal([]);
    expect(results[0]?.message).to.match(/cannot open a server-to-server stream/);
  });

  it("a federation flag that would leave loopback is refused in one line", async () => {
    const err = await resolveTarget({
      target: url,
      tls: "optional",
      insecure: true,
      account: [],
      fault: [],
      "s2s-dns": "192.0.2.1:53",
    }).catch((e: Error) => e);
    expect(err).to.be.instanceOf(Error);
    expect((err as Error).message).to.match(/^--s2s-dns: the harness listens on loopback only/);
  });
});
