// RFC 6120 §4.9.3.19 <see-other-host/>: where a receiving server sends the initiating server, as the
// element's character data says ("domainpart" or "domainpart:port", an IPv6 address in brackets).
import net from "node:net";

export interface Redirect {
  /** An IP address to connect to as it is, or an FQDN to resolve (§3.2). */
  host: string;
  port?: number;
  ip: boolean;
}

/** The redirect the character data names, or undefined when it names none we could follow. */
export function parseRedirect(text: string): Redirect | undefined {
  const t = text.trim();
  const m = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(t) ?? /^([^:[\]\s]+)(?::(\d{1,5}))?$/.exec(t);
  if (!m?.[1]) return undefined;
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return { host: m[1], port, ip: net.isIP(m[1]) !== 0 };
}
