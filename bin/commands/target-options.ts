// Target options shared by `run` and `fuzz`: the embedded server by default, or a URL.
import type { Argv } from "yargs";
import type { TargetArgs } from "../../harness/runner/target-config.ts";

export type { TargetArgs };

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
