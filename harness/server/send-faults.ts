// The connection-layer faults that only change what is sent: each one a rewrite of an outgoing element
// (or of its wire text), keyed by its name. ClientConnection sends everything through sendFiltered(), the
// one place they act, so the negotiation code in connection.ts, features.ts and stream-header.ts stays
// the RFC's.
import { type Element, NS, xml } from "../xml/element.ts";
import { streamFooter } from "../xml/serialize.ts";
import { commentedMessage } from "./fault-hooks-fuzz.ts";
import type { FaultCheck, FaultName } from "./faults/index.ts";
import {
  afterTlsChildren,
  type FeatureStage,
  mechanismsElement,
  OFFERED_MECHANISMS,
  preTlsChildren,
  starttlsElement,
} from "./features.ts";
import type { HeaderVerdict } from "./stream-header.ts";

/** Where in the stream an element goes out, for the rewrites that bend only some. */
export interface SendPoint {
  framed: boolean;
  /** The response stream header (<stream:stream> or <open/>). */
  header?: boolean;
  /** The client's stream header the response header answers, and what was read from it. */
  request?: { header: Element; verdict: HeaderVerdict };
  /** The response header goes out only to carry a stream error (§4.9.1.2). */
  forError?: boolean;
  /** Stream features: the stage they are offered at. */
  stage?: FeatureStage;
  /** A stream error: data that is not XML as it must be (a parser finding), or over a size limit. */
  cause?: "finding" | "oversize";
}

type ElementRewrite = (el: Element, at: SendPoint) => Element | null;
type TextRewrite = (text: string, el: Element, at: SendPoint) => string;

const isFeatures = (el: Element) => el.name === "stream:features";
const isSaslFailure = (el: Element) => el.name === "failure" && el.attrs.xmlns === NS.sasl;

/** A rewrite of the response header's attributes, when it answers a client's header. */
function answer(
  edit: (attrs: Element["attrs"], request: { header: Element; verdict: HeaderVerdict }) => void,
) {
  return (el: Element, at: SendPoint): Element => {
    if (at.header && at.request) edit(el.attrs, at.request);
    return el;
  };
}

/** A rewrite of the features' children at the stage where `when` holds. */
function offer(
  when: (s: FeatureStage) => boolean,
  edit: (children: Element[], s: FeatureStage) => Element[],
) {
  return (el: Element, at: SendPoint): Element => {
    if (isFeatures(el) && at.stage && when(at.stage)) el.children = edit(el.getChildElements(), at.stage);
    return el;
  };
}

/** A wrong condition in a stream error sent for `cause`. */
function condition(cause: SendPoint["cause"], from: string, to: string): ElementRewrite {
  return (el, at) => {
    const cond = el.name === "stream:error" ? el.getChild(from, NS.streams) : undefined;
    if (cond && at.cause === cause) cond.name = to;
    return el;
  };
}

/** Every stream error whose condition is one of `from` sent with `to` instead, whatever its cause. */
function renamed(from: readonly string[], to: string): ElementRewrite {
  return (el) => {
    if (el.name !== "stream:error") return el;
    for (const c of el.getChildElements())
      if (c.attrs.xmlns === NS.streams && from.includes(c.name)) c.name = to;
    return el;
  };
}

/** The specific conditions §4.9.3.1 lets <bad-format/> stand in for (its list, and the namespace ones). */
const XML_RELATED = [
  "bad-namespace-prefix",
  "invalid-xml",
  "not-well-formed",
  "restricted-xml",
  "unsupported-encoding",
  "invalid-namespace",
];

const beforeTls = (s: FeatureStage) => !s.authenticated && s.canStartTls && !s.secure;
const afterTls = (s: FeatureStage) => !s.authenticated && !(s.canStartTls && !s.secure);

const ELEMENT_REWRITES: { readonly [N in FaultName]?: ElementRewrite } = {
  // The response stream header (RFC 6120 §4.7).
  "no-error-header": (el, at) => (at.header && at.forError ? null : el),
  "error-header-no-from-id": (el, at) => {
    if (at.header && at.forError) {
      delete el.attrs.from;
      delete el.attrs.id;
    }
    return el;
  },
  "no-stream-id": (el, at) => {
    if (at.header) delete el.attrs.id;
    return el;
  },
  "echo-client-stream-id": answer((a, r) => {
    if (r.header.attrs.id !== undefined) a.id = r.header.attrs.id;
  }),
  "no-stream-from": answer((a) => delete a.from),
  "stream-to-ignores-from": answer((a, r) => {
    if (r.header.attrs.from !== undefined) delete a.to;
  }),
  "stream-to-without-from": answer((a, r) => {
    if (r.header.attrs.from === undefined) a.to = r.verdict.domain;
  }),
  "version-without-offer": answer((a, r) => {
    if (r.header.attrs.version === undefined) a.version = "1.0";
  }),
  "version-0": answer((a) => delete a.version),
  "no-stream-lang": answer((a) => delete a["xml:lang"]),
  "echo-stream-lang": answer((a, r) => {
    a["xml:lang"] = r.verdict.clientLang ?? "en";
  }),
  "wrong-content-namespace": (el, at) => {
    if (at.header && !at.framed) el.attrs.xmlns = NS.server;
    return el;
  },
  // Stream features (RFC 6120 §4.3.2, §5.3.1, §6.3.4, §7.4).
  "no-stream-features": (el) => (isFeatures(el) ? null : el),
  "no-starttls-feature": offer(beforeTls, (c) => c.filter((x) => x.name !== "starttls")),
  "no-tls-required-flag": offer(beforeTls, (c) =>
    c.map((x) => (x.name === "starttls" ? starttlsElement(false) : x)),
  ),
  "mechanisms-before-required-tls": offer(
    (s) => beforeTls(s) && s.tlsRequired,
    (c, s) => [...c, ...afterTlsChildren({ ...s, mechanisms: OFFERED_MECHANISMS })],
  ),
  "no-features-after-tls": offer(
    (s) => afterTls(s) && s.secure && !s.framed,
    (_, s) => preTlsChildren(s),
  ),
  "ws-advertises-starttls": offer(
    (s) => afterTls(s) && s.framed,
    (c) => [starttlsElement(false), ...c],
  ),
  "no-mechanisms-after-tls": offer(
    (s) => afterTls(s) && s.secure,
    (c) => c.filter((x) => x.name !== "mechanisms"),
  ),
  "stale-features-after-sasl": offer(
    (s) => s.authenticated,
    () => [mechanismsElement(OFFERED_MECHANISMS)],
  ),
  "mechanisms-in-one-element": offer(
    () => true,
    (c) =>
      c.map((x) =>
        x.name === "mechanisms"
          ? xml(
              "mechanisms",
              { xmlns: NS.sasl },
              xml(
                "mechanism",
                {},
                x
                  .getChildElements()
                  .map((m) => m.getText())
                  .join(" "),
              ),
            )
          : x,
      ),
  ),
  "bind-before-auth": offer(
    (s) => !s.authenticated,
    (c) => [...c, xml("bind", { xmlns: NS.bind })],
  ),
  // SASL (RFC 6120 §6.4.4, §6.4.5).
  "no-aborted": (el) => {
    const aborted = isSaslFailure(el) ? el.getChild("aborted") : undefined;
    if (aborted) aborted.name = "not-authorized";
    return el;
  },
  "sasl-failure-no-condition": (el) => {
    if (isSaslFailure(el) && !el.getChild("aborted")) el.children = [];
    return el;
  },
  // Stream errors (RFC 6120 §4.9).
  "wrong-stream-error": condition("finding", "not-well-formed", "undefined-condition"),
  "restricted-xml-mixed": condition("finding", "restricted-xml", "not-well-formed"),
  "spoofed-from-not-authorized": renamed(["invalid-from"], "not-authorized"),
  "encoding-wrong-condition": condition("finding", "unsupported-encoding", "undefined-condition"),
  "oversize-wrong-condition": condition("oversize", "policy-violation", "undefined-condition"),
  "rfc3920-not-well-formed": renamed(["not-well-formed"], "xml-not-well-formed"),
  "bad-format-for-xml-errors": renamed(XML_RELATED, "bad-format"),
  "invalid-namespace-as-unsupported-stanza-type": renamed(["invalid-namespace"], "unsupported-stanza-type"),
  "stream-error-extra-condition": (el) => {
    if (el.name === "stream:error")
      el.children.splice(1, 0, xml("undefined-condition", { xmlns: NS.streams }));
    return el;
  },
  "stream-error-text-no-ns": (el) => {
    if (el.name === "stream:error") delete el.getChild("text", NS.streams)?.attrs.xmlns;
    return el;
  },
  // Stanzas (RFC 6120 §4.8.5).
  "prefixed-messages": (el, at) => {
    if (el.name !== "message" || at.framed) return el;
    const prefixed = xml("client:message", { ...el.attrs, "xmlns:client": NS.client });
    prefixed.children = el.children;
    return prefixed;
  },
};

const TEXT_REWRITES: { readonly [N in FaultName]?: TextRewrite } = {
  // §11.5: no standalone document declaration in what the server sends.
  "standalone-in-declaration": (text, _, at) =>
    at.header && !at.framed
      ? text.replace("<?xml version='1.0'?>", "<?xml version='1.0' standalone='yes'?>")
      : text,
  // Whitespace where §5.4.2.3 and §6.4.2 want the TLS or SASL data to follow the element directly.
  "negotiation-whitespace": (text, el, at) =>
    el.name === "proceed" || (!at.framed && (el.name === "challenge" || el.name === "success"))
      ? `\n${text}`
      : text,
  // §4.3.3: the stream restarted after SASL is replaced, not closed.
  "close-before-sasl-restart": (text, el, at) =>
    el.name === "success" && !at.framed ? `${text}${streamFooter()}` : text,
  "relay-comment": (text, el, at) => (at.framed ? text : (commentedMessage(el) ?? text)),
};

/**
 * `el` as the active faults send it (null: not at all), then its wire text through their text rewrites.
 * The rewrites edit `el` in place; the caller passes an element built for this one send.
 */
// the tables are fixed: list them once, not at every element the server sends
const ELEMENT_LIST = Object.entries(ELEMENT_REWRITES) as [FaultName, ElementRewrite][];
const TEXT_LIST = Object.entries(TEXT_REWRITES) as [FaultName, TextRewrite][];

export function sendFiltered(
  fault: FaultCheck,
  el: Element,
  at: SendPoint,
  serialize: (el: Element) => string,
): string | null {
  let out: Element | null = el;
  for (const [name, rewrite] of ELEMENT_LIST) {
    if (out && fault(name)) out = rewrite(out, at);
  }
  if (!out) return null;
  let text = serialize(out);
  for (const [name, rewrite] of TEXT_LIST) {
    if (fault(name)) text = rewrite(text, out, at);
  }
  return text;
}
