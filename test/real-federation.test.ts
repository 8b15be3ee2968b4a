// The real servers' federation variant really federates with the harness on loopback: inbound, its s2s
// port offers STARTTLS, presents the expected certificate for localhost and, for remote.test's good
// client certificate, offers SASL EXTERNAL or dialback; outbound, a local user's message to remote.test makes it
// ask the harness's DNS responder, connect to the published port, negotiate STARTTLS and present its
// certificate as a client. (Fixture checks: what the RFC requires of s2s is graded by the suites.)
import { once } from "node:events";
import { readFileSync } from "node:fs";
import net from "node:net";
import tls from "node:tls";
import { expect } from "chai";
import { type KeyPair, Pki } from "../harness/pki/pki.ts";
import { DnsResponder } from "../harness/resolve/dns.ts";
import { TYPE } from "../harness/resolve/dns-wire.ts";
import { publishXmppDomain } from "../harness/resolve/publish.ts";
import { Session } from "../harness/session.ts";
import { Transcript } from "../harness/transcript.ts";
import { NS, xml } from "../harness/xml/element.ts";
import { REAL_SERVER_NAMES } from "../scripts/real-servers/launch.ts";
import { describeRealFederation } from "./support/real-servers.ts";
import { StreamReader } from "./support/stream-reader.ts";

const s2sHeader = (from: string, to: string, id = "") =>
  `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='${NS.stream}' ` +
  `xmlns:db='jabber:server:dialback' from='${from}' to='${to}'${id ? ` id='${id}'` : ""} version='1.0'>`;

/** The first connection the listener accepts, or a timeout. */
function firstConnection(server: net.Server, ms: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no s2s connection within ${ms} ms`)), ms);
    server.once("connection", (sock) => {
      clearTimeout(t);
      resolve(sock);
    });
  });
}

for (const name of REAL_SERVER_NAMES) {
  describeRealFederation(name, `real federation: ${name}`, (target) => {
    let dns: DnsResponder;
    let pki: Pki;
    let remote: KeyPair;
    const sockets: net.Socket[] = [];
    before(async () => {
      dns = await DnsResponder.start(target().dns);
      pki = await Pki.create({ dir: target().caDir });
      remote = await pki.issue("remote.test");
    });
    after(async () => {
      for (const s of sockets) s.destroy();
      await dns?.stop();
    });

    it("inbound: STARTTLS, the expected certificate for localhost, then EXTERNAL or dialback", async () => {
      const socket = net.connect(target().s2s.port, target().s2s.host);
      sockets.push(socket);
      await once(socket, "connect");
      const plain = new StreamReader(socket);
      socket.write(s2sHeader("remote.test", "localhost"));
      const features = await plain.next("s2s stream features");
      expect(plain.header?.attrs.from).to.equal("localhost");
      // offered (jabberd2 requires it without saying <required/>: its config does, docs/federation.md)
      expect(features.getChild("starttls", NS.tls), features.toString()).to.not.equal(undefined);
      socket.write(`<starttls xmlns='${NS.tls}'/>`);
      expect((await plain.next("proceed")).name).to.equal("proceed");
      plain.detach();
      // servername + ca: Node refuses a certificate that is not the expected one or not for localhost
      const ca = readFileSync(target().serverCaFile);
      // jabberd2 2.7 resets a TLS 1.3 stream whose peer sent a client certificate (fixtures/servers/README.md)
      const maxVersion = name === "jabberd2" ? "TLSv1.2" : undefined;
      const secure = tls.connect({ socket, servername: "localhost", ca, maxVersion, ...remote });
      sockets.push(secure);
      await once(secure, "secureConnect");
      const reader = new StreamReader(secure);
      secure.write(s2sHeader("remote.test", "localhost"));
      const underTls = await reader.next("s2s features under TLS");
      const mechanisms = underTls
        .getChild("mechanisms", NS.sasl)
        ?.getChildren("mechanism")
        .map((m) => m.getText());
      const dialback = underTls.getChild("dialback", "urn:xmpp:features:dialback");
      expect(mechanisms?.includes("EXTERNAL") || dialback !== undefined, underTls.toString()).to.equal(true);
    });

    it("outbound: asks the harness DNS for remote.test, connects there, STARTTLS with its certificate", async () => {
      const listener = net.createServer();
      listener.listen(0, "127.0.0.1");
      await once(listener, "listening");
      const { port } = listener.address() as net.AddressInfo;
      publishXmppDomain(dns, "remote.test", { starttls: port });
      const c2s = target().c2s;
      const alice = await Session.open({
        endpoint: { kind: "tcp", host: "127.0.0.1", port: Number(new URL(c2s.url).port) },
        domain: c2s.domain,
        trust: { insecure: true },
        transcript: new Transcript(),
        label: "alice",
      });
      try {
        await alice.negotiate({
          tls: "optional",
          auth: { username: "alice", password: "secret" },
          bind: true,
        });
        const arrived = firstConnection(listener, 20_000);
        await alice.send(xml("message", { to: "someone@remote.test", type: "chat" }, xml("body", {}, "hi")));
        const socket = await arrived;
        sockets.push(socket);
        const plain = new StreamReader(socket);
        await plain.started("s2s stream header");
        expect(plain.header?.attrs).to.include({ from: "localhost", to: "remote.test" });
        socket.write(
          `${s2sHeader("remote.test", "localhost", "h1")}<stream:features><starttls xmlns='${NS.tls}'><required/>` +
            "</starttls></stream:features>",
        );
        expect((await plain.next("starttls")).is("starttls", NS.tls)).to.equal(true);
        socket.write(`<proceed xmlns='${NS.tls}'/>`);
        plain.detach();
        const secure = new tls.TLSSocket(socket, {
          isServer: true,
          secureContext: tls.createSecureContext({ ...remote, ca: readFileSync(target().serverCaFile) }),
          requestCert: true,
          rejectUnauthorized: false,
        });
        await once(secure, "secure");
        expect(secure.authorizationError ?? null, "its client certificate is the expected one").to.equal(
          null,
        );
        expect(tls.checkServerIdentity("localhost", secure.getPeerCertificate())).to.equal(undefined);
        expect(
          dns.queries.some((q) => q.name === "_xmpp-server._tcp.remote.test" && q.type === TYPE.SRV),
        ).to.equal(true);
      } finally {
        alice.destroy();
        listener.close();
      }
    });
  });
}
