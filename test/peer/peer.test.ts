// harness/peer, both ends the harness's own: the dialer (the harness as the initiating server) against
// the listener (the harness as receiving and authoritative server), on loopback.
import { expect } from "chai";
import { HarnessError, NoAnswer, SaslFailure, StreamClosed } from "../../harness/errors.ts";
import {
  authExternal,
  dialback,
  dialTarget,
  negotiateS2s,
  PeerListener,
  starttls,
} from "../../harness/peer/index.ts";
import { Pki } from "../../harness/pki/pki.ts";
import type { Session } from "../../harness/session.ts";
import { Transcript } from "../../harness/transcript.ts";
import { TransportError } from "../../harness/transport/tcp.ts";
import { xml } from "../../harness/xml/element.ts";

/** The dialer plays origin.test; the listener plays remote.test, and origin.test's authoritative server. */
const ORIGIN = "origin.test";
const REMOTE = "remote.test";

describe("harness/peer: dialer against listener", () => {
  let pki: Pki;
  let listener: PeerListener;
  let transcript: Transcript;
  const open: Session[] = [];

  before(async () => {
    pki = await Pki.create();
  });
  beforeEach(async () => {
    transcript = new Transcript();
    listener = await PeerListener.start({
      pki,
      domains: [REMOTE, ORIGIN],
      transcript,
      timeoutMs: 3000,
      directTls: true,
    });
    // receiving role: the listener asks "the target's" authoritative server, here itself
    listener.targetS2s = listener.endpoint;
  });
  afterEach(async () => {
    for (const s of open.splice(0)) s.destroy();
    await listener.stop();
  });

  async function dial(extra: Partial<Parameters<typeof dialTarget>[0]> = {}): Promise<Session> {
    const s = await dialTarget({
      endpoint: listener.endpoint,
      from: ORIGIN,
      to: REMOTE,
      pki,
      secret: listener.secret,
      transcript,
      timeoutMs: 3000,
      ...extra,
    });
    open.push(s);
    return s;
  }

  const message = (body: string) =>
    xml("message", { from: `a@${ORIGIN}/r`, to: `b@${REMOTE}`, type: "chat" }, xml("body", {}, body));

  it("opens a jabber:server stream with from, to, xmlns:db and version", async () => {
    const s = await dial();
    const sent = transcript.entries.find((e) => e.dir === "sent")?.data ?? "";
    for (const attr of ["xmlns='jabber:server'", `from='${ORIGIN}'`, `to='${REMOTE}'`, "xmlns:db="])
      expect(sent).to.contain(attr);
    expect(s.header?.attrs.from).to.equal(REMOTE);
    expect(s.features?.getChild("starttls")).to.not.equal(undefined);
  });

  it("TLS + SASL EXTERNAL, then a stanza reaches the domain's inbox", async () => {
    const s = await dial();
    await negotiateS2s(s, { auth: "external" });
    expect(s.transport.tls?.authorized).to.equal(true);
    await s.send(message("hello"));
    const got = await listener.expect(REMOTE, { name: "message", from: `a@${ORIGIN}/r` });
    expect(got.getChildText("body")).to.equal("hello");
    expect(transcript.toText()).to.match(/s2s-in#1 S: <message/);
  });

  it("EXTERNAL with an authzid other than the certificate's domain fails with invalid-authzid", async () => {
    const s = await dial();
    await starttls(s);
    const err = await authExternal(s, "other.test").catch((e: Error) => e);
    expect(err).to.be.instanceOf(SaslFailure);
    expect((err as SaslFailure).condition).to.equal("invalid-authzid");
  });

  it("a flawed client certificate gets no EXTERNAL offer; dialback is still offered", async () => {
    const s = await dial();
    await starttls(s, { flaw: "untrusted-ca" });
    expect(s.offeredMechanisms()).to.deep.equal([]);
    expect(s.features?.getChild("dialback", "urn:xmpp:features:dialback")).to.not.equal(undefined);
  });

  it("TLS + dialback: the listener verifies the key as receiving server with itself as authoritative", async () => {
    const s = await dial();
    await negotiateS2s(s, { auth: "dialback" });
    expect(transcript.toText()).to.match(/s2s-verify#\d+ S: <db:verify[^>]*type="valid"/);
    await s.send(message("via dialback"));
    await listener.expect(REMOTE, {
      name: "message",
      where: (m) => m.getChildText("body") === "via dialback",
    });
  });

  it("a wrong dialback key comes back invalid, and the stream is closed (XEP-0220 §2.2.1)", async () => {
    const s = await dial();
    await starttls(s);
    const answer = await dialback(s, { key: "00".repeat(32) });
    expect(answer.attrs.type).to.equal("invalid");
    await s.expectClose(1000);
  });

  it("stanzas before authentication get not-authorized (RFC 6120 §4.9.3.12)", async () => {
    const s = await dial();
    await starttls(s);
    await s.send(message("too early"));
    expect(await s.expectStreamError()).to.equal("not-authorized");
  });

  it("dialback errors: a 'to' not played is item-not-found; no authoritative server is remote-server-not-found", async () => {
    const s = await dial();
    await starttls(s);
    const notOurs = await dialback(s, { to: "nobody.test", key: "00" });
    expect(notOurs.attrs.type).to.equal("error");
    expect(notOurs.getChild("error")?.getChild("item-not-found")).to.not.equal(undefined);
    listener.targetS2s = undefined;
    const noAuthority = await dialback(s);
    expect(noAuthority.getChild("error")?.getChild("remote-server-not-found")).to.not.equal(undefined);
  });

  it("the authoritative role answers a <db:verify/> for a domain it does not play with item-not-found", async () => {
    const s = await dial({ to: ORIGIN });
    const answer = s.expect({ name: "verify" });
    await s.send(xml("db:verify", { from: ORIGIN, to: "nobody.test", id: "x" }, "00"));
    const el = await answer;
    expect(el.attrs.type).to.equal("error");
    expect(el.getChild("error")?.getChild("item-not-found")).to.not.equal(undefined);
  });

  it("the listener's certificate with a flaw is refused by the dialer's TLS", async () => {
    listener.policy(REMOTE, { certificate: "expired" });
    const s = await dial();
    const err = await starttls(s).catch((e: Error) => e);
    expect(err).to.be.instanceOf(HarnessError);
    expect((err as Error).message).to.match(/expired/i);
  });

  it("TLS required: only <starttls><required/></starttls> before TLS", async () => {
    listener.policy(REMOTE, { tls: "required" });
    const s = await dial();
    const f = s.features;
    expect(f?.getChildElements().map((c) => c.name)).to.deep.equal(["starttls"]);
    expect(f?.getChild("starttls")?.getChild("required")).to.not.equal(undefined);
    // dialback first: a dialback error (XEP-0220 §2.4); anything else first: a stream error
    const early = await dialback(s, { key: "00" });
    expect(early.getChild("error")?.getChild("policy-violation")).to.not.equal(undefined);
    await s.send(message("before TLS"));
    expect(await s.expectStreamError()).to.equal("policy-violation");
  });

  it("SNI picks the certificate: a server name the listener plays gets that domain's certificate", async () => {
    const s = await dial({ trust: { ca: pki.caCert, servername: ORIGIN } });
    await starttls(s);
    expect(s.transport.tls?.authorized).to.equal(true);
    expect(s.transport.tls?.peerCertificate?.subjectAltName).to.contain(`DNS:${ORIGIN}`);
  });

  it("a claimed stream is driven raw by the case: header, features, proceed, TLS, header again", async () => {
    const claimed = listener.claim(REMOTE);
    const s = await dial({ open: false });
    const header = s.openStream();
    const ps = await claimed;
    expect(ps.peerDomain).to.equal(ORIGIN);
    await ps.sendHeader({ version: "1.0" });
    await ps.sendFeatures(xml("starttls", { xmlns: "urn:ietf:params:xml:ns:xmpp-tls" }));
    await header;
    await s.readFeatures();
    const dialerTls = starttls(s);
    await ps.expect({ name: "starttls" });
    const tlsInfo = await ps.proceedTls();
    expect(tlsInfo?.authorized).to.equal(true);
    expect(ps.peerCertificateValidFor(ORIGIN)).to.equal(true);
    await ps.sendHeader();
    await ps.sendFeatures();
    await dialerTls;
    await s.send(message("raw"));
    expect((await ps.expect({ name: "message" })).getChildText("body")).to.equal("raw");
    await ps.streamError("policy-violation");
    expect(await s.expectStreamError()).to.equal("policy-violation");
  });

  it("a claimed stream's flawed certificate: the dialer refuses it, proceedTls() rejects, both bounded", async () => {
    const claimed = listener.claim(REMOTE);
    const s = await dial({ open: false });
    const opened = s.openWithFeatures();
    const ps = await claimed;
    await ps.sendHeader();
    await ps.sendFeatures(xml("starttls", { xmlns: "urn:ietf:params:xml:ns:xmpp-tls" }));
    await opened;
    const dialerTls = starttls(s).catch((e: Error) => e);
    await ps.expect({ name: "starttls" });
    const refused = await ps.proceedTls({ flaw: "wrong-name" }).catch((e: Error) => e);
    expect(refused).to.be.instanceOf(TransportError);
    expect(await dialerTls).to.be.instanceOf(HarnessError);
    await ps.expectClose(1000);
  });

  it("a claimed stream can be handed back: serve() negotiates it from there", async () => {
    const claimed = listener.claim(REMOTE);
    const s = await dial({ open: false });
    const opened = s.openWithFeatures();
    const ps = await claimed;
    expect(ps.header?.attrs.version).to.equal("1.0");
    void listener.serve(ps);
    await opened;
    await negotiateS2s(s, { auth: "external" });
    await s.send(message("served"));
    await listener.expect(REMOTE, { name: "message", where: (m) => m.getChildText("body") === "served" });
  });

  it("direct TLS (XEP-0368): ALPN xmpp-server, our certificate in the handshake, then EXTERNAL", async () => {
    const endpoint = listener.directTlsEndpoint;
    if (!endpoint) throw new Error("no direct TLS endpoint");
    const s = await dial({ endpoint });
    expect(s.transport.secure).to.equal(true);
    expect(s.features?.getChild("starttls")).to.equal(undefined);
    await negotiateS2s(s, { auth: "external" });
    await s.send(message("direct"));
    await listener.expect(REMOTE, { name: "message", where: (m) => m.getChildText("body") === "direct" });
  });

  it("direct TLS with a flawed listener certificate fails at connect, bounded", async () => {
    listener.policy(REMOTE, { certificate: "self-signed" });
    const endpoint = listener.directTlsEndpoint;
    if (!endpoint) throw new Error("no direct TLS endpoint");
    const err = await dial({ endpoint }).catch((e: Error) => e);
    expect(err).to.be.instanceOf(HarnessError);
    expect((err as Error).message).to.match(/self.signed/i);
  });

  it("a claim nobody fulfils ends in NoAnswer, bounded", async () => {
    const err = await listener.claim(REMOTE, 200).catch((e: Error) => e);
    expect(err).to.be.instanceOf(NoAnswer);
  });

  it("silent: the TCP connection is accepted and never answered, and the wait is bounded", async () => {
    listener.policy(REMOTE, { behaviour: "silent" });
    // unbounded, the dial would hang until this test's timeout instead of failing with NoAnswer
    const err = await dial({ timeoutMs: 300 }).catch((e: Error) => e);
    expect(err).to.be.instanceOf(NoAnswer);
  });

  it("refuse: with a condition, a stream error; without, the connection closes", async () => {
    listener.policy(REMOTE, { behaviour: "refuse", refuseWith: "policy-violation" });
    const s = await dial({ open: false });
    await s.openStream();
    expect(await s.expectStreamError()).to.equal("policy-violation");
    listener.policy(REMOTE, { refuseWith: undefined });
    const err = await dial().catch((e: Error) => e);
    expect(err).to.be.instanceOf(StreamClosed);
  });

  it("a 'to' the listener does not play gets host-unknown", async () => {
    const s = await dial({ to: "nobody.test", open: false });
    await s.openStream();
    expect(await s.expectStreamError()).to.equal("host-unknown");
  });

  it("expectNothing: fails on a stanza that came, passes once the marker came without it", async () => {
    const s = await dial();
    await negotiateS2s(s, { auth: "external" });
    await s.send(message("first"));
    await s.send(message("marker"));
    const marker = {
      name: "message",
      where: (m: import("@xmpp/xml").Element) => m.getChildText("body") === "marker",
    };
    await listener.expectNothing(REMOTE, { name: "presence" }, "no presence", { until: marker });
    const err = await listener
      .expectNothing(REMOTE, { name: "message" }, "no message", { quietMs: 50 })
      .catch((e: Error) => e);
    expect(err).to.match(/first/);
  });

  it("stop() ends every stream and pending wait", async () => {
    const s = await dial();
    const pending = listener.expect(REMOTE, { name: "message" }, 5000).catch((e: Error) => e);
    const claim = listener.claim(ORIGIN, 5000).catch((e: Error) => e);
    await listener.stop();
    expect(await pending).to.be.instanceOf(HarnessError);
    expect(await claim).to.be.instanceOf(HarnessError);
    await s.expectClose(2000);
  });
});
