// Target options shared by `run` and `fuzz`: the embedded server by default, or a URL.
import { readFileSync } from "node:fs";
import type { Argv } from "yargs";
import { EmbeddedProvisioner, InBandProvisioner, PoolProvisioner } from "../../harness/runner/accounts.ts";
import type { Target } from "../../harness/runner/target.ts";
import { ReferenceServer } from "../../harness/server/server.ts";
import type { TlsPolicy } from "../../harness/session.ts";
import { parseTarget } from "../../harness/transport/target-url.ts";
import type { Endpoint } from "../../harness/transport/transport.ts";
import { UsageError } from "./usage-error.ts";

export interface TargetArgs {
  target?: string;
  domain?: string;
  "second-domain"?: string;
  "direct-tls"?: string;
  websocket?: string;
  tls: string;
  "tls-ca"?: string;
  insecure: boolean;
  account: string[];
  fault: string[];
}

export function targetOptions<T>(y: Argv<T>) {
  return y
    .option("target", {
      type: "string",
      describe:
        "xmpp://host:port (STARTTLS), xmpps://host:port (direct TLS), ws:// or wss:// URL; default: the embedded reference server",
    })
    .option("domain", { type: "string", describe: "XMPP domain of the target (default: the URL's host)" })
    .option("second-domain", {
      type: "string",
      describe: "another domain the target serves (cross-domain cases)",
    })
    .option("direct-tls", {
      type: "string",
      describe: "the target's direct TLS endpoint (xmpps://host:port), for XEP-0368 cases",
    })
    .option("websocket", {
      type: "string",
      describe: "the target's WebSocket endpoint (ws:// or wss:// URL), for RFC 7395 cases",
    })
    .option("tls", {
      choices: ["required", "optional", "none"],
      default: "optional",
      describe: "STARTTLS policy",
    })
    .option("tls-ca", { type: "string", describe: "PEM file of the CA that signed the target's certificate" })
    .option("insecure", { type: "boolean", default: false, describe: "accept any TLS certificate" })
    .option("account", {
      type: "string",
      array: true,
      default: [] as string[],
      describe:
        "user:password (or user@domain:password) of an existing account; repeatable. Default: in-band registration",
    })
    .option("fault", {
      type: "string",
      array: true,
      default: [] as string[],
      describe: "make the embedded server break a rule on purpose (see `xmppspec faults`); repeatable",
    });
}

export interface ResolvedTarget {
  target: Target;
  url: string;
  server?: ReferenceServer;
}

function endpointOf(url: string, flag: string): Endpoint {
  try {
    return parseTarget(url);
  } catch (err) {
    throw new UsageError(`--${flag}: ${(err as Error).message}`);
  }
}

/** Start the embedded server or describe the remote target. Usage mistakes throw UsageError. */
export async function resolveTarget(a: TargetArgs): Promise<ResolvedTarget> {
  const tls = a.tls as TlsPolicy;
  if (!a.target) {
    if (a["tls-ca"] || a.insecure || a.account.length) {
      throw new UsageError(
        "--tls-ca, --insecure and --account apply to a --target; the embedded server needs none",
      );
    }
    let server: ReferenceServer;
    try {
      server = await ReferenceServer.start({ faults: a.fault });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
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
      capabilities: new Set(),
      mechanisms: [],
    };
    return { target, url, server };
  }
  if (a.fault.length) throw new UsageError("--fault applies to the embedded server only (no --target)");
  const endpoint = endpointOf(a.target, "target");
  const domain = a.domain ?? endpoint.host;
  let ca: string | undefined;
  if (a["tls-ca"]) {
    try {
      ca = readFileSync(a["tls-ca"], "utf8");
    } catch (err) {
      throw new UsageError(
        `--tls-ca: cannot read ${a["tls-ca"]}: ${(err as NodeJS.ErrnoException).code ?? err}`,
      );
    }
  }
  let provisioner: Target["provisioner"];
  try {
    provisioner = a.account.length
      ? new PoolProvisioner(PoolProvisioner.parse(a.account, domain), domain)
      : new InBandProvisioner(domain);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
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
    capabilities: new Set(),
    mechanisms: [],
  };
  return { target, url: a.target };
}
