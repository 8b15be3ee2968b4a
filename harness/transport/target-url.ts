// Target URLs: xmpp:// (STARTTLS), xmpps:// (direct TLS), ws:// and wss:// (RFC 7395).
import net from "node:net";
import { domainToASCII, domainToUnicode } from "node:url";
import type { Endpoint, TransportKind } from "./transport.ts";

export class TargetError extends Error {
  override readonly name = "TargetError";
}

export type Target = Endpoint & {
  /** XMPP domain: the `domain` query parameter, else the host (in Unicode) when it is a name, not an IP literal. */
  domain?: string;
};

const SCHEMES: Record<string, { kind: TransportKind; port: number }> = {
  "xmpp:": { kind: "tcp", port: 5222 },
  "xmpps:": { kind: "tls", port: 5223 },
  "ws:": { kind: "ws", port: 80 },
  "wss:": { kind: "wss", port: 443 },
};

const EXAMPLES = "xmpp://host:5222, xmpps://host:5223, ws://host:5280/xmpp-websocket or wss://...";

export function parseTarget(url: string): Target {
  const bad = (why: string) => new TargetError(`invalid target "${url}": ${why}`);
  const scheme = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(url.trim())?.[1]?.toLowerCase();
  if (!scheme) throw bad(`expected ${EXAMPLES}`);
  const spec = SCHEMES[scheme];
  if (!spec) throw bad(`unsupported scheme "${scheme.slice(0, -1)}" (use ${EXAMPLES})`);
  // Check the port ourselves: URL only says "Invalid URL".
  const authority = (/^[^:]+:\/\/([^/?#]*)/.exec(url.trim())?.[1] ?? "").replace(/^.*@/, "");
  const portText = /:([^:\]]*)$/.exec(authority)?.[1];
  if (portText !== undefined && portText !== "" && !/^\d+$/.test(portText))
    throw bad(`bad port "${portText}"`);
  if (portText && (Number(portText) < 1 || Number(portText) > 65535))
    throw bad(`port ${portText} out of range`);
  if (authority.slice(0, portText === undefined ? undefined : -portText.length - 1) === "")
    throw bad("missing host");

  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw bad(`not a valid URL (expected ${EXAMPLES})`);
  }
  if (u.username || u.password) throw bad("credentials do not belong in the target URL");
  if (u.hash) throw bad("a fragment is not allowed");
  let host = u.hostname.toLowerCase();
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (!host) throw bad("missing host");
  // Non-special schemes (xmpp:, xmpps:) keep an IDN host percent-encoded; DNS wants its A-label form.
  if (host.includes("%")) {
    try {
      host = domainToASCII(decodeURIComponent(host));
    } catch {
      host = "";
    }
    if (!host) throw bad(`bad host "${u.hostname}"`);
  }
  if (/\s/.test(host)) throw bad(`bad host "${host}"`);

  const params = new URLSearchParams(u.search);
  const domainParam = params.get("domain");
  params.delete("domain");
  const target: Target = { kind: spec.kind, host, port: u.port ? Number(u.port) : spec.port };
  if (spec.kind === "ws" || spec.kind === "wss") {
    const query = params.toString();
    target.path = (u.pathname || "/") + (query ? `?${query}` : "");
  } else {
    if (u.pathname !== "" && u.pathname !== "/")
      throw bad(`a path ("${u.pathname}") only applies to ws:// and wss://`);
    const extra = [...params.keys()];
    if (extra.length > 0) throw bad(`unknown parameter "${extra[0]}" (only "domain" is understood)`);
  }
  if (domainParam !== null) {
    if (!domainParam) throw bad("empty domain parameter");
    target.domain = domainParam.toLowerCase();
  } else if (!net.isIP(host)) {
    // XMPP addresses carry U-labels (RFC 7622 §3.2).
    target.domain = domainToUnicode(host);
  }
  return target;
}

/** The URL form of an endpoint: what connect uses for WebSockets and what messages show. */
export function formatTarget(ep: Endpoint): string {
  const scheme = { tcp: "xmpp", tls: "xmpps", ws: "ws", wss: "wss" }[ep.kind];
  const host = ep.host.includes(":") ? `[${ep.host}]` : ep.host;
  const path = ep.kind === "ws" || ep.kind === "wss" ? (ep.path ?? "/") : "";
  return `${scheme}://${host}:${ep.port}${path}`;
}

/** True for 127.0.0.0/8, ::1 (and ::ffff:127.x.x.x) and "localhost". Resolves nothing. */
export function isLoopback(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (h === "localhost" || h === "localhost.") return true;
  if (net.isIPv4(h)) return h.startsWith("127.");
  if (net.isIPv6(h)) {
    // The WHATWG serializer gives one canonical form: "::1", "::ffff:7f00:1".
    const canon = new URL(`http://[${h}]/`).hostname.slice(1, -1);
    return canon === "::1" || /^::ffff:7f[0-9a-f]{2}:/.test(canon);
  }
  return false;
}
