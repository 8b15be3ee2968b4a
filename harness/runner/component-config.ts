// The target's XEP-0114 component side: where the harness connects as an external component, with which
// secret and name (--component, --component-secret, --component-domain; the embedded server's own).
import { randomBytes } from "node:crypto";
import { parseTarget } from "../transport/target-url.ts";
import type { Endpoint } from "../transport/transport.ts";
import { ConfigError } from "./config-error.ts";

export interface ComponentTarget {
  /** The target's component port (plain TCP: XEP-0114 streams do not negotiate TLS). */
  endpoint: Endpoint;
  /** The component name the target services: the 'to' of the component's stream header. */
  domain: string;
  /** The shared secret of the handshake. */
  secret: string;
}

/** The flags, as the CLI spells them. */
export interface ComponentArgs {
  /** The target's component endpoint, xmpp://host:port or host:port. */
  component?: string;
  "component-secret"?: string;
  "component-domain"?: string;
}

/** Why a case that connects as a component SKIPs on a run without one. */
export const COMPONENT_SKIP =
  "the run names no component endpoint of the target (give --component xmpp://host:port --component-secret S --component-domain NAME)";

/** The component side of a --target run, or undefined without --component; incomplete flags throw. */
export function remoteComponent(a: ComponentArgs): ComponentTarget | undefined {
  const secret = a["component-secret"];
  const domain = a["component-domain"];
  if (a.component === undefined) {
    if (secret !== undefined || domain !== undefined)
      throw new ConfigError("--component-secret and --component-domain go with --component xmpp://host:port");
    return undefined;
  }
  if (secret === undefined || domain === undefined)
    throw new ConfigError("--component needs --component-secret and --component-domain too");
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(a.component) ? a.component : `xmpp://${a.component}`;
  let endpoint: Endpoint;
  try {
    endpoint = parseTarget(url);
  } catch (err) {
    throw new ConfigError(`--component: ${(err as Error).message}`);
  }
  if (endpoint.kind !== "tcp") throw new ConfigError("--component wants xmpp://host:port (a plain TCP port)");
  return { endpoint, domain, secret };
}

/** What the embedded server is started with: a component name below its first domain, a fresh secret. */
export function embeddedComponent(firstDomain: string): { domain: string; secret: string } {
  return { domain: `component.${firstDomain}`, secret: randomBytes(12).toString("hex") };
}
