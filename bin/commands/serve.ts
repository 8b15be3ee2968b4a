// `xmppspec serve`: the reference server standalone, until Ctrl-C; with --federate, more reference
// servers for other domains, all federating with each other over s2s on loopback.
import { writeFileSync } from "node:fs";
import { Pki } from "../../harness/pki/pki.ts";
import { embeddedComponent } from "../../harness/runner/component-config.ts";
import { startFederation } from "../../harness/server/s2s/federation.ts";
import { ReferenceServer, type ReferenceServerOptions } from "../../harness/server/server.ts";
import { UsageError } from "./usage-error.ts";

export interface ServeArgs {
  port: number;
  "tls-port": number;
  "ws-port": number;
  domain: string[];
  fault: string[];
  account: string[];
  tls: string;
  "write-ca"?: string;
  federate: string[];
  /** XEP-0077 in-band registration (false: the disabled path). */
  registration?: boolean;
  "component-port": number;
  "component-domain"?: string;
  "component-secret"?: string;
}

function port(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 65535)
    throw new UsageError(`--${name} wants a port number 0-65535`);
  return v;
}

/** The XEP-0114 component the first server services: the flags', or a fresh name and secret. */
function componentOf(a: ServeArgs): { domain: string; secret: string } {
  const fresh = embeddedComponent(a.domain[0] ?? "localhost");
  return { domain: a["component-domain"] ?? fresh.domain, secret: a["component-secret"] ?? fresh.secret };
}

async function startServers(
  a: ServeArgs,
  component: { domain: string; secret: string },
): Promise<ReferenceServer[]> {
  const domains = a.domain.length ? a.domain : undefined;
  const main: ReferenceServerOptions = {
    port: port("port", a.port),
    tlsPort: port("tls-port", a["tls-port"]),
    wsPort: port("ws-port", a["ws-port"]),
    faults: a.fault,
    tls: a.tls === "required" ? "required" : "optional",
    registration: a.registration ?? true,
    component: { port: port("component-port", a["component-port"]), ...component },
  };
  try {
    if (!a.federate.length) return [await ReferenceServer.start({ ...main, domains })];
    const peers = a.federate.map((d) =>
      d
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    );
    // the peers get ephemeral ports; faults apply to the first server only (the one under test)
    return await startFederation(
      [
        { domains: domains ?? ["localhost", "example.test"], options: main },
        ...peers.map((ds) => ({
          domains: ds,
          options: { tlsPort: null, wsPort: null, component: undefined },
        })),
      ],
      await Pki.create(),
    );
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function describe(server: ReferenceServer, component?: { domain: string; secret: string }): string[] {
  const e = server.endpoints;
  return [
    `xmppspec reference server for ${[...server.domains].join(", ")}`,
    `  c2s (STARTTLS)   xmpp://${e.tcp.host}:${e.tcp.port}`,
    e.tls ? `  direct TLS       xmpps://${e.tls.host}:${e.tls.port}` : "",
    e.ws ? `  WebSocket        ${e.ws.url}` : "",
    e.s2s ? `  s2s              ${e.s2s.host}:${e.s2s.port}` : "",
    e.component && component
      ? `  component        xmpp://${e.component.host}:${e.component.port} (${component.domain}, secret ${component.secret})`
      : "",
    server.faults.size ? `  faults           ${[...server.faults].join(", ")}` : "",
  ];
}

export async function serveCommand(a: ServeArgs): Promise<number> {
  const component = componentOf(a);
  const servers = await startServers(a, component);
  for (const spec of a.account) {
    const i = spec.indexOf(":");
    if (i <= 0) throw new UsageError(`--account wants user@domain:password, got '${spec}'`);
    const user = spec.slice(0, i);
    const jid = user.includes("@") ? user : `${user}@${[...servers[0].domains][0]}`;
    const home = servers.find((s) => s.domains.includes(jid.slice(jid.indexOf("@") + 1))) ?? servers[0];
    home.accounts.create(jid, spec.slice(i + 1));
  }
  if (a["write-ca"]) writeFileSync(a["write-ca"], servers[0].certificate.cert);
  const lines = [
    ...servers.flatMap((s, i) => describe(s, i === 0 ? component : undefined)),
    a["write-ca"] ? `  certificate      ${a["write-ca"]}` : "",
    "Ctrl-C stops it.",
  ];
  process.stdout.write(`${lines.filter(Boolean).join("\n")}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await Promise.all(servers.map((s) => s.stop()));
  process.stdout.write("stopped\n");
  return 0;
}
