// Every transport of the reference client against the embedded server: STARTTLS, direct TLS,
// WebSocket (RFC 7395) each carry a full login and an IQ round trip.
import { expect } from "chai";
import { EmbeddedProvisioner } from "../harness/runner/accounts.ts";
import { ReferenceServer } from "../harness/server/server.ts";
import { Session } from "../harness/session.ts";
import { Transcript } from "../harness/transcript.ts";
import { parseTarget } from "../harness/transport/target-url.ts";
import type { Endpoint } from "../harness/transport/transport.ts";
import { NS, xml } from "../harness/xml/element.ts";

describe("transports against the embedded server", () => {
  let server: ReferenceServer;
  before(async () => {
    server = await ReferenceServer.start();
  });
  after(async () => {
    await server.stop();
  });

  async function loginAndPing(endpoint: Endpoint): Promise<Session> {
    const [account] = await new EmbeddedProvisioner(server.accounts, "localhost").acquire(1);
    const transcript = new Transcript();
    const s = await Session.open({
      endpoint,
      domain: "localhost",
      trust: { ca: server.certificate.cert },
      transcript,
      label: "t",
    });
    await s.negotiate({
      tls: "optional",
      auth: { username: account.username, password: account.password },
      bind: true,
    });
    const reply = await s.iq(xml("iq", { type: "get", to: "localhost" }, xml("ping", { xmlns: NS.ping })));
    expect(reply.attrs.type).to.equal("result");
    expect(JSON.stringify(transcript.entries)).to.not.include(account.password);
    await s.close();
    return s;
  }

  it("TCP with STARTTLS", async () => {
    const s = await loginAndPing({ kind: "tcp", ...server.endpoints.tcp });
    expect(s.transport.secure).to.equal(true);
    expect(s.transport.tls?.authorized).to.equal(true);
  });

  it("direct TLS (XEP-0368)", async () => {
    const s = await loginAndPing({ kind: "tls", ...server.endpoints.tls! });
    expect(s.transport.kind).to.equal("tls");
  });

  it("WebSocket (RFC 7395) with <open/> framing", async () => {
    const s = await loginAndPing(parseTarget(server.endpoints.ws!.url));
    expect(s.transport.framed).to.equal(true);
    expect(s.header?.name).to.equal("open");
  });

  it("an untrusted certificate is an ERROR-class failure with a one-line reason", async () => {
    const err = await Session.open({
      endpoint: { kind: "tls", ...server.endpoints.tls! },
      domain: "localhost",
      trust: {},
      transcript: new Transcript(),
      label: "t",
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.name).to.equal("HarnessError");
    expect(err?.message).to.match(/certificate/);
    expect(err?.message.split("\n")).to.have.length(1);
  });
});
