// What a client connection of the reference server writes: the response header, elements, stanzas and
// the closing tag, in the byte-stream or RFC 7395 framed form, each through the faults' send filter.
import { type Element, NS, xml } from "../xml/element.ts";
import { frameClose, frameOpen, serialize, streamFooter, streamHeader } from "../xml/serialize.ts";
import type { ConnectionServer } from "./connection-server.ts";
import type { StreamFaultHooks } from "./fault-hooks-stream.ts";
import type { Link } from "./listeners.ts";
import { type SendPoint, sendFiltered } from "./send-faults.ts";
import type { HeaderVerdict } from "./stream-header.ts";

/** The client's stream header and what the connection made of it. */
export interface HeaderRequest {
  header: Element;
  verdict: HeaderVerdict;
}

export class StreamOutput {
  /** Our response header is out on the current stream (a restart starts a new one). */
  headerSent = false;
  private streamId: string | undefined;

  constructor(
    private readonly server: ConnectionServer,
    private readonly link: Link,
    private readonly hooks: StreamFaultHooks,
  ) {}

  private raw(text: string): void {
    this.link.send(this.hooks.encode(text));
  }

  /** Everything the connection sends goes through the faults' send filter (./send-faults.ts). */
  send(el: Element, point: Omit<SendPoint, "framed"> = {}): void {
    const at: SendPoint = { framed: this.link.framed, ...point };
    const text = sendFiltered(this.server.fault, el, at, (out) =>
      !at.header ? serialize(out) : this.link.framed ? frameOpen(out.attrs) : streamHeader(out.attrs),
    );
    if (text !== null) this.raw(text);
  }

  /** A stanza for the client. Framed: every message declares its namespace. */
  stanza(stanza: Element): void {
    if (this.link.framed && stanza.attrs.xmlns === undefined) {
      const copy = xml(stanza.name, { ...stanza.attrs, xmlns: NS.client });
      copy.children = stanza.children;
      this.send(copy);
      return;
    }
    this.send(stanza);
  }

  /** The response stream header; `forError` when it goes out only to carry a stream error (§4.9.1.2). */
  header(request: HeaderRequest | undefined, forError = false): void {
    this.streamId = this.hooks.streamId(this.streamId, () => this.server.newStreamId());
    const attrs: Record<string, string> = {
      ...(request?.verdict.response ?? { from: this.server.defaultDomain, version: "1.0", "xml:lang": "en" }),
    };
    attrs.id ??= this.streamId;
    const header = this.link.framed
      ? xml("open", { xmlns: NS.framing, ...attrs })
      : xml("stream:stream", { xmlns: NS.client, "xmlns:stream": NS.stream, ...attrs });
    this.send(header, { header: true, forError, ...(request ? { request } : {}) });
    this.headerSent = true;
  }

  /** Our closing tag. */
  footer(): void {
    this.raw(this.link.framed ? frameClose() : streamFooter());
  }
}
