// The reference server's XEP-0114 listener: external components connect with 'jabber:component:accept'
// streams, and stanzas for the component's domain are routed to the one authenticated stream of that name.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { tryParseJid } from "../../jid.ts";
import type { Element } from "../../xml/element.ts";
import type { FaultCheck } from "../faults/index.ts";
import { isLoopbackHost } from "../listeners.ts";
import { ComponentFaultHooks } from "./fault-hooks-component.ts";
import type { ComponentOptions } from "./options.ts";
import { type ComponentHost, ComponentStream } from "./stream.ts";

export interface ComponentServiceInit {
  /** Listening address (loopback). */
  host: string;
  fault: FaultCheck;
  /** Hands a component's stanza to the stanza layer (as a peer server's inbound stanza). */
  deliver(stanza: Element): void;
}

/** The service's connections, and the one authenticated stream of the component when it is connected. */
interface Streams {
  all: Set<ComponentStream>;
  live?: ComponentStream;
}

export class ComponentService {
  readonly endpoint: { host: string; port: number };
  readonly domain: string;
  readonly #server: net.Server;
  readonly #streams: Streams;
  readonly #hooks: ComponentFaultHooks;

  private constructor(
    server: net.Server,
    endpoint: { host: string; port: number },
    config: ComponentOptions,
    streams: Streams,
    hooks: ComponentFaultHooks,
  ) {
    this.#server = server;
    this.endpoint = endpoint;
    this.domain = config.domain;
    this.#streams = streams;
    this.#hooks = hooks;
  }

  static async start(config: ComponentOptions, init: ComponentServiceInit): Promise<ComponentService> {
    if (!isLoopbackHost(init.host))
      throw new Error(`components connect on loopback only, not on '${init.host}'`);
    const hooks = new ComponentFaultHooks(init.fault);
    const streams: Streams = { all: new Set() };
    const host: ComponentHost = {
      config,
      hooks,
      newStreamId: () => randomBytes(16).toString("base64url"),
      connected: (domain) => streams.live?.isOpen === true && config.domain === domain,
      authenticated: (stream) => {
        streams.live = stream;
      },
      deliver: (stanza) => {
        if (stanza.name !== "iq" && hooks.dropsOutboundMessage()) return;
        init.deliver(stanza);
      },
      gone: (stream) => {
        streams.all.delete(stream);
        if (streams.live === stream) streams.live = undefined;
      },
    };
    const server = net.createServer((socket) => {
      streams.all.add(new ComponentStream(host, socket));
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host: init.host, port: config.port ?? 0 }, () => {
        server.off("error", reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
    return new ComponentService(server, { host: init.host, port }, config, streams, hooks);
  }

  /**
   * The stanza layer's routeRemote, asked first: a stanza for the component's domain goes to its stream.
   * false: not the component's (the s2s seam may take it), or the component is not connected.
   */
  route(stanza: Element): boolean {
    const to = tryParseJid(stanza.attrs.to ?? "");
    if (to?.domain !== this.domain) return false;
    const live = this.#streams.live;
    if (!live?.isOpen) return false;
    if (this.#hooks.dropsInbound()) return true;
    if (this.#hooks.baresFrom()) {
      const from = tryParseJid(stanza.attrs.from ?? "");
      if (from) stanza.attrs.from = from.bare().toString();
    }
    live.sendStanza(stanza);
    return true;
  }

  /** Stops listening; open component streams end with <system-shutdown/>. */
  async stop(): Promise<void> {
    const closing = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const s of this.#streams.all) s.streamError("system-shutdown", "the server is stopping");
    const timer = setTimeout(() => {
      for (const s of this.#streams.all) s.destroy();
    }, 500);
    await closing;
    clearTimeout(timer);
  }
}
