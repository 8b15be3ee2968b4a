// What a run is pointed at: the embedded reference server (started here) or a remote URL.
import { readFileSync } from "node:fs";
import { DEFAULT_DOMAINS, ReferenceServer } from "../server/server.ts";
import { WorkerServer } from "../server/worker-server.ts";
import type { TlsPolicy } from "../session.ts";
import { parseTarget } from "../transport/target-url.ts";
import type { Endpoint } from "../transport/transport.ts";
import { EmbeddedProvisioner } from "./accounts.ts";
import { type ComponentArgs, embeddedComponent, remoteComponent } from "./component-config.ts";
import { ConfigError } from "./config-error.ts";
import { embeddedS2s, fromWorkerS2s, startFederation, startRemoteFederation } from "./federation-config.ts";
import { type ProvisionArgs, provisionerFor, provisionGiven } from "./provision.ts";
import type { Target } from "./target.ts";

export { ConfigError } from "./config-error.ts";

/** The target options, as the CLI spells them. */
export interface TargetArgs extends ProvisionArgs, ComponentArgs {
  target?: string;
  domain?: string;
  "second-domain"?: string;
  "direct-tls"?: string;
  websocket?: string;
  tls: string;
  "tls-ca"?: string;
  insecure: boolean;
  fault: string[];
  /** The target's s2s endpoint (host:port or xmpp://host:port): federation cases dial it. */
  "s2s-target"?: string;
  /** Where the harness's DNS responder listens (host:port): the target resolves the harness's domains there. */
  "s2s-dns"?: string;
  /** Keep the harness's CA in this directory (the target is told once to trust DIR/ca.crt). */
  "s2s-pki"?: string;
  /** Where the harness listens as remote.test (host:port, loopback); default an ephemeral port. */
  "s2s-listen"?: string;
  /** PEM file of the CA of the target's s2s certificate; default the --tls-ca, else the harness's CA. */
  "s2s-tls-ca"?: string;
}

/** What the callers of resolveTarget do with the embedded server: stop it. A ReferenceServer fits too. */
export interface EmbeddedServer {
  stop(): Promise<void>;
}

export interface ResolvedTarget {
  target: Target;
  url: string;
  /** What the caller stops after the run: the embedded server (no --target) and the harness's federation side. */
  server?: EmbeddedServer;
  /** The embedded server itself (no --target): in a worker thread unless asked in-process. */
  embedded?: ReferenceServer | WorkerServer;
}

function endpointOf(url: string, flag: string): Endpoint {
  try {
    return parseTarget(url);
  } catch (err) {
    throw new ConfigError(`--${flag}: ${(err as Error).message}`);
  }
}

export interface ResolveOptions {
  /**
   * The embedded server in this thread instead of a worker: for many short runs (the mutation tests), where
   * the worker's start (~1 s of module loading) costs more than the second core saves.
   */
  inProcess?: boolean;
}

/** The embedded target pings a client quiet this long (XEP-0199 §4.1), so the s2c ping cases have one to see. */
const IDLE_PING_MS = 1500;

/** Start the embedded server or describe the remote target. Usage mistakes throw ConfigError. */
export async function resolveTarget(a: TargetArgs, o: ResolveOptions = {}): Promise<ResolvedTarget> {
  const tls = a.tls as TlsPolicy;
  if (!a.target) {
    if (a["tls-ca"] || a.insecure || provisionGiven(a)) {
      throw new ConfigError(
        "--tls-ca, --insecure, --provision and --account apply to a --target; the embedded server needs none",
      );
    }
    if (a.component || a["component-secret"] || a["component-domain"])
      throw new ConfigError("--component and its flags apply to a --target; the embedded server has its own");
    if (a["s2s-target"] || a["s2s-tls-ca"])
      throw new ConfigError(
        "--s2s-target and --s2s-tls-ca apply to a --target; the embedded server federates by itself",
      );
    const federation = await startFederation(a, { dns: { host: "127.0.0.1", port: 0 } });
    let server: ReferenceServer | WorkerServer;
    const idlePingMs = IDLE_PING_MS;
    const component = embeddedComponent(DEFAULT_DOMAINS[0]);
    try {
      const s2s = await embeddedS2s(federation, DEFAULT_DOMAINS);
      // a worker thread by default: the client and the server it drives each get a core (a run is CPU-bound)
      server = o.inProcess
        ? await ReferenceServer.start({
            faults: a.fault,
            s2s: fromWorkerS2s(s2s, a.fault),
            idlePingMs,
            component,
          })
        : await WorkerServer.start({ faults: a.fault, s2s, idlePingMs, component });
    } catch (err) {
      await federation.stop();
      throw new ConfigError((err as Error).message);
    }
    if (server.endpoints.s2s) federation.targetS2s = { kind: "tcp", ...server.endpoints.s2s };
    const [domain, second] = [...server.domains];
    const url = `xmpp://${server.endpoints.tcp.host}:${server.endpoints.tcp.port}`;
    const target: Target = {
      name: "embedded",
      endpoint: { kind: "tcp", ...server.endpoints.tcp },
      directTls: server.endpoints.tls ? { kind: "tls", ...server.endpoints.tls } : undefined,
      websocket: server.endpoints.ws ? parseTarget(server.endpoints.ws.url) : undefined,
      domain,
      secondDomain: second,
      trust: { ca: server.certificate.cert },
      tls,
      provisioner: new EmbeddedProvisioner(server.accounts, domain),
      federation,
      component: server.endpoints.component && {
        endpoint: { kind: "tcp", ...server.endpoints.component },
        ...component,
      },
      capabilities: new Set(),
      mechanisms: [],
    };
    const embedded = server;
    const stop = async () => {
      await embedded.stop();
      await federation.stop();
    };
    return { target, url, server: { stop }, embedded };
  }
  if (a.fault.length) throw new ConfigError("--fault applies to the embedded server only (no --target)");
  const endpoint = endpointOf(a.target, "target");
  const domain = a.domain ?? endpoint.host;
  let ca: string | undefined;
  if (a["tls-ca"]) {
    try {
      ca = readFileSync(a["tls-ca"], "utf8");
    } catch (err) {
      throw new ConfigError(
        `--tls-ca: cannot read ${a["tls-ca"]}: ${(err as NodeJS.ErrnoException).code ?? err}`,
      );
    }
  }
  let provisioner: Target["provisioner"];
  try {
    provisioner = provisionerFor(a, domain);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  let component: Target["component"];
  try {
    component = remoteComponent(a);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const federation = await startRemoteFederation(a, ca);
  const target: Target = {
    name: a.target,
    endpoint,
    directTls: a["direct-tls"] ? endpointOf(a["direct-tls"], "direct-tls") : undefined,
    websocket: a.websocket ? endpointOf(a.websocket, "websocket") : undefined,
    domain,
    secondDomain: a["second-domain"],
    trust: { ca, insecure: a.insecure },
    tls,
    provisioner,
    federation,
    component,
    capabilities: new Set(),
    mechanisms: [],
  };
  return { target, url: a.target, server: federation && { stop: () => federation.stop() } };
}
