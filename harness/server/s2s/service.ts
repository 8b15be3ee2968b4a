// The reference server's s2s service: the 'jabber:server' listener (inbound streams), one outbound stream per
// domain pair with its queue (XEP-0220 §2.1.1: stanzas wait for authentication), and the bounce of what
// cannot be delivered (RFC 6120 §10.4.3).
import { randomBytes } from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import { tryParseJid } from "../../jid.ts";
import { dialbackKey, dialbackSecret } from "../../s2s/dialback-key.ts";
import type { Element } from "../../xml/element.ts";
import type { FaultCheck } from "../faults/index.ts";
import { isLoopbackHost } from "../listeners.ts";
import { errorStanza, isError } from "../stanza/errors.ts";
import { rewriteOutgoing } from "../stanza/send-faults.ts";
import { trustAnchor } from "./certs.ts";
import { S2sFaultHooks } from "./fault-hooks-s2s.ts";
import { S2sAuthFaultHooks } from "./fault-hooks-s2s-auth.ts";
import { S2sRoutingHooks } from "./fault-hooks-s2s-routing.ts";
import type { S2sHost } from "./host.ts";
import { InboundStream } from "./inbound.ts";
import { type S2sAddress, type S2sConfig, type S2sOptions, s2sConfig } from "./options.ts";
import { type DialError, OutboundStream } from "./outbound.ts";
import { verifyWithAuthority } from "./verify.ts";

export interface S2sServiceInit {
  /** Listening address (loopback). */
  host: string;
  domains: ReadonlySet<string>;
  fault: FaultCheck;
  /** Hands an inbound stanza (or a bounce for a local sender) to the stanza layer. */
  deliver(stanza: Element): void;
}

/** Stanzas for one remote domain from one local domain, and the stream that carries them. */
interface Route {
  stream: OutboundStream;
  queue: Element[];
}

export class S2sService {
  readonly endpoint: S2sAddress;
  readonly #server: net.Server;
  readonly #inbound = new Set<InboundStream>();
  readonly #routes = new Map<string, Route>();
  readonly #host: S2sHost;
  readonly #routing: S2sRoutingHooks;
  readonly #fault: FaultCheck;
  /** Numbers the extra routes of s2s-stream-per-stanza. */
  #extra = 0;

  private constructor(
    server: net.Server,
    endpoint: S2sAddress,
    host: S2sHost,
    routing: S2sRoutingHooks,
    fault: FaultCheck,
  ) {
    this.#server = server;
    this.endpoint = endpoint;
    this.#host = host;
    this.#routing = routing;
    this.#fault = fault;
  }

  static async start(options: S2sOptions, init: S2sServiceInit): Promise<S2sService> {
    if (!isLoopbackHost(init.host)) throw new Error(`s2s listens on loopback only, not on '${init.host}'`);
    const config: S2sConfig = s2sConfig(options);
    const secret = dialbackSecret();
    const credentials = (domain: string | undefined) =>
      (domain !== undefined ? config.certificates[domain] : undefined) ?? config.certificate;
    const contexts = new Map<string, tls.SecureContext>();
    const serverTls = (domain: string | undefined): tls.SecureContext => {
      const chosen = credentials(domain);
      let context = contexts.get(chosen.cert);
      if (!context) {
        context = tls.createSecureContext({ ...chosen, ca: config.trust });
        contexts.set(chosen.cert, context);
      }
      return context;
    };
    let service: S2sService | undefined;
    const routing = new S2sRoutingHooks(init.fault);
    const host: S2sHost = {
      domains: init.domains,
      config,
      hooks: new S2sFaultHooks(init.fault),
      authHooks: new S2sAuthFaultHooks(init.fault),
      anchor: trustAnchor(config.trust),
      serverTls,
      clientTls: (local, remote) => ({ servername: remote, ca: config.trust, ...credentials(local) }),
      newStreamId: () => randomBytes(16).toString("base64url"),
      dialbackKey: (receiving, originating, streamId) =>
        dialbackKey(secret, receiving, originating, streamId),
      verifyKey: (originating, receiving, streamId, k) =>
        verifyWithAuthority(host, originating, receiving, streamId, k),
      deliver: (stanza) => routing.deliverInbound(stanza, init.deliver),
      route: (stanza) => service?.route(stanza) ?? false,
    };
    const server = net.createServer((socket) => {
      if (service) service.#accept(socket);
      else socket.destroy();
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host: init.host, port: config.port }, () => {
        server.off("error", reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
    service = new S2sService(server, { host: init.host, port }, host, routing, init.fault);
    return service;
  }

  #accept(socket: net.Socket): void {
    const stream = new InboundStream(this.#host, socket, (s) => this.#inbound.delete(s));
    this.#inbound.add(stream);
  }

  /**
   * The stanza layer's routeRemote: takes a stanza for a domain we do not serve. Always accepted: what
   * cannot be delivered comes back to its sender later as an error (§10.4.3).
   */
  route(stanza: Element): boolean {
    const to = tryParseJid(stanza.attrs.to ?? "");
    const from = tryParseJid(stanza.attrs.from ?? "");
    if (!to || !from || !this.#host.domains.has(from.domain)) return false;
    if (!this.#routing.routes(stanza)) return true;
    // XEP-0288: a bidirectional stream the peer opened and proved its domain on carries our stanzas too
    for (const s of this.#inbound) {
      if (s.carries(from.domain, to.domain)) {
        s.sendStanza(stanza);
        return true;
      }
    }
    const pair = this.#routing.streamPerStanza()
      ? `${from.domain} ${to.domain} #${++this.#extra}`
      : `${from.domain} ${to.domain}`;
    let route = this.#routes.get(pair);
    if (!route) route = this.#open(pair, from.domain, to.domain);
    // §10.4.1: an existing stream is reused; XEP-0220 §2.1.1: stanzas wait until it is authenticated.
    if (route.stream.isReady) route.stream.send(stanza, this.#routing.keepsClientNamespace());
    else route.queue.push(stanza);
    return true;
  }

  #open(pair: string, local: string, remote: string, retries = this.#routing.stormRetries()): Route {
    const route: Route = {
      queue: [],
      stream: new OutboundStream(this.#host, local, remote, "route", {
        closed: () => {
          if (this.#routes.get(pair) === route) this.#routes.delete(pair);
        },
      }),
    };
    this.#routes.set(pair, route);
    route.stream.ready.then(
      () => {
        const keep = this.#routing.keepsClientNamespace();
        for (const s of this.#routing.flushOrder(route.queue.splice(0))) route.stream.send(s, keep);
      },
      (err: DialError) => {
        if (this.#routes.get(pair) === route) this.#routes.delete(pair);
        if (retries > 0 && route.queue.length > 0 && err.stage !== "resolve") {
          this.#open(pair, local, remote, retries - 1).queue.push(...route.queue.splice(0));
          return;
        }
        // §10.4.3: resolution failed → remote-server-not-found; streams not negotiated → remote-server-timeout;
        // XEP-0220 §2.1.1: an invalid dialback result → internal-server-error.
        const condition =
          err.stage === "resolve"
            ? "remote-server-not-found"
            : err.stage === "refused" && /dialback invalid/.test(err.message)
              ? "internal-server-error"
              : "remote-server-timeout";
        const queued = route.queue.splice(0);
        if (condition === "internal-server-error" && this.#host.authHooks.dropsQueueOnInvalid()) return;
        const bounced = this.#host.hooks.bounceCondition(condition);
        const chosen = err.stage === "connect" ? this.#routing.connectRefusedCondition(bounced) : bounced;
        for (const s of queued) this.#bounce(s, chosen);
      },
    );
    return route;
  }

  #bounce(
    stanza: Element,
    condition:
      | "remote-server-not-found"
      | "remote-server-timeout"
      | "internal-server-error"
      | "service-unavailable",
  ): void {
    if (isError(stanza) || !this.#host.hooks.bounces(stanza)) return;
    // built as the stanza layer builds its errors, so its error faults (wrong-error-type...) hold here too
    const error = errorStanza(stanza, condition);
    this.#host.deliver(rewriteOutgoing(this.#fault, error, { kind: "error", original: stanza, condition }));
  }

  /** Closes every s2s stream (<system-shutdown/> inbound) and stops listening. */
  async stop(): Promise<void> {
    for (const r of this.#routes.values()) r.stream.close();
    this.#routes.clear();
    for (const s of this.#inbound) s.shutdown();
    const closing = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    const timer = setTimeout(() => {
      for (const s of this.#inbound) s.destroy();
    }, 500);
    await closing;
    clearTimeout(timer);
  }
}
