// `xmppspec serve`: the reference server standalone, until Ctrl-C.
import { writeFileSync } from "node:fs";
import { ReferenceServer } from "../../harness/server/server.ts";
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
}

function port(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 65535)
    throw new UsageError(`--${name} wants a port number 0-65535`);
  return v;
}

export async function serveCommand(a: ServeArgs): Promise<number> {
  let server: ReferenceServer;
  try {
    server = await ReferenceServer.start({
      port: port("port", a.port),
      tlsPort: port("tls-port", a["tls-port"]),
      wsPort: port("ws-port", a["ws-port"]),
      domains: a.domain.length ? a.domain : undefined,
      faults: a.fault,
      tls: a.tls === "required" ? "required" : "optional",
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  for (const spec of a.account) {
    const i = spec.indexOf(":");
    if (i <= 0) throw new UsageError(`--account wants user@domain:password, got '${spec}'`);
    const user = spec.slice(0, i);
    server.accounts.create(
      user.includes("@") ? user : `${user}@${[...server.domains][0]}`,
      spec.slice(i + 1),
    );
  }
  if (a["write-ca"]) writeFileSync(a["write-ca"], server.certificate.cert);
  const e = server.endpoints;
  process.stdout.write(
    [
      `xmppspec reference server for ${[...server.domains].join(", ")}`,
      `  c2s (STARTTLS)   xmpp://${e.tcp.host}:${e.tcp.port}`,
      e.tls ? `  direct TLS       xmpps://${e.tls.host}:${e.tls.port}` : "",
      e.ws ? `  WebSocket        ${e.ws.url}` : "",
      server.faults.size ? `  faults           ${[...server.faults].join(", ")}` : "",
      a["write-ca"] ? `  certificate      ${a["write-ca"]}` : "",
      "Ctrl-C stops it.",
    ]
      .filter(Boolean)
      .join("\n") + "\n",
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.stop();
  process.stdout.write("stopped\n");
  return 0;
}
