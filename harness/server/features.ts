// The <stream:features/> the reference server offers at each stage of negotiation (RFC 6120 §4.3.2).
import { type Element, NS, xml } from "../xml/element.ts";
import type { FaultName } from "./faults/index.ts";

/** Strongest first: the order is the server's preference (RFC 6120 §6.4.1). */
export const OFFERED_MECHANISMS = ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"] as const;

/** The mechanisms offered and accepted; the no-scram-sha-1 fault drops the MTI one (RFC 6120 §13.8.1). */
export function offeredMechanisms(fault: (name: FaultName) => boolean): readonly string[] {
  return fault("no-scram-sha-1") ? OFFERED_MECHANISMS.filter((m) => m !== "SCRAM-SHA-1") : OFFERED_MECHANISMS;
}

export interface FeatureStage {
  /** The link can still be upgraded with STARTTLS (plain TCP, not WebSocket). */
  canStartTls: boolean;
  secure: boolean;
  authenticated: boolean;
  tlsRequired: boolean;
  registration: boolean;
  framed: boolean;
  /** Features the stanza layer needs advertised after authentication (roster versioning, pre-approval). */
  afterAuth: Element[];
  fault(name: FaultName): boolean;
}

function mechanisms(s: FeatureStage): Element {
  if (s.fault("mechanisms-in-one-element"))
    return xml("mechanisms", { xmlns: NS.sasl }, xml("mechanism", {}, offeredMechanisms(s.fault).join(" ")));
  return xml(
    "mechanisms",
    { xmlns: NS.sasl },
    offeredMechanisms(s.fault).map((m) => xml("mechanism", {}, m)),
  );
}

function starttls(required: boolean): Element {
  return xml("starttls", { xmlns: NS.tls }, required ? xml("required") : null);
}

/** Before TLS (STARTTLS port only), before SASL: STARTTLS first, the rest unless TLS is required. */
function preTlsChildren(s: FeatureStage): Element[] {
  const flagRequired = s.tlsRequired && !s.fault("no-tls-required-flag");
  const out: Element[] = [];
  if (!s.fault("no-starttls-feature")) out.push(starttls(flagRequired));
  // RFC 6120 §5.3.1 (SHOULD NOT offer anything but STARTTLS when it is mandatory) and §6.3.4 (MUST NOT
  // offer a mechanism that needs TLS first): with TLS required, nothing else before TLS.
  if (!s.tlsRequired || s.fault("mechanisms-before-required-tls")) {
    out.push(mechanisms(s));
    if (s.registration) out.push(xml("register", { xmlns: NS.registerFeature }));
  }
  return out;
}

export function featuresFor(s: FeatureStage): Element {
  let children: Element[];
  if (s.authenticated) {
    // After SASL: resource binding only (§7.4); the legacy <session/> is optional and left out.
    children = s.fault("stale-features-after-sasl")
      ? [mechanisms(s)]
      : [xml("bind", { xmlns: NS.bind }), ...s.afterAuth];
  } else if (s.canStartTls && !s.secure) {
    children = preTlsChildren(s);
  } else if (s.secure && !s.framed && s.fault("no-features-after-tls")) {
    children = preTlsChildren({ ...s, secure: false });
  } else {
    // After TLS, or over a transport where TLS is not ours to offer (direct TLS, WebSocket).
    children = [];
    if (s.framed && s.fault("ws-advertises-starttls")) children.push(starttls(false));
    if (!(s.secure && s.fault("no-mechanisms-after-tls"))) children.push(mechanisms(s));
    if (s.registration) children.push(xml("register", { xmlns: NS.registerFeature }));
  }
  if (!s.authenticated && s.fault("bind-before-auth")) children.push(xml("bind", { xmlns: NS.bind }));
  return xml("stream:features", s.framed ? { "xmlns:stream": NS.stream } : {}, children);
}
