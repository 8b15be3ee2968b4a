// Reads one XML stream from a socket for tests that speak raw XMPP to a real server (the launcher's
// checks, the federation fixtures): the header, then each top-level child as an Element, every wait bounded.
import type net from "node:net";
import { SaxesParser } from "saxes";
import { Element } from "../../harness/xml/element.ts";

const STEP_MS = 5000;

/** Reads one XML stream from a socket: the header, then each top-level child as an Element. */
export class StreamReader {
  header: Element | undefined;
  private readonly items: (Element | Error | "end")[] = [];
  private wake: (() => void) | undefined;
  private readonly parser = new SaxesParser({ xmlns: true });
  private readonly decoder = new TextDecoder();
  private stack: Element[] = [];
  private readonly onData = (chunk: Buffer) => {
    try {
      this.parser.write(this.decoder.decode(chunk, { stream: true }));
    } catch (err) {
      this.push(err as Error);
    }
  };
  private readonly onClose = () => this.push("end");

  constructor(private readonly socket: net.Socket) {
    // elements are rebuilt with resolved namespaces, so prefixes (stream:features) need no context
    this.parser.on("opentag", (tag) => {
      const attrs: Record<string, string> = { xmlns: tag.uri ?? "" };
      for (const a of Object.values(tag.attributes)) {
        if (a.prefix !== "xmlns" && a.name !== "xmlns") attrs[a.name] = a.value;
      }
      const el = new Element(tag.local ?? tag.name, attrs);
      if (!this.header) {
        this.header = el;
        this.wake?.();
      } else {
        this.stack.at(-1)?.cnode(el);
        this.stack.push(el);
      }
    });
    this.parser.on("text", (text) => this.stack.at(-1)?.t(text));
    this.parser.on("closetag", () => {
      const el = this.stack.pop();
      if (!el) this.push("end");
      else if (this.stack.length === 0) this.push(el);
    });
    socket.on("data", this.onData);
    socket.on("close", this.onClose);
  }

  private push(item: Element | Error | "end"): void {
    this.items.push(item);
    this.wake?.();
  }

  /** Resolves once `done()` holds, woken by each arrival; throws `what` after STEP_MS. */
  private async until(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + STEP_MS;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** The peer's stream header, once it has arrived. */
  async started(what: string): Promise<Element> {
    await this.until(() => this.header !== undefined || this.items.length > 0, what);
    if (!this.header) throw new Error(`no stream header while waiting for ${what}`);
    return this.header;
  }

  /** The next top-level element; rejects on a parse error, stream end or timeout. */
  async next(what: string): Promise<Element> {
    await this.until(() => this.items.length > 0, what);
    const item = this.items.shift();
    if (item === undefined || item === "end") throw new Error(`stream ended while waiting for ${what}`);
    if (item instanceof Error) throw item;
    return item;
  }

  /** Wait until the peer has closed its stream or the connection. */
  async ended(): Promise<void> {
    await this.until(() => this.items.includes("end"), "the stream to end");
  }

  detach(): void {
    this.socket.off("data", this.onData);
    this.socket.off("close", this.onClose);
  }
}
