// The actor of a requirement decides whom it grades (fixtures/rfc/requirements.tsv, column `actor`): a rule
// for a stanza's sender or for the client never makes the server FAIL, a SHOULD miss is a WARN. Proven both
// ways with the reference server: under an allowed behaviour the cases pass, under a fault they do not.
import { expect } from "chai";
import { ACTORS, catalogue } from "../harness/fixtures/catalogue.ts";
import type { Verdict } from "../harness/results.ts";
import { allCases } from "../harness/runner/registry.ts";
import { faultNamed } from "../harness/server/faults/index.ts";
import { runSuite } from "./support/run-suite.ts";

/** The verdict of every case whose id matches, run under one fault (or allowed behaviour). */
async function verdictsUnder(fault: string, ids: RegExp): Promise<Map<string, Verdict>> {
  const cases = allCases().filter((c) => ids.test(c.id));
  expect(cases, String(ids)).to.not.be.empty;
  const { results } = await runSuite({ fault: [fault], cases, inProcess: true });
  return new Map(results.map((r) => [r.id, r.verdict]));
}

const PRESENCE_SYNTAX = /^rfc6121\/4\.7\.2/;

describe("sender rules: the actor column", () => {
  it("names every row's actor from the fixed vocabulary", () => {
    const seen = new Set([...catalogue().values()].map((r) => r.actor));
    for (const a of seen) expect(ACTORS, a).to.include(a);
    expect(seen.size).to.be.at.least(6);
  });

  it("grades the nine §4.7.2 presence-syntax cases at MUST only through rows that bind the server", () => {
    const cases = allCases().filter((c) => PRESENCE_SYNTAX.test(c.id));
    expect(cases).to.have.length(9);
    for (const c of cases) {
      const binding = c.requirements.map((id) => catalogue().get(id)?.actor);
      expect(binding, c.id).to.include("server");
      expect(c.level, c.id).to.equal("MUST");
    }
  });

  it("declares relaying invalid presence and answering a malformed IQ as allowed, not as faults", () => {
    expect(faultNamed("presence-syntax-unchecked")?.allowed).to.equal(true);
    expect(faultNamed("presence-syntax-invalid-xml")?.allowed).to.equal(true);
    expect(faultNamed("iq-payload-count-unchecked")?.allowed).to.equal(true);
    expect(faultNamed("presence-syntax-dropped")?.allowed).to.equal(undefined);
  });
});

describe("sender rules: proven with the reference server", function () {
  this.timeout(120_000);

  it("a server that relays a client's invalid presence unchanged passes the §4.7.2 cases", async () => {
    const v = await verdictsUnder("presence-syntax-unchecked", PRESENCE_SYNTAX);
    expect([...v.values()]).to.have.length(9);
    for (const [id, verdict] of v) expect(verdict, id).to.equal("PASS");
  });

  it("a server that validates it and closes the stream with <invalid-xml/> passes them too", async () => {
    const v = await verdictsUnder("presence-syntax-invalid-xml", PRESENCE_SYNTAX);
    expect([...v.values()]).to.have.length(9);
    for (const [id, verdict] of v) expect(verdict, id).to.equal("PASS");
  });

  it("a server that drops it without a word gets a WARN (RFC 6120 §8.3.1 rule 1 SHOULD)", async () => {
    const v = await verdictsUnder("presence-syntax-dropped", PRESENCE_SYNTAX);
    for (const [id, verdict] of v) expect(verdict, id).to.equal("WARN");
  });

  it("a server that answers an IQ with two or no payloads with a result passes; one that never answers fails", async () => {
    const ids = /^rfc6120\/8\.2\.3\/iq-(two|no)-payloads?$/;
    for (const verdict of (await verdictsUnder("iq-payload-count-unchecked", ids)).values())
      expect(verdict).to.equal("PASS");
    for (const verdict of (await verdictsUnder("iq-no-reply", ids)).values())
      expect(verdict).to.equal("FAIL");
  });

  it("a server that overrides the client's resource gets a WARN at most on client-chosen-resource", async () => {
    const v = await verdictsUnder("bind-ignores-resource", /^rfc6120\/7\.7\.1\/client-chosen-resource$/);
    expect([...v.values()]).to.deep.equal(["WARN"]);
  });

  it("a server that takes '=' for bad base64 gets a WARN (the '=' MUST binds the initiating entity)", async () => {
    const ids = /^rfc6120\/6\.4\.2\/zero-length-initial-response$/;
    expect([...(await verdictsUnder("sasl-reject-empty-response", ids)).values()]).to.deep.equal(["WARN"]);
  });
});
