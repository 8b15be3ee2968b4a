// The embedded server against the harness's own peer (harness/peer), the pairing every federation case
// runs on: the peer dials in as remote.test (EXTERNAL or dialback, with the embedded server asking the
// peer's authoritative role), and listens as remote.test for what the embedded server routes out.
import { expect } from "chai";
import { dialTarget, negotiateS2s, PeerListener } from "../../harness/peer/index.ts";
import type { Pki } from "../../harness/pki/pki.ts";
import { ReferenceServer } from "../../harness/server/server.ts";
import type { Session } from "../../harness/session.ts";
import { Transcript } from "../../harness/transcript.ts";
import { type Element, xml } from "../../harness/xml/element.ts";
import { client, sharedPki } from "../support/federation.ts";
import type { Raw } from "../support/raw-client.ts";

async function nextMessage(c: Raw): Promise<Element> {
  for (;;) {
    const el = await c.next();
    if (el.name === "message") return el;
  }
}

describe("reference server: s2s against harness/peer", function () {
  this.timeout(15_000);
  let pki: Pki;
  let listener: PeerListener;
  let server: ReferenceServer;
  let transcript: Transcript;
  const open: Session[] = [];
  let n = 0;

  before(async () => {
    pki = await sharedPki();
    transcript = new Transcript();
    listener = await PeerListener.start({ pki, domains: ["remote.test"], transcript, timeoutMs: 3_000 });
    const peer = listener.endpoint;
    server = await ReferenceServer.start({
      domains: ["localhost"],
      tls: "optional",
      s2s: {
        trust: pki.caCert,
        certificate: await pki.issue("localhost"),
        resolve: async (d) => (d === "remote.test" ? { host: peer.host, port: peer.port } : undefined),
      },
    });
    const s2s = server.endpoints.s2s;
    if (!s2s) throw new Error("s2s is off");
    listener.targetS2s = { kind: "tcp", host: s2s.host, port: s2s.port };
  });
  after(async () => {
    for (const s of open) s.destroy();
    await server.stop();
    await listener.stop();
  });

  async function dial(): Promise<Session> {
    const s2s = server.endpoints.s2s;
    if (!s2s) throw new Error("s2s is off");
    const s = await dialTarget({
      endpoint: { kind: "tcp", host: s2s.host, port: s2s.port },
      from: "remote.test",
      to: "localhost",
      pki,
      secret: listener.secret,
      transcript,
      timeoutMs: 3_000,
    });
    open.push(s);
    return s;
  }

  for (const auth of ["external", "dialback"] as const) {
    it(`accepts the peer with ${auth} and delivers its stanza to the local user`, async () => {
      const bob = await client(server, `bob-p${++n}`);
      try {
        const s = await dial();
        await negotiateS2s(s, { tls: "required", auth });
        await s.send(xml("message", { from: "a@remote.test/r", to: bob.jid }, xml("body", {}, auth)));
        expect((await nextMessage(bob.c)).getChildText("body")).to.equal(auth);
      } finally {
        bob.c.destroy();
      }
    });
  }

  it("closes the peer's stream on a spoofed 'from' with <invalid-from/>", async () => {
    const s = await dial();
    await negotiateS2s(s, { tls: "required", auth: "external" });
    await s.send(xml("message", { from: "a@evil.test", to: "b@localhost" }, xml("body", {}, "x")));
    expect(await s.expectStreamError()).to.equal("invalid-from");
  });

  it("routes a local user's stanza to the peer listening as remote.test", async () => {
    const alice = await client(server, `alice-p${++n}`);
    try {
      alice.c.sendEl(xml("message", { to: "someone@remote.test", id: "o1" }, xml("body", {}, "out")));
      const got = await listener.expect("remote.test", { name: "message", to: "someone@remote.test" });
      expect(got.attrs.from).to.equal(alice.jid);
    } finally {
      alice.c.destroy();
    }
  });
});
