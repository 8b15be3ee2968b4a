// The reference XMPP server: xmppspec's embedded default target. Loopback only; named faults break one
// rule each on purpose.
import { randomBytes } from "node:crypto";
import tls from "node:tls";
import { prepareDomain } from "../jid.ts";
import { type Element, NS } from "../xml/element.ts";
import { frameClose, frameOpen, serialize, streamFooter, streamHeader } from "../xml/serialize.ts";
import { MemoryAccountStore } from "./accounts.ts";
import { generateCertificate } from "./certificate.ts";
import type { ComponentOptions } from "./component/options.ts";
import { ComponentService } from "./component/service.ts";
import { ClientConnection, type ConnectionServer } from "./connection.ts";
import { ServerFaultHooks } from "./fault-hooks-server.ts";
import { registrationOffByFault } from "./fault-hooks-xep0077.ts";
import { CONNECTION_FAULTS } from "./faults/connection.ts";
import { type FaultCheck, type FaultName, isFaultName } from "./faults/index.ts";
import { type Link, type Listeners, openListeners } from "./listeners.ts";
import type { S2sOptions } from "./s2s/options.ts";
import { S2sService } from "./s2s/service.ts";
import { SessionRegistry } from "./sessions.ts";
import { createStanzaLayer, type StanzaLayerOptions } from "./stanza/index.ts";
import { streamErrorElement } from "./stream-errors.ts";
import type { BoundSession, FaultSpec, ServerHost, StanzaLayer } from "./types.ts";

export interface ReferenceServerOptions {
  /** Served domains; the first is the default. Default ["localhost", "example.test"]. */
  domains?: string[];
  /** Listening address; loopback only. Default 127.0.0.1. */
  host?: string;
  /** c2s port with STARTTLS; 0 = ephemeral (default). */
  port?: number;
  /** Direct TLS port (XEP-0368); 0 = ephemeral (default), null = off. */
  tlsPort?: number | null;
  /** WebSocket port (RFC 7395, path /xmpp-websocket, plain ws://); 0 = ephemeral (default), null = off. */
  wsPort?: number | null;
  /** STARTTLS on the c2s port: "optional" (default) or "required" (mandatory-to-negotiate). */
  tls?: "optional" | "required";
  /** Named faults to turn on (see `xmppspec faults`). */
  faults?: string[];
  /** Largest stanza accepted (bytes); more is <policy-violation/>. Default 256 KiB. */
  maxStanzaBytes?: number;
  /** Deepest element nesting accepted; more is <policy-violation/>. Default: the parser's. */
  maxDepth?: number;
  /** XEP-0077 in-band registration. Default true. */
  registration?: boolean;
  /** XEP-0199 §4.1: ping a bound client after this many quiet milliseconds. Default never. */
  idlePingMs?: number;
  /** Connections served at once; more are refused with <resource-constraint/>. Default 1000. */
  maxConnections?: number;
  /** Options of the reference stanza layer (roster versioning, pre-approval, s2s seam...). */
  stanzaOptions?: StanzaLayerOptions;
  /**
   * Server-to-server (RFC 6120 §4-§6, §10.4; XEP-0178; XEP-0220): a 'jabber:server' listener and a dialer
   * routing to remote domains found through `s2s.resolve`. Off by default.
   */
  s2s?: S2sOptions;
  /** XEP-0114: a 'jabber:component:accept' listener for one component name. Off by default. */
  component?: ComponentOptions;
  /** Another stanza layer (tests of the connection layer alone); default the reference one. */
  stanzaLayer?: (host: ServerHost) => StanzaLayer;
}

export const DEFAULT_DOMAINS = ["localhost", "example.test"];
export const DEFAULT_MAX_STANZA_BYTES = 256 * 1024;
export const DEFAULT_MAX_CONNECTIONS = 1000;
/** How long stop() waits for clients to close their side before dropping them. */
const STOP_GRACE_MS = 500;

export function listConnectionFaults(): FaultSpec[] {
  return CONNECTION_FAULTS.map((f) => ({ ...f, breaks: [...f.breaks] }));
}

function checkFaults(names: string[]): Set<string> {
  const unknown = names.filter((n) => !isFaultName(n));
  if (unknown.length > 0) {
    throw new Error(
      `unknown fault ${unknown.map((n) => `'${n}'`).join(", ")}; run 'xmppspec faults' to list them`,
    );
  }
  return new Set(names);
}

export class ReferenceServer {
  readonly endpoints: {
    tcp: { host: string; port: number };
    tls?: { host: string; port: number };
    ws?: { url: string };
    s2s?: { host: string; port: number };
    component?: { host: string; port: number };
  };
  readonly accounts: MemoryAccountStore;
  readonly faults: ReadonlySet<string>;
  readonly certificate: { cert: string; key: string };
  readonly domains: readonly string[];

  /** Live connections (each removes itself when its link closes). */
  readonly #connections: Set<ClientConnection>;
  readonly #listeners: Listeners;
  readonly #s2s: S2sService | undefined;
  readonly #component: ComponentService | undefined;
  #stopping: Promise<void> | undefined;

  private constructor(init: {
    endpoints: ReferenceServer["endpoints"];
    accounts: MemoryAccountStore;
    faults: ReadonlySet<string>;
    certificate: { cert: string; key: string };
    domains: string[];
    listeners: Listeners;
    connections: Set<ClientConnection>;
    s2s?: S2sService;
    component?: ComponentService;
  }) {
    this.endpoints = init.endpoints;
    this.accounts = init.accounts;
    this.faults = init.faults;
    this.certificate = init.certificate;
    this.domains = init.domains;
    this.#listeners = init.listeners;
    this.#connections = init.connections;
    this.#s2s = init.s2s;
    this.#component = init.component;
  }

  static async start(opts: ReferenceServerOptions = {}): Promise<ReferenceServer> {
    const faults = checkFaults(opts.faults ?? []);
    const domains = [...new Set((opts.domains ?? DEFAULT_DOMAINS).map((d) => prepareDomain(d)))];
    if (domains.length === 0) throw new Error("the reference server needs at least one domain");
    const fault: FaultCheck = (name) => faults.has(name);
    const hooks = new ServerFaultHooks(fault);
    const certificate = await generateCertificate(domains, hooks.certificateFlaws());
    const tlsOptions = hooks.tlsOptions(certificate);
    const secureContext = tls.createSecureContext(tlsOptions);
    const accounts = new MemoryAccountStore();
    const sessions = new SessionRegistry();
    const domainSet: ReadonlySet<string> = new Set(domains);
    const host: ServerHost = {
      domains: domainSet,
      accounts,
      sessionsOf: (bare: string): BoundSession[] => sessions.sessionsOf(bare),
      fault,
    };
    // The s2s seam (stanza/router.ts routeRemote): bound once the services are up, which need the layer.
    // A stanza for the component's domain goes to the component, anything else remote to s2s.
    let s2s: S2sService | undefined;
    let component: ComponentService | undefined;
    const routeRemote = (stanza: Element) => component?.route(stanza) || (s2s?.route(stanza) ?? false);
    const stanzaOptions: StanzaLayerOptions | undefined =
      opts.s2s || opts.component ? { ...opts.stanzaOptions, routeRemote } : opts.stanzaOptions;
    const stanzas = opts.stanzaLayer ? opts.stanzaLayer(host) : createStanzaLayer(host, stanzaOptions);
    const maxConnections = opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    const maxStanzaBytes = opts.maxStanzaBytes ?? DEFAULT_MAX_STANZA_BYTES;
    const connections = new Set<ClientConnection>();

    /** Set by a fuzz-only fault: from then on every connection is dropped unanswered. */
    let crashed = false;

    const connectionServer: ConnectionServer = {
      domains: domainSet,
      defaultDomain: domains[0],
      accounts,
      sessions,
      stanzas,
      tlsRequired: opts.tls === "required" || hooks.requiresTls(),
      registration: (opts.registration ?? true) && !registrationOffByFault(fault),
      idlePingMs: opts.idlePingMs,
      maxStanzaBytes,
      maxDepth: opts.maxDepth,
      fault,
      // §4.7.3: unique and unpredictable; 128 random bits.
      newStreamId: hooks.streamIds(() => randomBytes(16).toString("base64url")),
      connectionClosed: (conn) => connections.delete(conn),
      crash: () => {
        crashed = true;
        for (const c of connections) c.link.destroy();
      },
    };

    const listeners = await openListeners({
      host: opts.host ?? "127.0.0.1",
      port: opts.port ?? 0,
      tlsPort: opts.tlsPort === undefined ? 0 : opts.tlsPort,
      wsPort: opts.wsPort === undefined ? 0 : opts.wsPort,
      secureContext,
      credentials: hooks.tlsOptions(
        await hooks.directTlsCertificate(certificate, domains, (names) => generateCertificate(names)),
      ),
      // Oversized messages get <policy-violation/> from the parser; far bigger ones are cut off earlier.
      maxWsMessageBytes: 4 * maxStanzaBytes + 64 * 1024,
      admit: () => connections.size < maxConnections,
      onLink: (link) => {
        if (crashed) {
          link.destroy();
          return;
        }
        if (connections.size >= maxConnections) {
          refuse(link, connectionServer);
          return;
        }
        connections.add(new ClientConnection(connectionServer, link));
      },
    });

    if (opts.s2s) {
      const layer = stanzas as StanzaLayer & { fromRemote?(stanza: Element): void };
      s2s = await S2sService.start(opts.s2s, {
        host: opts.host ?? "127.0.0.1",
        domains: domainSet,
        fault,
        deliver: (stanza) => layer.fromRemote?.(stanza),
      }).catch(async (err) => {
        await listeners.close();
        throw err;
      });
    }

    if (opts.component) {
      const layer = stanzas as StanzaLayer & { fromRemote?(stanza: Element): void };
      component = await ComponentService.start(opts.component, {
        host: opts.host ?? "127.0.0.1",
        fault,
        deliver: (stanza) => layer.fromRemote?.(stanza),
      }).catch(async (err) => {
        await listeners.close();
        await s2s?.stop();
        throw err;
      });
    }

    return new ReferenceServer({
      endpoints: {
        tcp: listeners.tcp,
        tls: listeners.tls,
        ws: listeners.ws,
        ...(s2s ? { s2s: s2s.endpoint } : {}),
        ...(component ? { component: component.endpoint } : {}),
      },
      accounts,
      faults,
      certificate,
      domains,
      listeners,
      connections,
      ...(s2s ? { s2s } : {}),
      ...(component ? { component } : {}),
    });
  }

  /** Is this named fault on? */
  fault(name: FaultName): boolean {
    return this.faults.has(name);
  }

  /** Connections open right now. */
  get connectionCount(): number {
    return this.#connections.size;
  }

  /**
   * Stops listening, closes every stream with <system-shutdown/> (RFC 6120 §4.9.3.20) and waits for the
   * clients to close their side (briefly), then drops what is left.
   */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      const closingListeners = this.#listeners.close(STOP_GRACE_MS + 100);
      const closingS2s = this.#s2s?.stop();
      const closingComponent = this.#component?.stop();
      const conns = [...this.#connections];
      for (const c of conns) c.shutdown(STOP_GRACE_MS);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(conns.map((c) => c.closed)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS + 100))),
      ]);
      clearTimeout(timer);
      for (const c of conns) c.link.destroy();
      await closingListeners;
      await closingS2s;
      await closingComponent;
    })();
    return this.#stopping;
  }
}

/** Over the connection limit: a header and <resource-constraint/> (§4.9.3.17: no resources to serve it). */
function refuse(link: Link, server: ConnectionServer): void {
  const attrs = { from: server.defaultDomain, id: server.newStreamId(), version: "1.0", "xml:lang": "en" };
  link.send(
    link.framed
      ? frameOpen({ xmlns: NS.framing, ...attrs })
      : streamHeader({ xmlns: NS.client, "xmlns:stream": NS.stream, ...attrs }),
  );
  link.send(serialize(streamErrorElement("resource-constraint", "too many connections", link.framed)));
  link.send(link.framed ? frameClose() : streamFooter());
  link.end(1000);
}
