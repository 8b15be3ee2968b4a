// One external component's connection (XEP-0114 §3, 'jabber:component:accept'): the component's stream
// header names the component, our header gives the stream id, the component proves the shared secret with
// <handshake/>, and from then on its stanzas are routed like a peer server's, from its own domain only.
import type net from "node:net";
import { componentHandshake } from "../../component/handshake.ts";
import { prepareDomain, tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import type { Finding } from "../../xml/parser.ts";
import { streamHeader } from "../../xml/serialize.ts";
import { qualify, STANZA_NAMES } from "../first-level.ts";
import { guarded, Wire } from "../s2s/wire.ts";
import { findingCondition, type StreamCondition, streamErrorElement } from "../stream-errors.ts";
import type { ComponentFaultHooks } from "./fault-hooks-component.ts";
import type { ComponentOptions } from "./options.ts";

/** What a component stream needs of the service that accepted it. */
export interface ComponentHost {
  config: ComponentOptions;
  hooks: ComponentFaultHooks;
  newStreamId(): string;
  /** Is a component of this name connected and authenticated already? */
  connected(domain: string): boolean;
  /** The handshake succeeded: stanzas for the component go to this stream now. */
  authenticated(stream: ComponentStream): void;
  /** A stanza from the component, addressed and checked, for the stanza layer. */
  deliver(stanza: Element): void;
  gone(stream: ComponentStream): void;
}

type Phase = "header" | "handshake" | "open" | "closed";

export class ComponentStream {
  readonly #wire: Wire;
  #phase: Phase = "header";
  #headerSent = false;
  #streamId = "";

  constructor(
    private readonly host: ComponentHost,
    socket: net.Socket,
  ) {
    this.#wire = new Wire(socket, {
      header: (el) => this.#guard(() => this.#onHeader(el)),
      element: (el) => this.#guard(() => this.#onElement(el)),
      end: () => this.#onEnd(),
      finding: (f: Finding) => this.streamError(findingCondition(f.kind), f.message),
      closed: () => {
        this.#phase = "closed";
        host.gone(this);
      },
    });
  }

  get domain(): string {
    return this.host.config.domain;
  }

  get isOpen(): boolean {
    return this.#phase === "open";
  }

  #guard(fn: () => void): void {
    guarded(this.#phase === "closed", (text) => this.streamError("internal-server-error", text), fn);
  }

  #sendHeader(): void {
    this.#streamId = this.host.newStreamId();
    const attrs: Record<string, string> = {
      xmlns: NS.component,
      "xmlns:stream": NS.stream,
      from: this.domain,
    };
    if (!this.host.hooks.omitsStreamId()) attrs.id = this.#streamId;
    this.#wire.send(streamHeader(attrs));
    this.#headerSent = true;
  }

  /** Why the header cannot open a component stream (§3: the namespace, then the component name), if it cannot. */
  #headerError(el: Element): { condition: StreamCondition; text: string } | undefined {
    const { hooks } = this.host;
    const { local, ns } = qualify(el, false);
    if (ns !== NS.stream || local !== "stream")
      return {
        condition: "invalid-namespace",
        text: `the stream element is <stream:stream/> in '${NS.stream}'`,
      };
    if (el.attrs.xmlns !== NS.component && !hooks.acceptsAnyNamespace())
      return { condition: "invalid-namespace", text: `this port serves '${NS.component}' streams` };
    if (hooks.acceptsAnyName()) return undefined;
    let name: string | undefined;
    try {
      name = el.attrs.to === undefined ? undefined : prepareDomain(el.attrs.to);
    } catch {
      name = undefined;
    }
    if (name !== this.domain)
      return { condition: "host-unknown", text: `no component '${el.attrs.to ?? ""}' is serviced here` };
    if (this.host.connected(name)) return { condition: "conflict", text: `'${name}' is connected already` };
    return undefined;
  }

  #onHeader(el: Element): void {
    if (this.#phase !== "header") {
      this.streamError("unsupported-stanza-type", "a second stream header");
      return;
    }
    const error = this.#headerError(el);
    if (error) {
      // §3: header errors follow RFC 6120 §4.7.1: our header, the error, the closing tag
      if (!this.host.hooks.bareHeaderError()) this.#sendHeader();
      this.streamError(error.condition, error.text);
      return;
    }
    if (this.host.hooks.silentHeader()) return;
    this.#sendHeader();
    this.#phase = "handshake";
  }

  #onElement(el: Element): void {
    const { local, ns } = qualify(el, false);
    if (ns === NS.stream && local === "error") {
      this.close();
      return;
    }
    if (this.#phase === "handshake") {
      if (ns === NS.component && local === "handshake") this.#onHandshake(el);
      else if (STANZA_NAMES.has(local) && this.host.hooks.routesBeforeHandshake()) this.#onStanza(el);
      else this.streamError("not-authorized", "the component has not sent its handshake");
      return;
    }
    if (this.#phase !== "open") {
      this.streamError("not-well-formed", "the stream must start with a stream header");
      return;
    }
    if (ns === NS.component && STANZA_NAMES.has(local)) {
      this.#onStanza(el);
      return;
    }
    this.streamError("unsupported-stanza-type", `<${el.name}/> in '${ns ?? ""}' is not supported here`);
  }

  #onHandshake(el: Element): void {
    const { hooks, config } = this.host;
    const given = el.getText().trim();
    if (given === componentHandshake(this.#streamId, config.secret) || hooks.acceptsAnyHandshake()) {
      this.#phase = "open";
      this.host.authenticated(this);
      this.#wire.send(xml("handshake", {}, hooks.echoesHandshake() ? given : null));
      return;
    }
    // §3: MUST close the stream and the TCP connection, SHOULD with <not-authorized/>
    if (hooks.closesWithoutError()) this.close();
    else if (hooks.keepsOpenAfterBadHandshake())
      this.#wire.send(streamErrorElement("not-authorized", "wrong handshake", false));
    else this.streamError("not-authorized", "wrong handshake");
  }

  #onStanza(el: Element): void {
    const to = tryParseJid(el.attrs.to ?? "");
    const from = tryParseJid(el.attrs.from ?? "");
    if (!to || !from) {
      // §3: "All stanzas sent to the server MUST possess a 'from' attribute and a 'to' attribute"
      this.streamError("improper-addressing", "a component's stanza carries 'from' and 'to'");
      return;
    }
    if (from.domain !== this.domain && !this.host.hooks.acceptsForeignFrom()) {
      // §3: the 'from' domain MUST match the component's; as RFC 6120 §8.1.2.2 for a peer server
      this.streamError("invalid-from", `'${el.attrs.from}' is not at '${this.domain}'`);
      return;
    }
    el.attrs.xmlns = NS.client;
    this.host.deliver(el);
  }

  /** A stanza for the component, in the stream's default namespace. */
  sendStanza(stanza: Element): void {
    if (this.#phase !== "open") return;
    delete stanza.attrs.xmlns;
    this.#wire.send(stanza);
  }

  #onEnd(): void {
    if (this.host.hooks.dropsOnClose()) {
      this.#phase = "closed";
      this.#wire.destroy();
      return;
    }
    this.close();
  }

  /** RFC 6120 §4.9.1.1: header (if not out yet), <stream:error/>, closing tag, orderly close. */
  streamError(condition: StreamCondition, text?: string): void {
    if (this.#phase === "closed") return;
    if (!this.#headerSent && !this.host.hooks.bareHeaderError()) this.#sendHeader();
    this.#wire.send(streamErrorElement(condition, text, false));
    this.close();
  }

  close(): void {
    if (this.#phase === "closed" && this.#wire.closed) return;
    this.#phase = "closed";
    this.#wire.close();
  }

  destroy(): void {
    this.#wire.destroy();
  }
}
