// The reference server's connection layer over raw sockets: stream headers, stream errors, STARTTLS,
// direct TLS, WebSocket, SASL, binding, in-band registration, 'from' stamping, robustness, named faults.
import { X509Certificate } from "node:crypto";
import { once } from "node:events";
import net from "node:net";
import tls from "node:tls";
import { expect } from "chai";
import WebSocket from "ws";
import { catalogue } from "../harness/runner/catalogue.ts";
import { createClient, type MechanismName } from "../harness/sasl/index.ts";
import { CONNECTION_FAULTS } from "../harness/server/faults/connection.ts";
import {
  listConnectionFaults,
  ReferenceServer,
  type ReferenceServerOptions,
} from "../harness/server/server.ts";
import type { BoundSession, ServerHost, StanzaLayer } from "../harness/server/types.ts";
import { basicConstraintsCa } from "../harness/transport/tcp.ts";
import { type Element, NS, xml } from "../harness/xml/element.ts";
import { StreamParser } from "../harness/xml/parser.ts";
import { frameClose, frameOpen, serialize, streamFooter, streamHeader } from "../harness/xml/serialize.ts";

const WAIT_MS = 5_000;
const PASSWORD = "s3cret pass";
/** Fine as XML, refused as a resourcepart (a C1 control: PRECIS FreeformClass DISALLOWED). */
const BAD_RESOURCE = "bad\u0085";

// ---- a raw client: bytes out, parsed elements in ----

type Attrs = Record<string, string | undefined>;

class Raw {
  header: Element | undefined;
  features: Element | undefined;
  /** The server's closing tag (or <close/>) arrived. */
  streamEnded = false;
  /** The server closed the connection. */
  readonly gone: Promise<void>;
  private markGone!: () => void;
  private parser!: StreamParser;
  private inbox: Element[] = [];
  private waiter: (() => void) | undefined;
  private socket: net.Socket | undefined;
  private ws: WebSocket | undefined;
  private closedNow = false;

  private constructor(readonly framed: boolean) {
    this.gone = new Promise((resolve) => (this.markGone = resolve));
    this.resetParser();
  }

  static async tcp(port: number): Promise<Raw> {
    const raw = new Raw(false);
    const socket = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    raw.attachSocket(socket);
    return raw;
  }

  static async directTls(port: number, ca: string): Promise<Raw> {
    const raw = new Raw(false);
    const socket = tls.connect({ port, host: "127.0.0.1", ca, servername: "localhost" });
    await new Promise<void>((resolve, reject) => socket.once("secureConnect", resolve).once("error", reject));
    raw.attachSocket(socket);
    return raw;
  }

  static async websocket(url: string, protocol = "xmpp"): Promise<Raw> {
    const raw = new Raw(true);
    const ws = new WebSocket(url, protocol);
    await new Promise<void>((resolve, reject) => ws.once("open", () => resolve()).once("error", reject));
    raw.ws = ws;
    ws.on("message", (data: Buffer) => raw.parser.write(data));
    ws.on("error", () => {});
    ws.on("close", () => raw.onGone());
    return raw;
  }

  private attachSocket(socket: net.Socket): void {
    this.socket = socket;
    socket.on("data", (d: Buffer) => this.parser.write(d));
    socket.on("error", () => {});
    socket.on("end", () => socket.end());
    socket.on("close", () => this.onGone());
  }

  private onGone(): void {
    this.closedNow = true;
    this.markGone();
    this.wake();
  }

  get closed(): boolean {
    return this.closedNow;
  }

  private resetParser(): void {
    this.parser = new StreamParser({ framed: this.framed, maxStanzaBytes: 16_000_000 });
    this.parser.on("header", (el) => {
      this.header = el;
      this.wake();
    });
    this.parser.on("element", (el) => {
      if (el.is("features", NS.stream)) this.features = el;
      else this.inbox.push(el);
      // A new stream follows <success/> (RFC 6120 §6.4.6); what comes after it in this chunk is part of it.
      if (el.is("success", NS.sasl)) {
        this.header = undefined;
        this.features = undefined;
        this.parser.reset();
      }
      this.wake();
    });
    this.parser.on("end", () => {
      this.streamEnded = true;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  private async until<T>(what: string, get: () => T | undefined, ms = WAIT_MS): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = get();
      if (v !== undefined) return v;
      if (this.closedNow) throw new Error(`connection closed while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  send(data: string | Buffer): void {
    if (this.ws) this.ws.send(data);
    else this.socket!.write(data);
  }

  sendEl(el: Element): void {
    this.send(serialize(el));
  }

  /** Send a stream header (or <open/>) with these attributes over the defaults and wait for the answer. */
  async open(attrs: Attrs = {}, expectFeatures = true): Promise<Element> {
    this.header = undefined;
    this.features = undefined;
    this.send(this.framed ? frameOpen({ to: "localhost", version: "1.0", ...attrs }) : headerText(attrs));
    const header = await this.until("the stream header", () => this.header);
    if (expectFeatures) await this.until("stream features", () => this.features);
    return header;
  }

  /** The features, or whatever else comes first after the header. */
  featuresOrNext(): Promise<Element> {
    return this.until("features or an element", () => this.features ?? this.inbox.shift());
  }

  /** The next element the server sends. */
  next(ms = WAIT_MS): Promise<Element> {
    return this.until("an element", () => this.inbox.shift(), ms);
  }

  /** The next element, which must be a stream error: its condition; then the stream end and the close. */
  async streamError(): Promise<string> {
    const el = await this.next();
    expect(el.is("error", NS.stream), `expected a stream error, got ${el.toString()}`).to.equal(true);
    const condition = el.getChildElements().find((c) => c.getNS() === NS.streams && c.name !== "text");
    await this.until("the end of the stream", () => (this.streamEnded ? true : undefined));
    await this.closedWithin();
    return condition?.name ?? "(none)";
  }

  /** The server closes the connection (TCP FIN / WebSocket close) soon. */
  async closedWithin(ms = WAIT_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.gone,
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error("the server kept the connection")), ms)),
      ),
    ]);
    clearTimeout(timer);
  }

  /** STARTTLS: <proceed/>, the TLS handshake, a new parser. */
  async starttls(ca: string): Promise<void> {
    this.sendEl(xml("starttls", { xmlns: NS.tls }));
    const proceed = await this.next();
    expect(proceed.is("proceed", NS.tls), proceed.toString()).to.equal(true);
    const plain = this.socket!;
    plain.removeAllListeners("data");
    plain.removeAllListeners("close");
    plain.removeAllListeners("end");
    const secured = tls.connect({ socket: plain, ca, servername: "localhost" });
    await new Promise<void>((resolve, reject) =>
      secured.once("secureConnect", resolve).once("error", reject),
    );
    this.resetParser();
    this.attachSocket(secured);
  }

  /** A SASL exchange with the project's client mechanisms; resolves with the final element. */
  async sasl(
    mechanism: MechanismName,
    username: string,
    password: string,
    authzid?: string,
  ): Promise<Element> {
    const client = createClient(mechanism, { username, password, authzid });
    this.sendEl(xml("auth", { xmlns: NS.sasl, mechanism }, client.initial().toString("base64") || "="));
    for (;;) {
      const el = await this.next();
      if (!el.is("challenge", NS.sasl)) {
        if (el.is("success", NS.sasl)) {
          const text = el.getText();
          client.success(text && text !== "=" ? Buffer.from(text, "base64") : null);
        }
        return el;
      }
      const reply = client.challenge(Buffer.from(el.getText(), "base64"));
      this.sendEl(xml("response", { xmlns: NS.sasl }, reply.toString("base64")));
    }
  }

  /** Authenticate, restart and read the post-SASL features. */
  async authenticate(username: string, password = PASSWORD, mechanism: MechanismName = "SCRAM-SHA-256") {
    const el = await this.sasl(mechanism, username, password);
    expect(el.is("success", NS.sasl), `authentication failed: ${el.toString()}`).to.equal(true);
    return this.open();
  }

  async iq(el: Element): Promise<Element> {
    this.sendEl(el);
    const reply = await this.next();
    expect(reply.name, reply.toString()).to.equal("iq");
    expect(reply.attrs.id).to.equal(el.attrs.id);
    return reply;
  }

  async bind(resource?: string): Promise<Element> {
    return this.iq(
      xml(
        "iq",
        { type: "set", id: `b${Math.random()}` },
        xml("bind", { xmlns: NS.bind }, resource === undefined ? null : xml("resource", {}, resource)),
      ),
    );
  }

  /** Close our stream and wait for the server's reply and close. */
  async closeStream(ms = WAIT_MS): Promise<void> {
    this.send(this.framed ? frameClose() : streamFooter());
    await this.until("the server's closing tag", () => (this.streamEnded ? true : undefined), ms);
    await this.closedWithin(ms);
  }

  destroy(): void {
    this.socket?.destroy();
    this.ws?.terminate();
  }

  /** End the TCP connection after what was written (no closing tag): a stream cut off mid-way. */
  end(): void {
    this.socket?.end();
  }
}

function headerText(attrs: Attrs = {}): string {
  return streamHeader({ xmlns: NS.client, to: "localhost", version: "1.0", "xml:lang": "en", ...attrs });
}

function boundJid(reply: Element): string {
  const jid = reply.getChild("bind", NS.bind)?.getChildText("jid");
  expect(jid, reply.toString()).to.be.a("string");
  return jid!;
}

function stanzaErrorCondition(el: Element): string | undefined {
  return el
    .getChild("error")
    ?.getChildElements()
    .find((c) => c.getNS() === NS.stanzas && c.name !== "text")?.name;
}

function saslCondition(el: Element): string | undefined {
  expect(el.is("failure", NS.sasl), el.toString()).to.equal(true);
  return el.getChildElements().find((c) => c.name !== "text")?.name;
}

// ---- a stub stanza layer: the connection layer in isolation ----

interface StubLog {
  received: { session: BoundSession; stanza: Element }[];
  ended: BoundSession[];
}

/** IQ get/set to the server get an empty result; stanzas to a bound JID are delivered to it. */
function stubStanzaLayer(log: StubLog): (host: ServerHost) => StanzaLayer {
  return (host) => ({
    fromClient(session, stanza) {
      log.received.push({ session, stanza });
      const to = stanza.attrs.to;
      if (stanza.name === "iq" && (stanza.attrs.type === "get" || stanza.attrs.type === "set") && !to) {
        session.send(xml("iq", { type: "result", id: stanza.attrs.id, to: session.jid.toString() }));
        return;
      }
      if (!to) return;
      const bare = to.split("/")[0];
      for (const s of host.sessionsOf(bare)) if (s.jid.toString() === to || !to.includes("/")) s.send(stanza);
    },
    sessionEnded(session) {
      log.ended.push(session);
    },
    accountRemoved() {},
  });
}

async function startStub(
  opts: ReferenceServerOptions = {},
): Promise<{ server: ReferenceServer; log: StubLog }> {
  const log: StubLog = { received: [], ended: [] };
  const server = await ReferenceServer.start({ ...opts, stanzaLayer: stubStanzaLayer(log) });
  return { server, log };
}

let userCounter = 0;
function newUser(server: ReferenceServer): string {
  const name = `user${++userCounter}`;
  server.accounts.create(`${name}@localhost`, PASSWORD);
  return name;
}

/** A client through STARTTLS, SASL and binding. */
async function login(
  server: ReferenceServer,
  username: string,
  resource?: string,
): Promise<{ c: Raw; jid: string }> {
  const c = await Raw.tcp(server.endpoints.tcp.port);
  await c.open();
  await c.starttls(server.certificate.cert);
  await c.open();
  await c.authenticate(username);
  const jid = boundJid(await c.bind(resource));
  return { c, jid };
}

async function until(what: string, check: () => boolean, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

// ---- the tests ----

describe("reference server: connection layer", function () {
  this.timeout(30_000);
  let server: ReferenceServer;
  let log: StubLog;
  const clients: Raw[] = [];

  async function tcp(): Promise<Raw> {
    const c = await Raw.tcp(server.endpoints.tcp.port);
    clients.push(c);
    return c;
  }

  before(async () => {
    ({ server, log } = await startStub());
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await server.stop();
  });

  describe("start and stop", () => {
    it("starts well under a second, on loopback, with all three listeners", async () => {
      const t0 = performance.now();
      const s = await ReferenceServer.start();
      const ms = performance.now() - t0;
      try {
        expect(ms).to.be.below(1000);
        expect(s.endpoints.tcp.host).to.equal("127.0.0.1");
        expect(s.endpoints.tls?.port).to.be.a("number");
        expect(s.endpoints.ws?.url).to.match(/^ws:\/\/127\.0\.0\.1:\d+\/xmpp-websocket$/);
        expect(s.certificate.cert).to.contain("BEGIN CERTIFICATE");
        expect(s.faults.size).to.equal(0);
      } finally {
        await s.stop();
      }
    });

    it("refuses a non-loopback address", async () => {
      let err: Error | undefined;
      await ReferenceServer.start({ host: "0.0.0.0" }).catch((e) => (err = e));
      expect(err?.message).to.match(/loopback/);
    });

    it("refuses an unknown fault in one line that says how to list them", async () => {
      let err: Error | undefined;
      await ReferenceServer.start({ faults: ["no-such-fault"] }).catch((e) => (err = e));
      expect(err?.message)
        .to.match(/no-such-fault/)
        .and.match(/xmppspec faults/);
      expect(err?.message).to.not.contain("\n");
    });

    it("can turn TLS and WebSocket listeners off", async () => {
      const s = await ReferenceServer.start({ tlsPort: null, wsPort: null });
      expect(s.endpoints.tls).to.equal(undefined);
      expect(s.endpoints.ws).to.equal(undefined);
      await s.stop();
    });

    it("stop() closes every stream with <system-shutdown/> and ends bound sessions once", async () => {
      const { server: s, log: l } = await startStub();
      const user = newUser(s);
      const { c } = await login(s, user);
      const waiting = await Raw.tcp(s.endpoints.tcp.port);
      const web = await Raw.websocket(s.endpoints.ws!.url);
      await web.open();
      const handshaking = net.connect(s.endpoints.tls!.port, "127.0.0.1");
      await new Promise((resolve) => handshaking.once("connect", resolve));
      handshaking.on("error", () => {});
      const dropped = new Promise((resolve) => handshaking.once("close", resolve));
      const t0 = Date.now();
      await s.stop();
      expect(Date.now() - t0, "stop() is quick").to.be.below(1500);
      expect(await c.streamError()).to.equal("system-shutdown");
      expect(await web.streamError()).to.equal("system-shutdown");
      await waiting.closedWithin();
      await dropped; // a TLS handshake in progress is dropped too
      expect(l.ended).to.have.length(1);
      expect(s.connectionCount).to.equal(0);
    });
  });

  describe("stream header (RFC 6120 §4.7)", () => {
    it("answers with its own header: from, a fresh id, version 1.0, xml:lang, the namespaces", async () => {
      const c = await tcp();
      const h = await c.open();
      expect(h.name).to.equal("stream:stream");
      expect(h.attrs.from).to.equal("localhost");
      expect(h.attrs.id).to.be.a("string").with.length.above(15);
      expect(h.attrs.version).to.equal("1.0");
      expect(h.attrs["xml:lang"]).to.equal("en");
      expect(h.attrs.xmlns).to.equal(NS.client);
      expect(h.attrs["xmlns:stream"]).to.equal(NS.stream);
      expect(h.attrs.to, "no 'to' without the client's 'from' (§4.7.2)").to.equal(undefined);
    });

    it("answers 'to' with the bare JID of the client's 'from'", async () => {
      const c = await tcp();
      const h = await c.open({ from: "Juliet@localhost/balcony" });
      expect(h.attrs.to).to.equal("juliet@localhost");
    });

    it("serves every configured domain, answering from the one asked for", async () => {
      const c = await tcp();
      expect((await c.open({ to: "example.test" })).attrs.from).to.equal("example.test");
    });

    it("gives every stream a different id, across connections and restarts", async () => {
      const [a, b] = [await tcp(), await tcp()];
      const ids = [(await a.open()).attrs.id, (await b.open()).attrs.id];
      await a.starttls(server.certificate.cert);
      ids.push((await a.open()).attrs.id);
      expect(new Set(ids).size).to.equal(3);
    });

    it("accepts a header without content namespace (prefix-free canonicalization, §4.8.2)", async () => {
      const qualified = await tcp();
      await qualified.open({ xmlns: undefined });
      qualified.send("<message xmlns='jabber:client' to='a@localhost'/>");
      expect(await qualified.streamError(), "a stanza, before authentication").to.equal("not-authorized");
      const bare = await tcp();
      await bare.open({ xmlns: undefined });
      bare.send("<message to='a@localhost'/>");
      expect(await bare.streamError(), "in no namespace").to.equal("unsupported-stanza-type");
    });

    it("accepts a higher minor version and answers 1.0", async () => {
      const c = await tcp();
      expect((await c.open({ version: "1.5" })).attrs.version).to.equal("1.0");
    });

    it("ignores whitespace keep-alives between elements", async () => {
      const c = await tcp();
      await c.open();
      c.send("   \n\t  ");
      c.sendEl(xml("abort", { xmlns: NS.sasl }));
      expect(saslCondition(await c.next())).to.equal("aborted");
    });

    const headerErrors: [string, Attrs | string, string][] = [
      ["a wrong stream namespace", { "xmlns:stream": "http://wrong.example/" }, "invalid-namespace"],
      ["a wrong content namespace", { xmlns: "jabber:server" }, "invalid-namespace"],
      ["an unknown 'to'", { to: "unknown.example" }, "host-unknown"],
      ["no 'to' (§4.9.1.3)", { to: undefined }, "host-unknown"],
      ["version 2.0", { version: "2.0" }, "unsupported-version"],
      ["no version (XMPP 0.9)", { version: undefined }, "unsupported-version"],
      [
        "a prefix other than 'stream'",
        `<?xml version='1.0'?><foo:stream xmlns:foo='${NS.stream}' xmlns='jabber:client' to='localhost' version='1.0'>`,
        "bad-namespace-prefix",
      ],
      [
        "an unprefixed stream element",
        `<stream xmlns='${NS.stream}' to='localhost' version='1.0'>`,
        "bad-namespace-prefix",
      ],
      [
        "another namespace declared in the header (§4.8.5)",
        { "xmlns:foo": "urn:example" },
        "invalid-namespace",
      ],
    ];
    for (const [what, attrs, condition] of headerErrors) {
      it(`closes a stream whose header has ${what} with <${condition}/>, after its own header`, async () => {
        const c = await tcp();
        c.send(typeof attrs === "string" ? attrs : headerText(attrs));
        const error = c.streamError();
        expect(await error).to.equal(condition);
        expect(c.header?.name, "a response header first (§4.9.1.2)").to.equal("stream:stream");
        expect(c.header?.attrs.from).to.equal("localhost");
      });
    }

    it("answers an unsupported version with the lower version, 1.0, before the error", async () => {
      const c = await tcp();
      c.send(headerText({ version: "11.0" }));
      expect(await c.streamError()).to.equal("unsupported-version");
      expect(c.header?.attrs.version).to.equal("1.0");
    });

    it("answers a header without version without one (§4.7.5)", async () => {
      const c = await tcp();
      c.send(headerText({ version: undefined }));
      await c.streamError();
      expect(c.header?.attrs.version).to.equal(undefined);
    });
  });

  describe("stream errors for bad XML (RFC 6120 §4.9, §11)", () => {
    const open = headerText();
    const cases: [string, string | Buffer, string][] = [
      ["a comment", `${open}<!-- hi -->`, "restricted-xml"],
      ["a processing instruction", `${open}<?foo bar?>`, "restricted-xml"],
      ["a DTD", `<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]>${open.slice(21)}`, "restricted-xml"],
      ["an entity reference", `${open}<message>&foo;</message>`, "restricted-xml"],
      [
        "invalid UTF-8 (§4.9.3.22)",
        Buffer.concat([Buffer.from(open), Buffer.from([0xc3, 0x28])]),
        "unsupported-encoding",
      ],
      ["a character XML forbids", `${open}<message><body>\u0001</body></message>`, "not-well-formed"],
      ["mismatched tags", `${open}<message><body>x</message>`, "not-well-formed"],
      ["an undeclared prefix", `${open}<message><foo:body/></message>`, "not-well-formed"],
      [
        "an encoding other than UTF-8",
        open.replace("version='1.0'?>", "version='1.0' encoding='ISO-8859-1'?>"),
        "unsupported-encoding",
      ],
      ["a mid-stream XML declaration", `${open}<?xml version='1.0'?>`, "not-well-formed"],
      ["garbage before any header", "hello, world\r\n", "not-well-formed"],
      ["an unknown first-level element", `${open}<foo/>`, "unsupported-stanza-type"],
      [
        "a first-level element in an unknown namespace",
        `${open}<query xmlns='urn:example'/>`,
        "unsupported-stanza-type",
      ],
      [
        "a stanza before authentication",
        `${open}<message to='a@localhost'><body>x</body></message>`,
        "not-authorized",
      ],
      ["a prefixed stanza", `${open}<c:message xmlns:c='jabber:client'/>`, "bad-namespace-prefix"],
    ];
    for (const [what, bytes, condition] of cases) {
      it(`closes the stream on ${what} with <${condition}/>`, async () => {
        const c = await tcp();
        c.send(bytes);
        expect(await c.streamError()).to.equal(condition);
        expect(c.header, "the error comes inside a stream").to.not.equal(undefined);
      });
    }

    it("closes on a stanza over the size limit with <policy-violation/>", async () => {
      const { server: s } = await startStub({ maxStanzaBytes: 4096 });
      try {
        const c = await Raw.tcp(s.endpoints.tcp.port);
        await c.open();
        c.send(`<message><body>${"x".repeat(5000)}</body></message>`);
        expect(await c.streamError()).to.equal("policy-violation");
      } finally {
        await s.stop();
      }
    });

    it("closes on nesting deeper than the limit with <policy-violation/>", async () => {
      const c = await tcp();
      await c.open();
      c.send("<a>".repeat(500));
      expect(await c.streamError()).to.equal("policy-violation");
    });

    it("processes nothing after the offending data", async () => {
      const c = await tcp();
      await c.open();
      c.send("<!-- x --><auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGEAYg==</auth>");
      expect(await c.streamError()).to.equal("restricted-xml");
      expect(c.closed).to.equal(true);
    });

    it("answers </stream:stream> with its own and closes the connection (§4.4)", async () => {
      const c = await tcp();
      await c.open();
      await c.closeStream();
    });
  });

  describe("STARTTLS and direct TLS (RFC 6120 §5, XEP-0368)", () => {
    it("offers STARTTLS, mechanisms and registration before TLS", async () => {
      const c = await tcp();
      await c.open();
      const f = c.features!;
      expect(f.getChild("starttls", NS.tls)).to.not.equal(undefined);
      expect(f.getChild("starttls", NS.tls)?.getChild("required")).to.equal(undefined);
      expect(
        f
          .getChild("mechanisms", NS.sasl)
          ?.getChildren("mechanism")
          .map((m) => m.getText()),
      ).to.deep.equal(["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"]);
      expect(f.getChild("register", NS.registerFeature)).to.not.equal(undefined);
      expect(f.getChild("bind", NS.bind)).to.equal(undefined);
    });

    it("upgrades in place and sends fresh features without STARTTLS after the restart", async () => {
      const c = await tcp();
      await c.open();
      await c.starttls(server.certificate.cert);
      await c.open();
      expect(c.features?.getChild("starttls", NS.tls)).to.equal(undefined);
      expect(c.features?.getChild("mechanisms", NS.sasl)).to.not.equal(undefined);
    });

    it("answers STARTTLS after TLS with <failure/> and closes (§5.4.2.2)", async () => {
      const c = await tcp();
      await c.open();
      await c.starttls(server.certificate.cert);
      await c.open();
      c.sendEl(xml("starttls", { xmlns: NS.tls }));
      const el = await c.next();
      expect(el.is("failure", NS.tls)).to.equal(true);
      await c.closedWithin();
      expect(c.streamEnded).to.equal(true);
    });

    it("drops the connection without a closing tag when the TLS handshake fails (§5.4.3.2)", async () => {
      const c = await tcp();
      await c.open();
      c.sendEl(xml("starttls", { xmlns: NS.tls }));
      expect((await c.next()).is("proceed", NS.tls)).to.equal(true);
      c.send("this is not a TLS ClientHello\r\n\r\n");
      await c.closedWithin();
      expect(c.streamEnded).to.equal(false);
    });

    it("serves direct TLS with no STARTTLS on offer", async () => {
      const c = await Raw.directTls(server.endpoints.tls!.port, server.certificate.cert);
      clients.push(c);
      await c.open();
      expect(c.features?.getChild("starttls", NS.tls)).to.equal(undefined);
      await c.authenticate(newUser(server));
      expect(c.features?.getChild("bind", NS.bind)).to.not.equal(undefined);
    });

    describe("with TLS required", () => {
      let strict: ReferenceServer;
      before(async () => {
        ({ server: strict } = await startStub({ tls: "required" }));
      });
      after(() => strict.stop());

      it("offers only STARTTLS, flagged <required/>, before TLS", async () => {
        const c = await Raw.tcp(strict.endpoints.tcp.port);
        clients.push(c);
        await c.open();
        expect(c.features?.getChildElements().map((e) => e.name)).to.deep.equal(["starttls"]);
        expect(c.features?.getChild("starttls", NS.tls)?.getChild("required")).to.not.equal(undefined);
      });

      it("answers <auth/> before TLS with <encryption-required/>", async () => {
        const c = await Raw.tcp(strict.endpoints.tcp.port);
        clients.push(c);
        await c.open();
        c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "AGEAYg=="));
        expect(saslCondition(await c.next())).to.equal("encryption-required");
      });

      it("closes on registration before TLS with <not-authorized/>", async () => {
        const c = await Raw.tcp(strict.endpoints.tcp.port);
        clients.push(c);
        await c.open();
        c.sendEl(xml("iq", { type: "get", id: "r1" }, xml("query", { xmlns: NS.register })));
        expect(await c.streamError()).to.equal("not-authorized");
      });

      it("offers mechanisms after TLS", async () => {
        const c = await Raw.tcp(strict.endpoints.tcp.port);
        clients.push(c);
        await c.open();
        await c.starttls(strict.certificate.cert);
        await c.open();
        expect(c.features?.getChild("mechanisms", NS.sasl)).to.not.equal(undefined);
      });
    });
  });

  describe("SASL (RFC 6120 §6)", () => {
    async function secured(): Promise<Raw> {
      const c = await tcp();
      await c.open();
      await c.starttls(server.certificate.cert);
      await c.open();
      return c;
    }

    for (const mechanism of ["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"] as MechanismName[]) {
      it(`authenticates with ${mechanism}, then restarts into fresh features with <bind/> only`, async () => {
        const c = await secured();
        const user = newUser(server);
        const before = c.header!.attrs.id;
        const success = await c.sasl(mechanism, user, PASSWORD);
        expect(success.is("success", NS.sasl)).to.equal(true);
        if (mechanism !== "PLAIN")
          expect(success.getText(), "SCRAM server-final data").to.match(/^[A-Za-z0-9+/=]+$/);
        const h = await c.open();
        expect(h.attrs.id).to.not.equal(before);
        expect(c.features?.getChildElements().map((e) => e.name)).to.deep.equal(["bind"]);
      });
    }

    it("sends an empty challenge for PLAIN without an initial response", async () => {
      const c = await secured();
      const user = newUser(server);
      c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }));
      const challenge = await c.next();
      expect(challenge.is("challenge", NS.sasl)).to.equal(true);
      expect(challenge.getText()).to.equal("");
      c.sendEl(xml("response", { xmlns: NS.sasl }, Buffer.from(`\0${user}\0${PASSWORD}`).toString("base64")));
      expect((await c.next()).is("success", NS.sasl)).to.equal(true);
    });

    it("takes '=' as an empty initial response", async () => {
      const c = await secured();
      c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "="));
      expect(saslCondition(await c.next())).to.equal("malformed-request");
    });

    it("answers a wrong password with <not-authorized/> and lets the client retry", async () => {
      const c = await secured();
      const user = newUser(server);
      expect(saslCondition(await c.sasl("SCRAM-SHA-1", user, "wrong"))).to.equal("not-authorized");
      expect(saslCondition(await c.sasl("PLAIN", user, "wrong"))).to.equal("not-authorized");
      expect(saslCondition(await c.sasl("PLAIN", "nobody", "wrong"))).to.equal("not-authorized");
      expect((await c.sasl("PLAIN", user, PASSWORD)).is("success", NS.sasl)).to.equal(true);
    });

    it("closes with <policy-violation/> when the client exceeds the retries (§6.4.5)", async () => {
      const c = await secured();
      const user = newUser(server);
      for (let i = 0; i < 4; i++)
        expect(saslCondition(await c.sasl("PLAIN", user, "wrong"))).to.equal("not-authorized");
      c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "AGEAYg=="));
      expect(await c.streamError()).to.equal("policy-violation");
    });

    it("answers <abort/> with <aborted/>", async () => {
      const c = await secured();
      c.sendEl(
        xml(
          "auth",
          { xmlns: NS.sasl, mechanism: "SCRAM-SHA-256" },
          Buffer.from("n,,n=x,r=abc").toString("base64"),
        ),
      );
      expect((await c.next()).is("challenge", NS.sasl)).to.equal(true);
      c.sendEl(xml("abort", { xmlns: NS.sasl }));
      expect(saslCondition(await c.next())).to.equal("aborted");
    });

    const failures: [string, Element, string][] = [
      ["bad base64", xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "AGE!YmM="), "incorrect-encoding"],
      ["an unknown mechanism", xml("auth", { xmlns: NS.sasl, mechanism: "X-UNKNOWN" }), "invalid-mechanism"],
      ["no mechanism", xml("auth", { xmlns: NS.sasl }), "invalid-mechanism"],
      ["a <response/> out of the blue", xml("response", { xmlns: NS.sasl }, "AA=="), "malformed-request"],
    ];
    for (const [what, el, condition] of failures) {
      it(`answers ${what} with <${condition}/>`, async () => {
        const c = await secured();
        c.sendEl(el);
        expect(saslCondition(await c.next())).to.equal(condition);
      });
    }

    it("answers an authzid for another account with <invalid-authzid/>", async () => {
      const c = await secured();
      const user = newUser(server);
      expect(saslCondition(await c.sasl("PLAIN", user, PASSWORD, "someone@localhost"))).to.equal(
        "invalid-authzid",
      );
      expect((await c.sasl("PLAIN", user, PASSWORD, `${user}@localhost`)).is("success", NS.sasl)).to.equal(
        true,
      );
    });

    it("starts over when a new <auth/> arrives mid-handshake (§6.4.2)", async () => {
      const c = await secured();
      const user = newUser(server);
      c.sendEl(
        xml(
          "auth",
          { xmlns: NS.sasl, mechanism: "SCRAM-SHA-1" },
          Buffer.from(`n,,n=${user},r=abc`).toString("base64"),
        ),
      );
      expect((await c.next()).is("challenge", NS.sasl)).to.equal(true);
      expect((await c.sasl("PLAIN", user, PASSWORD)).is("success", NS.sasl)).to.equal(true);
    });

    it("fails SASL when a TLS-protected header's 'from' names another account (§6.4.6)", async () => {
      const user = newUser(server);
      const c = await tcp();
      await c.open();
      await c.starttls(server.certificate.cert);
      await c.open({ from: "someone-else@localhost" });
      expect(saslCondition(await c.sasl("PLAIN", user, PASSWORD))).to.equal("not-authorized");
      const d = await tcp();
      await d.open();
      await d.starttls(server.certificate.cert);
      await d.open({ from: `${user}@localhost` });
      expect((await d.sasl("PLAIN", user, PASSWORD)).is("success", NS.sasl)).to.equal(true);
    });

    it("closes a restarted stream that names another domain with <not-authorized/>", async () => {
      const c = await secured();
      expect((await c.sasl("PLAIN", newUser(server), PASSWORD)).is("success", NS.sasl)).to.equal(true);
      c.send(headerText({ to: "example.test" }));
      expect(await c.streamError()).to.equal("not-authorized");
    });

    it("closes on <auth/> after authentication with <not-authorized/>", async () => {
      const c = await secured();
      await c.authenticate(newUser(server));
      c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "AGEAYg=="));
      expect(await c.streamError()).to.equal("not-authorized");
    });

    it("accepts a pipelined stream header right after <success/>", async () => {
      const c = await secured();
      const user = newUser(server);
      const initial = Buffer.from(`\0${user}\0${PASSWORD}`).toString("base64");
      c.send(`<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${initial}</auth>${headerText()}`);
      expect((await c.next()).is("success", NS.sasl)).to.equal(true);
      await until("features with bind", () => c.features?.getChild("bind", NS.bind) !== undefined);
      expect(c.header?.attrs.from).to.equal("localhost");
    });
  });

  describe("resource binding (RFC 6120 §7)", () => {
    async function authed(user = newUser(server)): Promise<Raw> {
      const c = await tcp();
      await c.open();
      await c.starttls(server.certificate.cert);
      await c.open();
      await c.authenticate(user);
      return c;
    }

    it("binds the requested resource", async () => {
      const user = newUser(server);
      const c = await authed(user);
      expect(boundJid(await c.bind("Phone"))).to.equal(`${user}@localhost/Phone`);
    });

    it("generates a random resource when none is asked for", async () => {
      const c = await authed();
      const a = boundJid(await c.bind());
      const d = await authed();
      const b = boundJid(await d.bind());
      expect(a.split("/")[1]).to.have.length.above(8);
      expect(a.split("/")[1]).to.not.equal(b.split("/")[1]);
    });

    it("gives a second session asking for a bound resource another one, keeping the first (§7.7.2.2 #1)", async () => {
      const user = newUser(server);
      const a = await authed(user);
      expect(boundJid(await a.bind("desk"))).to.equal(`${user}@localhost/desk`);
      const b = await authed(user);
      const second = boundJid(await b.bind("desk"));
      expect(second).to.not.equal(`${user}@localhost/desk`);
      expect(second.startsWith(`${user}@localhost/`)).to.equal(true);
      expect(a.closed).to.equal(false);
      const ping = await a.iq(xml("iq", { type: "get", id: "p1" }, xml("ping", { xmlns: NS.ping })));
      expect(ping.attrs.type).to.equal("result");
    });

    it("answers an invalid resourcepart with <bad-request/> of type modify", async () => {
      const c = await authed();
      const reply = await c.bind("bad\u0085resource");
      expect(reply.attrs.type).to.equal("error");
      expect(reply.getChild("error")?.attrs.type).to.equal("modify");
      expect(stanzaErrorCondition(reply)).to.equal("bad-request");
      expect(boundJid(await c.bind("fine"))).to.match(/\/fine$/);
    });

    it("closes with <policy-violation/> after the bind retries (§7.7.3)", async () => {
      const c = await authed();
      for (let i = 0; i < 5; i++)
        expect(stanzaErrorCondition(await c.bind(BAD_RESOURCE))).to.equal("bad-request");
      c.sendEl(
        xml(
          "iq",
          { type: "set", id: "last" },
          xml("bind", { xmlns: NS.bind }, xml("resource", {}, BAD_RESOURCE)),
        ),
      );
      expect(stanzaErrorCondition(await c.next())).to.equal("bad-request");
      expect(await c.streamError()).to.equal("policy-violation");
    });

    it("closes on a stanza to another entity before binding with <not-authorized/> (§7.1)", async () => {
      const c = await authed();
      c.sendEl(xml("message", { to: "someone@localhost" }, xml("body", {}, "hi")));
      expect(await c.streamError()).to.equal("not-authorized");
    });

    it("answers an IQ to the server before binding with <unexpected-request/>", async () => {
      const c = await authed();
      const reply = await c.iq(xml("iq", { type: "get", id: "q1" }, xml("ping", { xmlns: NS.ping })));
      expect(stanzaErrorCondition(reply)).to.equal("unexpected-request");
    });

    it("ignores a message to the own account before binding (§7.1 allows it; there is no route yet)", async () => {
      const user = newUser(server);
      const c = await authed(user);
      c.sendEl(xml("message", { to: `${user}@localhost` }, xml("body", {}, "note to self")));
      const reply = await c.iq(xml("iq", { type: "get", id: "barrier" }, xml("ping", { xmlns: NS.ping })));
      expect(stanzaErrorCondition(reply)).to.equal("unexpected-request");
    });

    it("answers a second bind with <not-allowed/>", async () => {
      const c = await authed();
      await c.bind();
      const reply = await c.bind("again");
      expect(stanzaErrorCondition(reply)).to.equal("not-allowed");
    });
  });

  describe("stanzas after binding (RFC 6120 §8.1.2.1)", () => {
    it("stamps 'from' with the sender's full JID", async () => {
      const [a, b] = [newUser(server), newUser(server)];
      const { c: ca, jid: ja } = await login(server, a);
      const { c: cb, jid: jb } = await login(server, b);
      clients.push(ca, cb);
      ca.sendEl(xml("message", { to: jb, id: "m1" }, xml("body", {}, "hello")));
      const got = await cb.next();
      expect(got.attrs.from).to.equal(ja);
      expect(got.getChildText("body")).to.equal("hello");
    });

    it("accepts the sender's own full or bare JID as 'from' and stamps the full JID", async () => {
      const [a, b] = [newUser(server), newUser(server)];
      const { c: ca, jid: ja } = await login(server, a);
      const { c: cb, jid: jb } = await login(server, b);
      clients.push(ca, cb);
      ca.sendEl(xml("message", { to: jb, from: `${a}@localhost` }, xml("body", {}, "1")));
      ca.sendEl(xml("message", { to: jb, from: ja }, xml("body", {}, "2")));
      expect((await cb.next()).attrs.from).to.equal(ja);
      expect((await cb.next()).attrs.from).to.equal(ja);
    });

    it("adds the stream's xml:lang to stanzas without one, and keeps theirs (§4.7.4)", async () => {
      const [a, b] = [newUser(server), newUser(server)];
      const ca = await tcp();
      await ca.open();
      await ca.starttls(server.certificate.cert);
      await ca.open();
      expect((await ca.sasl("PLAIN", a, PASSWORD)).is("success", NS.sasl)).to.equal(true);
      await ca.open({ "xml:lang": "de" });
      await ca.bind();
      const { c: cb, jid: jb } = await login(server, b);
      clients.push(cb);
      ca.sendEl(xml("message", { to: jb }, xml("body", {}, "Hallo")));
      ca.sendEl(xml("message", { to: jb, "xml:lang": "fr" }, xml("body", {}, "Salut")));
      expect((await cb.next()).attrs["xml:lang"]).to.equal("de");
      expect((await cb.next()).attrs["xml:lang"]).to.equal("fr");
    });

    it("closes on a forged 'from' with <invalid-from/> and routes nothing", async () => {
      const [a, b] = [newUser(server), newUser(server)];
      const { c: ca } = await login(server, a);
      const { c: cb, jid: jb } = await login(server, b);
      clients.push(ca, cb);
      const before = log.received.length;
      ca.sendEl(xml("message", { to: jb, from: `${b}@localhost/x` }, xml("body", {}, "forged")));
      expect(await ca.streamError()).to.equal("invalid-from");
      expect(log.received.length).to.equal(before);
    });

    it("closes on stanzas in 'jabber:server' with <invalid-namespace/> (§4.8.3)", async () => {
      const { c } = await login(server, newUser(server));
      clients.push(c);
      c.send("<message xmlns='jabber:server' to='a@localhost'/>");
      expect(await c.streamError()).to.equal("invalid-namespace");
    });

    it("closes on an unknown first-level element with <unsupported-stanza-type/>", async () => {
      const { c } = await login(server, newUser(server));
      clients.push(c);
      c.send("<foo/>");
      expect(await c.streamError()).to.equal("unsupported-stanza-type");
    });

    it("closes on an unexpected stream header with <unsupported-stanza-type/>", async () => {
      const { c } = await login(server, newUser(server));
      clients.push(c);
      c.send(`${headerText().slice(21)}</stream:stream>`);
      expect(await c.streamError()).to.equal("unsupported-stanza-type");
    });

    it("tells the stanza layer once of each session's end: clean close, drop, stream error", async () => {
      const ended = () => log.ended.map((s) => s.jid.toString());
      const { c: clean, jid: j1 } = await login(server, newUser(server));
      await clean.closeStream();
      const { c: dropped, jid: j2 } = await login(server, newUser(server));
      dropped.destroy();
      const { c: failed, jid: j3 } = await login(server, newUser(server));
      failed.send("<oops>");
      failed.send("</nope>");
      await failed.streamError();
      await until("three ends", () => [j1, j2, j3].every((j) => ended().includes(j)));
      await new Promise((r) => setTimeout(r, 50));
      for (const j of [j1, j2, j3])
        expect(
          ended().filter((e) => e === j),
          j,
        ).to.have.length(1);
    });
  });

  describe("in-band registration before authentication (XEP-0077)", () => {
    it("offers the form and creates the account, which can then log in", async () => {
      const c = await tcp();
      await c.open();
      const form = await c.iq(xml("iq", { type: "get", id: "g" }, xml("query", { xmlns: NS.register })));
      const q = form.getChild("query", NS.register)!;
      expect(q.getChild("username")).to.not.equal(undefined);
      expect(q.getChild("password")).to.not.equal(undefined);
      expect(q.getChildText("instructions")).to.be.a("string");
      const name = `reg${Date.now()}`;
      const set = (id: string, fields: Element[]) =>
        c.iq(xml("iq", { type: "set", id }, xml("query", { xmlns: NS.register }, ...fields)));
      const created = await set("s1", [xml("username", {}, name), xml("password", {}, "pw")]);
      expect(created.attrs.type).to.equal("result");
      expect(server.accounts.password(`${name}@localhost`)).to.equal("pw");
      const again = await set("s2", [xml("username", {}, name), xml("password", {}, "pw")]);
      expect(stanzaErrorCondition(again)).to.equal("conflict");
      const missing = await set("s3", [xml("username", {}, `${name}x`)]);
      expect(stanzaErrorCondition(missing)).to.equal("not-acceptable");
      expect((await c.sasl("PLAIN", name, "pw")).is("success", NS.sasl)).to.equal(true);
    });

    it("neither offers nor serves registration when it is off", async () => {
      const { server: s } = await startStub({ registration: false });
      try {
        const c = await Raw.tcp(s.endpoints.tcp.port);
        await c.open();
        expect(c.features?.getChild("register", NS.registerFeature)).to.equal(undefined);
        const reply = await c.iq(xml("iq", { type: "get", id: "g" }, xml("query", { xmlns: NS.register })));
        expect(stanzaErrorCondition(reply)).to.equal("service-unavailable");
      } finally {
        await s.stop();
      }
    });
  });

  describe("WebSocket (RFC 7395)", () => {
    async function ws(): Promise<Raw> {
      const c = await Raw.websocket(server.endpoints.ws!.url);
      clients.push(c);
      return c;
    }

    it("opens with <open/>, offers no STARTTLS, and negotiates SASL and binding in frames", async () => {
      const c = await ws();
      const h = await c.open();
      expect(h.is("open", NS.framing)).to.equal(true);
      expect(h.attrs.from).to.equal("localhost");
      expect(h.attrs.id).to.be.a("string");
      expect(h.attrs.version).to.equal("1.0");
      expect(c.features?.attrs["xmlns:stream"], "self-contained frame").to.equal(NS.stream);
      expect(c.features?.getChild("starttls", NS.tls)).to.equal(undefined);
      const user = newUser(server);
      await c.authenticate(user);
      const bound = await c.bind("web");
      expect(bound.attrs.xmlns, "the bind result frame declares its namespace").to.equal(NS.client);
      expect(boundJid(bound)).to.equal(`${user}@localhost/web`);
      const pong = await c.iq(
        xml("iq", { type: "get", id: "p", xmlns: NS.client }, xml("ping", { xmlns: NS.ping })),
      );
      expect(pong.attrs.xmlns, "every frame declares its namespace").to.equal(NS.client);
      await c.closeStream();
    });

    it("refuses an upgrade without the xmpp subprotocol", async () => {
      let err: Error | undefined;
      await Raw.websocket(server.endpoints.ws!.url, "chat").catch((e) => (err = e));
      expect(err?.message).to.match(/400/);
    });

    it("sends <open/> and then the error, in frames of their own, for a bad header", async () => {
      const c = await ws();
      c.send(frameOpen({ to: "unknown.example", version: "1.0" }));
      expect(await c.streamError()).to.equal("host-unknown");
      expect(c.header?.is("open", NS.framing)).to.equal(true);
    });

    it("closes on a first frame that is not <open/> in the framing namespace with <invalid-namespace/>", async () => {
      const c = await ws();
      c.send(`<open xmlns='${NS.stream}' to='localhost' version='1.0'/>`);
      expect(await c.streamError()).to.equal("invalid-namespace");
    });

    it("closes on a binary message with <bad-format/>", async () => {
      const c = await ws();
      await c.open();
      c.send(Buffer.from("<abort xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"));
      expect(await c.streamError()).to.equal("bad-format");
    });
  });

  describe("with the reference stanza layer", () => {
    it("routes a message and answers a ping", async () => {
      const s = await ReferenceServer.start();
      try {
        const [a, b] = [newUser(s), newUser(s)];
        const { c: ca, jid: ja } = await login(s, a);
        const { c: cb, jid: jb } = await login(s, b);
        const pong = await ca.iq(
          xml("iq", { type: "get", id: "p", to: "localhost" }, xml("ping", { xmlns: NS.ping })),
        );
        expect(pong.attrs.type).to.equal("result");
        cb.sendEl(xml("presence"));
        ca.sendEl(xml("message", { to: jb, type: "chat" }, xml("body", {}, "hi")));
        let got: Element;
        do got = await cb.next();
        while (got.name !== "message");
        expect(got.attrs.from).to.equal(ja);
        await ca.closeStream();
        await cb.closeStream();
      } finally {
        await s.stop();
      }
    });
  });

  describe("robustness: bad clients do not hurt good ones", function () {
    this.timeout(60_000);

    async function goodClientWorks(s: ReferenceServer): Promise<void> {
      const { c } = await login(s, newUser(s));
      const pong = await c.iq(xml("iq", { type: "get", id: "alive" }, xml("ping", { xmlns: NS.ping })));
      expect(pong.attrs.type).to.equal("result");
      await c.closeStream();
    }

    it("survives garbage, a 10 MB stanza, 100k-deep nesting and a billion laughs", async () => {
      const bad: Promise<string>[] = [];
      const garbage = await tcp();
      garbage.send(
        Buffer.concat([
          Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
          Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
        ]),
      );
      bad.push(garbage.streamError());
      const huge = await tcp();
      await huge.open();
      huge.send(`<message><body>${"A".repeat(10 * 1024 * 1024)}</body></message>`);
      bad.push(huge.streamError());
      const deep = await tcp();
      await deep.open();
      deep.send("<a>".repeat(100_000));
      bad.push(deep.streamError());
      const laughs = await tcp();
      laughs.send(
        `<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
          { length: 9 },
          (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`,
        ).join("")}]>${headerText().slice(21)}<message>&lol9;</message>`,
      );
      bad.push(laughs.streamError());
      expect(await Promise.all(bad)).to.deep.equal([
        "not-well-formed",
        "policy-violation",
        "policy-violation",
        "restricted-xml",
      ]);
      await goodClientWorks(server);
    });

    it("serves 200 simultaneous connections and still a good client", async () => {
      const many = await Promise.all(Array.from({ length: 200 }, () => tcp()));
      const headers = await Promise.all(many.map((c) => c.open()));
      expect(new Set(headers.map((h) => h.attrs.id)).size).to.equal(200);
      await goodClientWorks(server);
      for (const c of many) c.destroy();
    });

    it("refuses connections over the limit with <resource-constraint/>", async () => {
      const { server: s } = await startStub({ maxConnections: 3 });
      try {
        const held = await Promise.all([0, 1, 2].map(() => Raw.tcp(s.endpoints.tcp.port)));
        await until("three connections", () => s.connectionCount === 3);
        const extra = await Raw.tcp(s.endpoints.tcp.port);
        expect(await extra.streamError()).to.equal("resource-constraint");
        for (const c of held) c.destroy();
        await until("room again", () => s.connectionCount === 0);
        await goodClientWorks(s);
      } finally {
        await s.stop();
      }
    });

    it("closes a client that says too much before authenticating with <policy-violation/>", async () => {
      const c = await tcp();
      await c.open();
      for (let i = 0; i < 210; i++) c.sendEl(xml("abort", { xmlns: NS.sasl }));
      let el: Element;
      do el = await c.next();
      while (el.is("failure", NS.sasl));
      expect(el.is("error", NS.stream)).to.equal(true);
      expect(el.getChild("policy-violation", NS.streams)).to.not.equal(undefined);
    });
  });
});

// ---- named faults: each one visibly breaks its rule, which the clean server keeps ----

type Probe = (s: ReferenceServer) => Promise<boolean>;

async function opened(s: ReferenceServer, attrs: Attrs = {}): Promise<Raw> {
  const c = await Raw.tcp(s.endpoints.tcp.port);
  await c.open(attrs);
  return c;
}

async function securedOn(s: ReferenceServer): Promise<Raw> {
  const c = await opened(s);
  await c.starttls(s.certificate.cert);
  await c.open();
  return c;
}

/** The condition of the stream error a header with these attributes gets, or "" when features come. */
async function headerCondition(s: ReferenceServer, attrs: Attrs): Promise<string> {
  const c = await Raw.tcp(s.endpoints.tcp.port);
  c.send(headerText(attrs));
  const el = await c.featuresOrNext();
  c.destroy();
  return el.is("error", NS.stream) ? (el.getChildElements()[0]?.name ?? "") : "";
}

const ABORT = xml("abort", { xmlns: NS.sasl });
const PING = xml("iq", { type: "get", id: "barrier" }, xml("ping", { xmlns: NS.ping }));

/**
 * Send `data`, then a `barrier` the server answers (RFC 6120 §10.1: in order): the condition of the stream
 * error `data` caused, or "" when the barrier's answer (or any other answer) comes first.
 */
async function streamErrorAfter(c: Raw, data: string, barrier: Element): Promise<string> {
  c.send(data);
  c.sendEl(barrier);
  const el = await c.next();
  c.destroy();
  return el.is("error", NS.stream) ? (el.getChildElements()[0]?.name ?? "") : "";
}

/** The TLS version and cipher suite STARTTLS negotiates with a default Node client. */
async function startTlsParameters(s: ReferenceServer): Promise<{ protocol: string; cipher: string }> {
  const socket = net.connect(s.endpoints.tcp.port, "127.0.0.1");
  let text = "";
  let asked = false;
  await new Promise<void>((resolve, reject) => {
    socket.on("error", reject);
    socket.on("data", (d: Buffer) => {
      text += d.toString();
      if (!asked && text.includes("</stream:features>")) {
        asked = true;
        socket.write(xml("starttls", { xmlns: NS.tls }).toString());
      }
      if (/<proceed[^>]*>/.test(text)) resolve();
    });
    socket.write(headerText());
  });
  socket.removeAllListeners("data");
  const secured = tls.connect({ socket, ca: s.certificate.cert, servername: "localhost" });
  try {
    await new Promise<void>((resolve, reject) =>
      secured.once("secureConnect", resolve).once("error", reject),
    );
    return { protocol: secured.getProtocol() ?? "", cipher: secured.getCipher().name };
  } finally {
    secured.destroy();
  }
}

/** What the server sends after <proceed/> when bytes that are not a ClientHello follow, until it closes. */
async function afterFailedTlsHandshake(s: ReferenceServer): Promise<string> {
  const socket = net.connect(s.endpoints.tcp.port, "127.0.0.1");
  let text = "";
  let from = -1;
  await new Promise<void>((resolve) => {
    socket.on("error", () => resolve());
    socket.on("close", () => resolve());
    socket.on("data", (d: Buffer) => {
      text += d.toString("latin1");
      if (from < 0 && text.includes("</stream:features>")) {
        from = text.length;
        socket.write(xml("starttls", { xmlns: NS.tls }).toString());
      } else if (from >= 0 && /<proceed[^>]*>/.test(text.slice(from)) && !text.includes("ZZ-sent")) {
        text += "ZZ-sent";
        socket.write("ZZZZ not a ClientHello\r\n\r\n");
      }
    });
    socket.write(headerText());
  });
  socket.destroy();
  return text.slice(text.indexOf("ZZ-sent"));
}

/** The plaintext the server sends from our <starttls/> to the end of its <proceed/> (RFC 6120 §5.3.3 window). */
async function plaintextUpToProceed(s: ReferenceServer): Promise<string> {
  const socket = net.connect(s.endpoints.tcp.port, "127.0.0.1");
  let text = "";
  let from = -1;
  try {
    await new Promise<void>((resolve, reject) => {
      socket.on("error", reject);
      socket.on("data", (d: Buffer) => {
        text += d.toString();
        if (from < 0 && text.includes("</stream:features>")) {
          from = text.length;
          socket.write(xml("starttls", { xmlns: NS.tls }).toString());
        } else if (from >= 0 && /<proceed[^>]*>/.test(text.slice(from))) resolve();
      });
      socket.write(headerText());
    });
  } finally {
    socket.destroy();
  }
  return text.slice(from);
}

const PROBES: Record<string, { opts?: ReferenceServerOptions; holds: Probe }> = {
  "same-stream-id": {
    holds: async (s) => {
      const [a, b] = [await opened(s), await opened(s)];
      return a.header!.attrs.id !== b.header!.attrs.id;
    },
  },
  "restart-keeps-stream-id": {
    holds: async (s) => {
      const c = await opened(s);
      const first = c.header!.attrs.id;
      await c.starttls(s.certificate.cert);
      return (await c.open()).attrs.id !== first;
    },
  },
  "no-stream-id": { holds: async (s) => (await opened(s)).header!.attrs.id !== undefined },
  "no-stream-from": { holds: async (s) => (await opened(s)).header!.attrs.from === "localhost" },
  "accept-host-unknown": {
    holds: async (s) => (await headerCondition(s, { to: "elsewhere.example" })) === "host-unknown",
  },
  "stream-to-without-from": { holds: async (s) => (await opened(s)).header!.attrs.to === undefined },
  "no-stream-lang": { holds: async (s) => (await opened(s)).header!.attrs["xml:lang"] === "en" },
  "route-other-namespaces": {
    holds: async (s) => {
      const { c: a } = await login(s, newUser(s));
      const { c: b, jid: jb } = await login(s, newUser(s));
      a.sendEl(xml("thing", { xmlns: "urn:example:other", to: jb }));
      a.sendEl(xml("iq", { type: "get", id: "after" }, xml("ping", { xmlns: NS.ping })));
      await a.next(); // the stream error (clean) or the ping's answer: the <thing/> has been handled
      b.sendEl(xml("iq", { type: "get", id: "b1" }, xml("ping", { xmlns: NS.ping })));
      return (await b.next()).name === "iq";
    },
  },
  "stamp-server-lang": {
    holds: async (s) => {
      const { c: b, jid: jb } = await login(s, newUser(s));
      // a client whose streams say xml:lang='de' (the SASL restart included): its stanzas default to German
      const a = await opened(s, { "xml:lang": "de" });
      await a.starttls(s.certificate.cert);
      await a.open({ "xml:lang": "de" });
      await a.sasl("SCRAM-SHA-256", newUser(s), PASSWORD);
      await a.open({ "xml:lang": "de" });
      await a.bind();
      a.sendEl(xml("message", { to: jb }, xml("body", {}, "hallo")));
      return (await b.next())?.attrs["xml:lang"] === "de";
    },
  },
  "version-0": { holds: async (s) => (await opened(s)).header!.attrs.version === "1.0" },
  "echo-version": {
    holds: async (s) => (await headerCondition(s, { version: "2.0" })) === "unsupported-version",
  },
  "accept-bad-stream-namespace": {
    holds: async (s) => (await headerCondition(s, { "xmlns:stream": "urn:wrong" })) === "invalid-namespace",
  },
  "wrong-stream-error": {
    holds: async (s) => (await streamErrorAfter(await opened(s), "<a></b>", ABORT)) === "not-well-formed",
  },
  "pass-restricted-xml": {
    holds: async (s) => (await streamErrorAfter(await opened(s), "<!-- c -->", ABORT)) === "restricted-xml",
  },
  "standalone-drops-connection": {
    holds: async (s) => {
      const c = await Raw.tcp(s.endpoints.tcp.port);
      c.send(headerText().replace("<?xml version='1.0'?>", "<?xml version='1.0' standalone='no'?>"));
      const got = await c.featuresOrNext().then(
        (el) => el.is("features", NS.stream),
        () => false,
      );
      c.destroy();
      return got;
    },
  },
  "latin1-output": {
    holds: async (s) => {
      const { c: a } = await login(s, newUser(s));
      const { c: b, jid: jb } = await login(s, newUser(s));
      a.sendEl(xml("message", { to: jb }, xml("body", {}, "caf\u00e9")));
      // under the fault the é arrives as the single byte E9: not UTF-8, so nothing parses
      return b.next(1000).then(
        (m) => m.getChildText("body") === "caf\u00e9",
        () => false,
      );
    },
  },
  "standalone-in-declaration": {
    holds: async (s) => {
      const socket = net.connect(s.endpoints.tcp.port, "127.0.0.1");
      socket.write(headerText());
      const [first] = (await once(socket, "data")) as [Buffer];
      socket.destroy();
      return first.toString().startsWith("<?xml") && !first.toString().includes("standalone");
    },
  },
  "sequential-stream-id": {
    holds: async (s) => {
      const [a, b] = [await opened(s), await opened(s)];
      return !/\d+$/.test(a.header!.attrs.id) || !/\d+$/.test(b.header!.attrs.id);
    },
  },
  "small-stanza-limit": {
    holds: async (s) => {
      const { c: a } = await login(s, newUser(s));
      const { c: b, jid: jb } = await login(s, newUser(s));
      a.sendEl(xml("message", { to: jb }, xml("body", {}, "x".repeat(9000))));
      // delivered to b (the rule kept), or a stream error for a (the fault) comes first
      const first = await Promise.race([
        b.next().then(
          () => "delivered",
          () => "none",
        ),
        a.next().then(
          () => "refused",
          () => "none",
        ),
      ]);
      return first === "delivered";
    },
  },
  "stream-error-no-close": {
    holds: async (s) => {
      const c = await opened(s);
      c.send("<foo/>");
      await c.next();
      return c.closedWithin(1500).then(
        () => c.streamEnded,
        () => false,
      );
    },
  },
  "no-error-header": {
    holds: async (s) => {
      const c = await Raw.tcp(s.endpoints.tcp.port);
      c.send(headerText({ to: "elsewhere.example" }));
      await c.closedWithin();
      return c.header?.name === "stream:stream";
    },
  },
  "no-close-reply": {
    holds: async (s) => {
      const c = await opened(s);
      return c.closeStream(1500).then(
        () => true,
        () => false,
      );
    },
  },
  "no-features-after-tls": {
    holds: async (s) => (await securedOn(s)).features?.getChild("starttls", NS.tls) === undefined,
  },
  "stale-features-after-sasl": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      return c.features?.getChild("bind", NS.bind) !== undefined;
    },
  },
  "no-stream-features": {
    // <starttls/> right after the header: whatever features there are come before its answer
    holds: async (s) => {
      const c = await Raw.tcp(s.endpoints.tcp.port);
      await c.open({}, false);
      c.send(xml("starttls", { xmlns: NS.tls }).toString());
      return (c.features ?? (await c.next())).is("features", NS.stream);
    },
  },
  "starttls-always-fails": {
    holds: async (s) => {
      const c = await opened(s);
      c.send(xml("starttls", { xmlns: NS.tls }).toString());
      return (await c.next()).name === "proceed";
    },
  },
  "no-starttls-feature": {
    holds: async (s) => (await opened(s)).features?.getChild("starttls", NS.tls) !== undefined,
  },
  "no-tls-required-flag": {
    opts: { tls: "required" },
    holds: async (s) =>
      (await opened(s)).features?.getChild("starttls", NS.tls)?.getChild("required") !== undefined,
  },
  "mechanisms-before-required-tls": {
    opts: { tls: "required" },
    holds: async (s) => (await opened(s)).features?.getChild("mechanisms", NS.sasl) === undefined,
  },
  "bind-before-auth": {
    holds: async (s) => (await opened(s)).features?.getChild("bind", NS.bind) === undefined,
  },
  "ws-advertises-starttls": {
    holds: async (s) => {
      const c = await Raw.websocket(s.endpoints.ws!.url);
      await c.open();
      c.destroy();
      return c.features?.getChild("starttls", NS.tls) === undefined;
    },
  },
  "allow-stanza-before-auth": {
    holds: async (s) =>
      (await streamErrorAfter(
        await opened(s),
        "<iq type='get' id='x'><ping xmlns='urn:xmpp:ping'/></iq>",
        ABORT,
      )) === "not-authorized",
  },
  "accept-bad-password": {
    holds: async (s) =>
      !(await (await securedOn(s)).sasl("PLAIN", newUser(s), "wrong")).is("success", NS.sasl),
  },
  "accept-bad-base64": {
    holds: async (s) => {
      const c = await securedOn(s);
      c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "AG Fs aWNl AHB3"));
      return saslCondition(await c.next()) === "incorrect-encoding";
    },
  },
  "no-aborted": {
    holds: async (s) => {
      const c = await securedOn(s);
      c.sendEl(xml("abort", { xmlns: NS.sasl }));
      return saslCondition(await c.next()) === "aborted";
    },
  },
  "sasl-no-retry": {
    holds: async (s) => {
      const c = await securedOn(s);
      const user = newUser(s);
      await c.sasl("PLAIN", user, "wrong");
      return (await c.sasl("PLAIN", user, PASSWORD).catch(() => undefined))?.is("success", NS.sasl) === true;
    },
  },
  "sasl-unlimited-retries": {
    holds: async (s) => {
      const c = await securedOn(s);
      for (let i = 0; i < 6; i++) {
        const el = await c.sasl("PLAIN", "nobody", "wrong").catch(() => undefined);
        if (!el || el.is("error", NS.stream)) return true;
      }
      return false;
    },
  },
  "sasl-ignore-new-auth": {
    holds: async (s) => {
      const c = await securedOn(s);
      const user = newUser(s);
      c.sendEl(
        xml(
          "auth",
          { xmlns: NS.sasl, mechanism: "SCRAM-SHA-1" },
          Buffer.from(`n,,n=${user},r=a`).toString("base64"),
        ),
      );
      await c.next();
      return (await c.sasl("PLAIN", user, PASSWORD)).is("success", NS.sasl);
    },
  },
  "allow-stanza-before-bind": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      return (
        (await streamErrorAfter(c, "<message to='other@localhost'><body>x</body></message>", PING)) ===
        "not-authorized"
      );
    },
  },
  "bind-ignores-resource": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      return boundJid(await c.bind("chosen")).endsWith("/chosen");
    },
  },
  "bind-duplicate-resource": {
    holds: async (s) => {
      const user = newUser(s);
      const jids = await Promise.all(
        [0, 1].map(async () => {
          const c = await securedOn(s);
          await c.authenticate(user);
          return boundJid(await c.bind("same"));
        }),
      );
      return jids[0] !== jids[1];
    },
  },
  "bind-unlimited-retries": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      for (let i = 0; i < 7; i++) {
        c.sendEl(
          xml(
            "iq",
            { type: "set", id: `r${i}` },
            xml("bind", { xmlns: NS.bind }, xml("resource", {}, BAD_RESOURCE)),
          ),
        );
        const el = await c.next().catch(() => undefined);
        if (!el || el.is("error", NS.stream)) return true;
      }
      return false;
    },
  },
  "no-from-stamp": {
    holds: async (s) => {
      const { c: a, jid: ja } = await login(s, newUser(s));
      const { c: b, jid: jb } = await login(s, newUser(s));
      a.sendEl(xml("message", { to: jb }, xml("body", {}, "x")));
      const got = await b.next();
      return got.attrs.from === ja;
    },
  },
  "allow-spoofed-from": {
    holds: async (s) => {
      const { c: a } = await login(s, newUser(s));
      const { jid: jb } = await login(s, newUser(s));
      return (
        (await streamErrorAfter(a, serialize(xml("message", { to: jb, from: "evil@localhost/x" })), PING)) ===
        "invalid-from"
      );
    },
  },
  "wrong-content-namespace": { holds: async (s) => (await opened(s)).header!.attrs.xmlns === NS.client },
  "reject-whitespace-keepalive": {
    holds: async (s) => {
      const { c } = await login(s, newUser(s));
      return (await streamErrorAfter(c, " \n\t ", PING)) === "";
    },
  },
  "oversize-wrong-condition": {
    holds: async (s) => {
      const c = await opened(s);
      return (
        (await streamErrorAfter(c, `<message><body>${"x".repeat(5000)}</body></message>`, ABORT)) ===
        "policy-violation"
      );
    },
    opts: { maxStanzaBytes: 4096 },
  },
  "unknown-element-drops-connection": {
    holds: async (s) => {
      const { c } = await login(s, newUser(s));
      const condition = await streamErrorAfter(c, "<frobnicate/>", PING).catch(() => "(dropped)");
      return condition === "unsupported-stanza-type";
    },
  },
  "no-mechanisms-after-tls": {
    holds: async (s) => (await securedOn(s)).features?.getChild("mechanisms", NS.sasl) !== undefined,
  },
  "sasl-failure-no-condition": {
    holds: async (s) => {
      const c = await securedOn(s);
      const el = await c.sasl("PLAIN", newUser(s), "wrong");
      return el.is("failure", NS.sasl) && el.getChild("not-authorized") !== undefined;
    },
  },
  "partial-stanza-processed": {
    holds: async (s) => {
      const { c: b, jid: jb } = await login(s, newUser(s));
      const { c: a } = await login(s, newUser(s));
      const n = s.connectionCount;
      a.send(`<message to='${jb}' id='half'><body>hal`);
      a.end();
      await until("the cut-off connection to be gone", () => s.connectionCount < n);
      b.sendEl(PING);
      return (await b.next()).name === "iq";
    },
  },
  "route-stanza-before-bind": {
    holds: async (s) => {
      const { c: b, jid: jb } = await login(s, newUser(s));
      const a = await securedOn(s);
      await a.authenticate(newUser(s));
      a.sendEl(xml("message", { to: jb, id: "early" }, xml("body", {}, "x")));
      // Either the stream error or the answer to this IQ (to the server, allowed before binding) comes back.
      await streamErrorAfter(a, "", PING);
      b.sendEl(PING);
      return (await b.next()).name === "iq";
    },
  },
  "bind-domain-jid": {
    holds: async (s) => {
      const c = await securedOn(s);
      const name = newUser(s);
      await c.authenticate(name);
      return boundJid(await c.bind()).startsWith(`${name}@localhost/`);
    },
  },
  "bind-bare-jid": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      return boundJid(await c.bind()).includes("/");
    },
  },
  "bind-echoes-resource": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      const reply = await c.bind("");
      return reply.attrs.type === "error" || /\/./.test(boundJid(reply));
    },
  },
  "accept-jabber-server-stanzas": {
    holds: async (s) => {
      const { c } = await login(s, newUser(s));
      return (
        (await streamErrorAfter(c, "<message xmlns='jabber:server' to='x@localhost'/>", PING)) ===
        "invalid-namespace"
      );
    },
  },
  "stream-to-ignores-from": {
    holds: async (s) =>
      (await opened(s, { from: "someone@localhost/r" })).header!.attrs.to === "someone@localhost",
  },
  "close-before-sasl-restart": {
    holds: async (s) => {
      const c = await securedOn(s);
      return c.authenticate(newUser(s)).then(
        () => !c.streamEnded,
        () => false,
      );
    },
  },
  "accept-header-namespaces": {
    holds: async (s) => (await headerCondition(s, { "xmlns:ping": NS.ping })) === "invalid-namespace",
  },
  "accept-prefixed-stanzas": {
    holds: async (s) => {
      const { c } = await login(s, newUser(s));
      return (
        (await streamErrorAfter(c, "<c:message xmlns:c='jabber:client' to='x@localhost'/>", PING)) ===
        "bad-namespace-prefix"
      );
    },
  },
  "echo-client-stream-id": {
    holds: async (s) => (await opened(s, { id: "mine" })).header!.attrs.id !== "mine",
  },
  "echo-stream-lang": {
    holds: async (s) => (await opened(s, { "xml:lang": "x-unknown" })).header!.attrs["xml:lang"] === "en",
  },
  "version-without-offer": {
    holds: async (s) => {
      const c = await Raw.tcp(s.endpoints.tcp.port);
      c.send(headerText({ version: undefined }));
      await c.featuresOrNext();
      c.destroy();
      return c.header?.attrs.version === undefined;
    },
  },
  "strict-version-string": {
    holds: async (s) => (await headerCondition(s, { version: "1.00" })) === "",
  },
  "prefixed-messages": {
    holds: async (s) => {
      const { c: a } = await login(s, newUser(s));
      const { c: b, jid: jb } = await login(s, newUser(s));
      a.sendEl(xml("message", { to: jb }, xml("body", {}, "x")));
      return (await b.next()).name === "message";
    },
  },
  "stream-error-extra-condition": {
    holds: async (s) => {
      const c = await opened(s);
      c.send("<a></b>");
      const el = await c.next();
      return el.getChildElements().filter((x) => x.getNS() === NS.streams && x.name !== "text").length === 1;
    },
  },
  "stream-error-text-no-ns": {
    holds: async (s) => {
      const c = await opened(s);
      c.send("<a></b>");
      return (await c.next()).getChild("text", NS.streams) !== undefined;
    },
  },
  "encoding-wrong-condition": {
    holds: async (s) => {
      const c = await opened(s);
      c.send(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]));
      return (await c.streamError()) === "unsupported-encoding";
    },
  },
  "legacy-tls": {
    holds: async (s) => {
      const { protocol, cipher } = await startTlsParameters(s);
      return protocol === "TLSv1.3" || /GCM|CHACHA20|CCM/.test(cipher);
    },
  },
  "ca-certificate": {
    holds: async (s) => !basicConstraintsCa(new X509Certificate(s.certificate.cert).raw),
  },
  "anonymous-certificate": {
    holds: async (s) => new X509Certificate(s.certificate.cert).subjectAltName !== undefined,
  },
  "tls-failure-stream-close": {
    holds: async (s) => !(await afterFailedTlsHandshake(s)).includes("</stream:stream>"),
  },
  "no-scram-sha-1": {
    holds: async (s) => {
      const c = await securedOn(s);
      const mechs = c.features?.getChild("mechanisms", NS.sasl)?.getChildren("mechanism") ?? [];
      c.destroy();
      return mechs.some((m) => m.getText() === "SCRAM-SHA-1");
    },
  },
  "negotiation-whitespace": { holds: async (s) => !/^\s/.test(await plaintextUpToProceed(s)) },
  "starttls-failure-keeps-stream": {
    holds: async (s) => {
      const c = await securedOn(s);
      c.sendEl(xml("starttls", { xmlns: NS.tls }));
      expect((await c.next()).is("failure", NS.tls)).to.equal(true);
      return c.closedWithin(1500).then(
        () => true,
        () => false,
      );
    },
  },
  "mechanisms-in-one-element": {
    holds: async (s) =>
      (await securedOn(s)).features?.getChild("mechanisms", NS.sasl)?.getChildren("mechanism").length === 3,
  },
  "sasl-reject-empty-response": {
    holds: async (s) => {
      const c = await securedOn(s);
      c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "="));
      const el = await c.next();
      return !(el.is("failure", NS.sasl) && el.getChild("incorrect-encoding") !== undefined);
    },
  },
  "reject-own-authzid": {
    holds: async (s) => {
      const c = await securedOn(s);
      const user = newUser(s);
      return (await c.sasl("PLAIN", user, PASSWORD, `${user}@localhost`)).is("success", NS.sasl);
    },
  },
  "bind-twice": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      await c.bind();
      return stanzaErrorCondition(await c.bind()) === "not-allowed";
    },
  },
  "features-after-bind": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      const before = c.features;
      await c.bind();
      await c.iq(PING);
      return c.features === before;
    },
  },
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
