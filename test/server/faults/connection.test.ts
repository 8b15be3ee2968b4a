// The reference server's named connection faults (harness/server/faults/connection.ts): each one visibly
// breaks its rule, which the clean server keeps. The probes are in connection-probes/, one file per theme.
import { expect } from "chai";
import { catalogue } from "../../../harness/fixtures/catalogue.ts";
import { CONNECTION_FAULTS } from "../../../harness/server/faults/connection.ts";
import {
  listConnectionFaults,
  type ReferenceServer,
  type ReferenceServerOptions,
} from "../../../harness/server/server.ts";
import type { Probes } from "../../support/connection-probes.ts";
import { startStub } from "../../support/stub-server.ts";
import { SASL_PROBES } from "./connection-probes/sasl.ts";
import { SESSION_PROBES } from "./connection-probes/session.ts";
import { STREAM_ERROR_PROBES } from "./connection-probes/stream-errors.ts";
import { STREAM_HEADER_PROBES } from "./connection-probes/stream-header.ts";
import { TLS_PROBES } from "./connection-probes/tls.ts";

const PROBES: Probes = {
  ...STREAM_HEADER_PROBES,
  ...STREAM_ERROR_PROBES,
  ...TLS_PROBES,
  ...SASL_PROBES,
  ...SESSION_PROBES,
};

describe("reference server: connection faults", function () {
  this.timeout(30_000);
  const cleanServers = new Map<string, ReferenceServer>();

  async function clean(opts: ReferenceServerOptions = {}): Promise<ReferenceServer> {
    const key = JSON.stringify(opts);
    let s = cleanServers.get(key);
    if (!s) {
      s = (await startStub(opts)).server;
      cleanServers.set(key, s);
    }
    return s;
  }

  after(async () => {
    for (const s of cleanServers.values()) await s.stop();
  });

  it("lists 15+ faults with unique names, each breaking requirements of the catalogue", () => {
    const faults = listConnectionFaults();
    expect(faults.length).to.be.at.least(15);
    expect(new Set(faults.map((f) => f.name)).size).to.equal(faults.length);
    const known = catalogue();
    for (const f of faults) {
      expect(f.breaks, f.name).to.have.length.above(0);
      for (const id of f.breaks) expect(known.has(id), `${f.name}: ${id}`).to.equal(true);
      expect(f.description, f.name).to.not.contain("\n");
    }
  });

  it("has a probe for every fault", () => {
    expect(Object.keys(PROBES).sort()).to.deep.equal(CONNECTION_FAULTS.map((f) => f.name).sort());
  });

  for (const f of CONNECTION_FAULTS) {
    it(`${f.name}: ${f.description}`, async () => {
      const probe = PROBES[f.name];
      expect(await probe.holds(await clean(probe.opts)), "the clean server keeps the rule").to.equal(true);
      const { server: faulty } = await startStub({ ...probe.opts, faults: [f.name] });
      try {
        expect(faulty.fault(f.name)).to.equal(true);
        expect(await probe.holds(faulty), "the faulty server breaks it").to.equal(false);
      } finally {
        await faulty.stop();
      }
    });
  }
});
