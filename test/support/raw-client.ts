// A raw client for the reference server's connection-layer tests: bytes out, parsed elements in, over TCP,
// direct TLS or WebSocket; and the readers of its replies those tests share.
import net from "node:net";
import tls from "node:tls";
import { expect } from "chai";
import WebSocket from "ws";
import { createClient, type MechanismName } from "../../harness/sasl/index.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { StreamParser } from "../../harness/xml/parser.ts";
import { frameClose, frameOpen, serialize, streamFooter, streamHeader } from "../../harness/xml/serialize.ts";

export const WAIT_MS = 5_000;
export const PASSWORD = "s3cret pass";
/** Fine as XML, refused as a resourcepart (a C1 control: PRECIS FreeformClass DISALLOWED). */
export const BAD_RESOURCE = "bad\u0085";

export type Attrs = Record<string, string | undefined>;

export class Raw {
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

  /** STARTTLS: <proceed/>, the TLS handshake (with a client certificate, if given), a new parser. */
  async starttls(ca: string, certificate?: { cert: string; key: string }): Promise<void> {
    this.sendEl(xml("starttls", { xmlns: NS.tls }));
    const proceed = await this.next();
    expect(proceed.is("proceed", NS.tls), proceed.toString()).to.equal(true);
    const plain = this.socket!;
    plain.removeAllListeners("data");
    plain.removeAllListeners("close");
    plain.removeAllListeners("end");
    const secured = tls.connect({ socket: plain, ca, servername: "localhost", ...certificate });
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

export function headerText(attrs: Attrs = {}): string {
  return streamHeader({ xmlns: NS.client, to: "localhost", version: "1.0", "xml:lang": "en", ...attrs });
}

export function boundJid(reply: Element): string {
  const jid = reply.getChild("bind", NS.bind)?.getChildText("jid");
  expect(jid, reply.toString()).to.be.a("string");
  return jid!;
}

export function stanzaErrorCondition(el: Element): string | undefined {
  return el
    .getChild("error")
    ?.getChildElements()
    .find((c) => c.getNS() === NS.stanzas && c.name !== "text")?.name;
}

export function saslCondition(el: Element): string | undefined {
  expect(el.is("failure", NS.sasl), el.toString()).to.equal(true);
  return el.getChildElements().find((c) => c.name !== "text")?.name;
}
