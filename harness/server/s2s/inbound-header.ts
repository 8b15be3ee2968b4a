// The initial header of an inbound server-to-server stream (RFC 6120 §4.7, §4.8): what is wrong with it, if
// anything, and the response header's attributes (§4.7.1, §4.7.2 for s2s).
import { prepareDomain, tryParseJid } from "../../jid.ts";
import { NS_DIALBACK } from "../../s2s/ns.ts";
import { type Element, NS } from "../../xml/element.ts";
import { qualify } from "../first-level.ts";
import type { StreamCondition } from "../stream-errors.ts";
import type { S2sStreamFaultHooks } from "./fault-hooks-s2s-streams.ts";

export interface InboundHeader {
  /** The served domain named in 'to' (or, with an error, the first domain we serve). */
  local: string;
  /** The peer's domain from 'from', when it gave a valid one. */
  peer?: string;
  error?: { condition: StreamCondition; text: string };
}

/** The prepared domain a 'from' or 'to' names, if it is a bare domain JID. */
export function domainOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const jid = tryParseJid(value);
  if (jid?.local !== "" || jid.resource !== "") return undefined;
  try {
    return prepareDomain(jid.domain);
  } catch {
    return undefined;
  }
}

/** `secure`: TLS is in place, so the initiating server MUST name itself in 'from' (§4.7.1). */
export function checkInboundHeader(
  el: Element,
  domains: ReadonlySet<string>,
  secure: boolean,
  hooks: S2sStreamFaultHooks,
): InboundHeader {
  const first = [...domains][0] ?? "localhost";
  const { prefix, local, ns } = qualify(el, false);
  const to = domainOf(el.attrs.to);
  const served = to !== undefined && (domains.has(to) || hooks.ignoresHeaderTo());
  const out: InboundHeader = { local: to !== undefined && domains.has(to) ? to : first };
  const from = domainOf(el.attrs.from);
  if (from !== undefined) out.peer = from;
  const fail = (condition: StreamCondition, text: string) => {
    out.error ??= { condition, text };
    return out;
  };
  if (ns !== NS.stream || local !== "stream") {
    return fail(
      "invalid-namespace",
      `the stream element must be <stream:stream xmlns:stream='${NS.stream}'/>`,
    );
  }
  if (prefix !== "stream")
    return fail("bad-namespace-prefix", "the stream namespace prefix must be 'stream'");
  // §4.8.2: the content namespace of a server-to-server stream is 'jabber:server' (a 'jabber:client'
  // stream on the s2s port is §4.9.3.10 <invalid-namespace/>).
  if (!hooks.contentNamespaceOk(el.attrs.xmlns)) {
    return fail("invalid-namespace", `the content namespace of a server-to-server stream is '${NS.server}'`);
  }
  for (const attr of Object.keys(el.attrs)) {
    const declared = attr.startsWith("xmlns:") && !["xmlns:stream", "xmlns:db", "xmlns:xml"].includes(attr);
    if (declared || (attr === "xmlns:db" && el.attrs[attr] !== NS_DIALBACK)) {
      return fail("invalid-namespace", "no namespace but the stream's and dialback's may be declared here");
    }
  }
  // §4.9.1.3 / §4.9.3.6: no 'to', or a domain we do not serve.
  if (!served) {
    return fail(
      "host-unknown",
      el.attrs.to === undefined ? "no 'to' in the header" : `'${el.attrs.to}' is not served here`,
    );
  }
  if (el.attrs.from !== undefined && from === undefined) {
    return fail("invalid-from", `'${el.attrs.from}' is not a domain`);
  }
  if ((secure || hooks.requiresFrom()) && from === undefined) {
    // §4.7.1: a server MUST include 'from' once the stream is protected by TLS.
    return fail("improper-addressing", "a server names itself in 'from' after TLS");
  }
  const version = el.attrs.version;
  if (version === undefined || !/^0*1\.\d{1,9}$/.test(version)) {
    return fail("unsupported-version", `XMPP ${version ?? "0.9"} is not supported`);
  }
  return out;
}

/** The response header (§4.7.1: 'from' = the served domain; §4.7.2: 'to' = the peer's 'from'). */
export function responseAttrs(h: InboundHeader, id: string): Record<string, string> {
  const attrs: Record<string, string> = {
    xmlns: NS.server,
    "xmlns:stream": NS.stream,
    "xmlns:db": NS_DIALBACK,
    from: h.local,
    id,
    version: "1.0",
    "xml:lang": "en",
  };
  if (h.peer !== undefined) attrs.to = h.peer;
  return attrs;
}
