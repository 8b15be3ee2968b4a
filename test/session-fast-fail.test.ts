// A wait ends as soon as the target's traffic rules out its answer (harness/session.ts, session/stray-replies.ts):
// an IQ response from the server with an id no request carried (RFC 6120 §8.2.3), a stream error on a stream
// the target leaves open. Each wait here may last 20 s; one that ran out would fail with NoAnswer, so each
// error's kind shows the wait ended on the target's traffic (no wall time is measured: a loaded CI machine
// would make any bound a coin toss).
import { expect } from "chai";
import { NoAnswer, StreamClosed, Violation } from "../harness/errors.ts";
import { EmbeddedProvisioner } from "../harness/runner/accounts.ts";
import type { FaultName } from "../harness/server/faults/index.ts";
import { ReferenceServer } from "../harness/server/server.ts";
import { rememberIqId, strayReply } from "../harness/session/stray-replies.ts";
import { Session } from "../harness/session.ts";
import { Transcript } from "../harness/transcript.ts";
import { NS, xml } from "../harness/xml/element.ts";

const WAIT_MS = 20_000;

async function withServer(fault: FaultName, body: (server: ReferenceServer) => Promise<void>) {
  const server = await ReferenceServer.start({ faults: [fault] });
  try {
    await body(server);
  } finally {
    await server.stop();
  }
}

async function openSession(server: ReferenceServer): Promise<Session> {
  return Session.open({
    endpoint: { kind: "tcp", ...server.endpoints.tcp },
    domain: "localhost",
    trust: { ca: server.certificate.cert },
    transcript: new Transcript(),
    label: "t",
    timeoutMs: WAIT_MS,
  });
}

/** How `p` failed; never by its wait running out. */
async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    expect(err, "the wait ran out").to.not.be.instanceOf(NoAnswer);
    return err as Error;
  }
  throw new Error("expected a failure");
}

describe("a wait ends at once when the target's traffic rules out its answer", function () {
  this.timeout(4 * WAIT_MS);

  it("an IQ answered with another id fails the wait with RFC 6120 §8.2.3, not a timeout", () =>
    withServer("iq-wrong-id", async (server) => {
      const [a] = await new EmbeddedProvisioner(server.accounts, "localhost").acquire(1);
      const s = await openSession(server);
      await s.negotiate({
        tls: "optional",
        auth: { username: a.username, password: a.password },
        bind: true,
      });
      const ping = xml("iq", { type: "get", to: "localhost" }, xml("ping", { xmlns: NS.ping }));
      const err = await failure(s.iq(ping));
      expect(err).to.be.instanceOf(Violation);
      expect(err.message).to.include("§8.2.3").and.include("no request carried");
      // and every later wait on that stream says so at once too
      const later = await failure(s.expect({ name: "message" }));
      expect(later.message).to.include("§8.2.3");
      s.destroy();
    }));

  it("a stream error on a stream left open ends the pending and later waits with its condition", () =>
    withServer("stream-error-no-close", async (server) => {
      const s = await openSession(server);
      const pending = s.expect({ name: "message" });
      // RFC 6120 §4.9.3.22: an unknown first-level element is <unsupported-stanza-type/>
      await s.send("<thing xmlns='urn:example:unknown'/>");
      const err = await failure(pending);
      expect(err).to.be.instanceOf(StreamClosed);
      expect((err as StreamClosed).condition).to.equal("unsupported-stanza-type");
      expect(s.closed || s.streamEnded, "the target left the stream open").to.equal(false);
      const later = await failure(s.expect({ name: "iq" }));
      expect(later).to.be.instanceOf(StreamClosed);
      expect((later as StreamClosed).condition).to.equal("unsupported-stanza-type");
      s.destroy();
    }));

  describe("which IQ responses are stray", () => {
    const server = { domain: "localhost", account: "alice@localhost" };
    const reply = (attrs: Record<string, string>) => xml("iq", { type: "result", ...attrs });

    it("a response from the server or for the account, for an id never sent", () => {
      expect(strayReply(reply({ id: "never-sent-1" }), server)).to.be.instanceOf(Violation);
      expect(strayReply(reply({ id: "never-sent-2", from: "localhost" }), server)).to.be.instanceOf(
        Violation,
      );
      expect(strayReply(reply({ id: "never-sent-3", from: "alice@localhost" }), server)).to.be.instanceOf(
        Violation,
      );
    });

    it("not a response to an id sent, with no or an empty id, from another entity, or a request", () => {
      rememberIqId(xml("iq", { type: "get", id: "sent-1" }));
      expect(strayReply(reply({ id: "sent-1" }), server)).to.equal(undefined);
      expect(strayReply(reply({}), server)).to.equal(undefined);
      expect(strayReply(reply({ id: "" }), server)).to.equal(undefined);
      expect(strayReply(reply({ id: "never-sent-4", from: "bob@localhost/r" }), server)).to.equal(undefined);
      expect(strayReply(xml("iq", { type: "get", id: "never-sent-5" }), server)).to.equal(undefined);
    });
  });
});
