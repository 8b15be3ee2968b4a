// Target options shared by `run` and `fuzz`: the embedded server by default, or a URL.
import type { Argv } from "yargs";
import { PROVISION_METHODS } from "../../harness/runner/provision.ts";
import type { TargetArgs as RunnerTargetArgs } from "../../harness/runner/target-config.ts";
import { UsageError } from "./usage-error.ts";

export type TargetArgs = RunnerTargetArgs & { wait?: string };

/** A time as the flags take it: 60s, 5m, 1h, 1500ms; a bare number is seconds. */
export function parseDuration(s: string, flag = "duration"): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(s.trim());
  if (!m) throw new UsageError(`--${flag} wants a time like 60s, 5m or 1h, got '${s}'`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? "s") as "ms" | "s" | "m" | "h"];
  return Math.round(Number(m[1]) * unit);
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
        "user:password (or user@domain:password) of an existing account for --provision accounts (the default when given); repeatable. Each is reset before every case that uses it",
    })
    .option("provision", {
      type: "string",
      describe: `how test accounts are made on a --target: ${PROVISION_METHODS.join(", ")} (default: accounts with --account, else ibr, XEP-0077 in-band registration)`,
    })
    .option("admin-account", {
      type: "string",
      describe:
        "user:password of an admin of the target, for --provision admin (XEP-0133 add-user/delete-user)",
    })
    .option("provision-command", {
      type: "string",
      describe:
        "shell command that creates an account, for --provision command: {user} {domain} {password} {jid} are filled in (e.g. 'prosodyctl register {user} {domain} {password}')",
    })
    .option("deprovision-command", {
      type: "string",
      describe: "shell command that deletes an account after its case (e.g. 'prosodyctl deluser {jid}')",
    })
    .option("wait", {
      type: "string",
      describe:
        "keep connecting this long (30s, 2m) until the target answers a stream header: for a server started in the background",
    })
    .option("s2s-target", {
      type: "string",
      describe:
        "the target's server-to-server endpoint (host:port or xmpp://host:port): federation cases dial it as remote.test (docs/federation.md)",
    })
    .option("s2s-dns", {
      type: "string",
      describe:
        "loopback host:port where the harness answers DNS for its remote domains; point the target's resolver there for the cases where it dials out",
    })
    .option("s2s-pki", {
      type: "string",
      describe: "keep the harness's CA in this directory (tell the target once to trust DIR/ca.crt)",
    })
    .option("s2s-listen", {
      type: "string",
      describe:
        "loopback host:port where the harness listens as remote.test (default: a free port, published by --s2s-dns)",
    })
    .option("s2s-tls-ca", {
      type: "string",
      describe:
        "PEM file of the CA of the target's s2s certificate (default: --tls-ca, else the harness's CA)",
    })
    .option("component", {
      type: "string",
      describe:
        "the target's XEP-0114 component endpoint (xmpp://host:port): the harness connects there as an external component",
    })
    .option("component-secret", {
      type: "string",
      describe: "the shared secret of the --component handshake",
    })
    .option("component-domain", {
      type: "string",
      describe: "the component name the target services at --component (e.g. component.localhost)",
    })
    .option("fault", {
      type: "string",
      array: true,
      default: [] as string[],
      describe: "make the embedded server break a rule on purpose (see `xmppspec faults`); repeatable",
    });
}
