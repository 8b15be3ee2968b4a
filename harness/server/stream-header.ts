// Checking an initial stream header (RFC 6120 §4.7, §4.8; RFC 7395 §3.3.2, §3.4) and building the answer.
import { prepareDomain, tryParseJid } from "../jid.ts";
import { type Element, NS } from "../xml/element.ts";
import type { HeaderFaultHooks } from "./fault-hooks-stream.ts";
import type { StreamCondition } from "./stream-errors.ts";

/** The only language the server writes human-readable text in (RFC 6120 §4.7.4). */
export const SERVER_LANG = "en";

export interface HeaderContext {
  framed: boolean;
  /** Prepared domains served. */
  domains: ReadonlySet<string>;
  /** Answered in 'from' when the client named no domain we serve (§4.9.1.3: an authoritative FQDN). */
  defaultDomain: string;
  /** What the active faults make of the checks. */
  hooks: HeaderFaultHooks;
}

export interface HeaderVerdict {
  /** The domain this stream is served as (the 'to' when we serve it, else the default domain). */
  domain: string;
  /** Attributes of the response header (before the id, which the connection adds). */
  response: Record<string, string>;
  /** The client's xml:lang, remembered as the default for its stanzas (§4.7.4). */
  clientLang?: string;
  /** The client's 'from' when it is a valid JID (§6.4.6 correlation). */
  clientFrom?: string;
  error?: { condition: StreamCondition; text: string };
}

interface Version {
  major: number;
  minor: number;
}

/** "<major>.<minor>", each a separate integer; leading zeros ignored (§4.7.5). */
function parseVersion(v: string): Version | null {
  const m = /^(\d{1,9})\.(\d{1,9})$/.exec(v);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

function lower(a: Version, b: Version): Version {
  return a.major < b.major || (a.major === b.major && a.minor < b.minor) ? a : b;
}

const OURS: Version = { major: 1, minor: 0 };

function nameParts(el: Element): { prefix: string | undefined; local: string; ns: string | undefined } {
  const i = el.name.indexOf(":");
  const prefix = i < 0 ? undefined : el.name.slice(0, i);
  const local = i < 0 ? el.name : el.name.slice(i + 1);
  const ns = prefix === undefined ? el.attrs.xmlns : el.attrs[`xmlns:${prefix}`];
  return { prefix, local, ns: ns ?? el.getNS() };
}

function preparedOrNull(domain: string): string | null {
  try {
    return prepareDomain(domain);
  } catch {
    return null;
  }
}

/** Namespace checks of the header element itself; the first failure wins. */
function namespaceError(el: Element, ctx: HeaderContext): HeaderVerdict["error"] {
  const { prefix, local, ns } = nameParts(el);
  if (ctx.framed) {
    // RFC 7395 §3.3.2: <open/> MUST be qualified by the framing namespace, else <invalid-namespace/>.
    if (local !== "open" || ns !== NS.framing) {
      return {
        condition: "invalid-namespace",
        text: `the stream header must be <open xmlns='${NS.framing}'/>`,
      };
    }
    return undefined;
  }
  if (ns !== NS.stream && !ctx.hooks.acceptsStreamNamespace(local)) {
    // §4.8.1: the root element MUST be qualified by the stream namespace, else <invalid-namespace/>.
    return { condition: "invalid-namespace", text: `the stream element must be qualified by '${NS.stream}'` };
  }
  if (local !== "stream") {
    return { condition: "bad-format", text: `the root element must be <stream:stream/>, not <${el.name}/>` };
  }
  if (prefix !== "stream") {
    // §4.8.5: an implementation MAY accept only the prefix 'stream'; an unaccepted prefix (or none, which
    // would make the stream namespace the content namespace) is <bad-namespace-prefix/>.
    return { condition: "bad-namespace-prefix", text: "the stream namespace prefix must be 'stream'" };
  }
  const content = el.attrs.xmlns;
  // §4.8.2: the content namespace may also be left undeclared (prefix-free canonicalization); when
  // declared on a client stream it must be 'jabber:client' (§4.9.3.10 <invalid-namespace/>).
  if (content !== undefined && content !== NS.client) {
    return { condition: "invalid-namespace", text: `the content namespace must be '${NS.client}'` };
  }
  for (const attr of Object.keys(el.attrs)) {
    // §4.8.5: namespaces for extended content MUST NOT be declared in the stream header; the other party
    // SHOULD close the stream with <invalid-namespace/>.
    if (
      attr.startsWith("xmlns:") &&
      attr !== "xmlns:stream" &&
      attr !== "xmlns:xml" &&
      !ctx.hooks.acceptsHeaderNamespace()
    ) {
      return {
        condition: "invalid-namespace",
        text: `no namespace other than the stream's may be declared here`,
      };
    }
  }
  return undefined;
}

export function checkHeader(el: Element, ctx: HeaderContext): HeaderVerdict {
  const attrs = el.attrs;
  const verdict: HeaderVerdict = { domain: ctx.defaultDomain, response: {} };
  verdict.error = namespaceError(el, ctx);

  // 'to' (§4.7.2). A missing 'to' is answered like an unknown one: §4.9.1.3 treats "no 'to' attribute"
  // and "an unknown host in the 'to' attribute" together, and <host-unknown/> (§4.9.3.6) is the condition
  // for a 'to' that names no domain we serve; an absent one names none.
  const to = attrs.to;
  const served = to === undefined ? null : preparedOrNull(to);
  if (served !== null && ctx.domains.has(served)) {
    verdict.domain = served;
  } else if (ctx.hooks.servesUnknownHost(to)) {
    verdict.domain = to;
  } else {
    verdict.error ??= {
      condition: "host-unknown",
      text: to === undefined ? "the stream header has no 'to'" : `this server does not serve '${to}'`,
    };
  }

  // 'from' (§4.7.2): answer with 'to' = the bare JID of the client's 'from', and no 'to' without one.
  const from = attrs.from;
  const fromJid = from === undefined ? null : tryParseJid(from);
  if (fromJid) verdict.clientFrom = fromJid.bare().toString();
  const responseTo = from !== undefined ? (fromJid?.bare().toString() ?? from) : undefined;

  // 'version' (§4.7.5): answer with the lower of the two; without one the peer speaks 0.9 and our answer
  // carries none. The reference server speaks only 1.x, so anything else is <unsupported-version/>.
  let responseVersion: string | undefined = "1.0";
  if (attrs.version === undefined) {
    responseVersion = undefined;
    verdict.error ??= { condition: "unsupported-version", text: "no 'version': XMPP 0.9 is not supported" };
  } else {
    const v = ctx.hooks.rejectsVersion(attrs.version) ? null : parseVersion(attrs.version);
    const echoed = v && ctx.hooks.echoedVersion(v);
    if (!v) {
      verdict.error ??= { condition: "unsupported-version", text: `malformed version '${attrs.version}'` };
    } else if (echoed) {
      responseVersion = echoed;
    } else {
      const answered = lower(v, OURS);
      responseVersion = `${answered.major}.${answered.minor}`;
      if (v.major !== 1) {
        verdict.error ??= {
          condition: "unsupported-version",
          text: `XMPP ${attrs.version} is not supported`,
        };
      }
    }
  }

  // xml:lang (§4.7.4): we write English only, so the answer is always our default; the client's value is
  // remembered for its stanzas.
  const lang = attrs["xml:lang"];
  if (lang !== undefined && /^[A-Za-z0-9-]{1,64}$/.test(lang)) verdict.clientLang = lang;

  const response: Record<string, string> = { from: verdict.domain };
  if (responseTo !== undefined) response.to = responseTo;
  if (responseVersion !== undefined) response.version = responseVersion;
  response["xml:lang"] = SERVER_LANG;
  // The connection adds the id (§4.7.3: the client's MUST be ignored).
  verdict.response = response;
  return verdict;
}
