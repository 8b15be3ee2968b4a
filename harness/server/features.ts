// The <stream:features/> the reference server offers at each stage of negotiation (RFC 6120 §4.3.2).
// Faults that change what is offered are rewrites at the send path (./send-faults.ts).
import { type Element, NS, xml } from "../xml/element.ts";
import { csiFeature } from "./csi.ts";
import { sasl2Feature } from "./sasl2.ts";

/** Strongest first: the order is the server's preference (RFC 6120 §6.4.1). */
export const OFFERED_MECHANISMS = ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"] as const;

export interface FeatureStage {
  /** The link can still be upgraded with STARTTLS (plain TCP, not WebSocket). */
  canStartTls: boolean;
  secure: boolean;
  authenticated: boolean;
  tlsRequired: boolean;
  registration: boolean;
  framed: boolean;
  /** The SASL mechanisms offered (and accepted). */
  mechanisms: readonly string[];
  /** Features the stanza layer needs advertised after authentication (roster versioning, pre-approval). */
  afterAuth: Element[];
}

export function mechanismsElement(mechanisms: readonly string[]): Element {
  return xml(
    "mechanisms",
    { xmlns: NS.sasl },
    mechanisms.map((m) => xml("mechanism", {}, m)),
  );
}

export function starttlsElement(required: boolean): Element {
  return xml("starttls", { xmlns: NS.tls }, required ? xml("required") : null);
}

/** Before TLS (STARTTLS port only), before SASL: STARTTLS first, the rest unless TLS is required. */
export function preTlsChildren(s: FeatureStage): Element[] {
  // RFC 6120 §5.3.1 (SHOULD NOT offer anything but STARTTLS when it is mandatory) and §6.3.4 (MUST NOT
  // offer a mechanism that needs TLS first): with TLS required, nothing else before TLS.
  if (s.tlsRequired) return [starttlsElement(true)];
  return [starttlsElement(false), ...afterTlsChildren(s)];
}

/** After TLS, or over a transport where TLS is not ours to offer (direct TLS, WebSocket). */
export function afterTlsChildren(s: FeatureStage): Element[] {
  // XEP-0388 SASL2 alongside RFC 6120 SASL, same mechanisms
  const out = [mechanismsElement(s.mechanisms), sasl2Feature(s.mechanisms)];
  if (s.registration) out.push(xml("register", { xmlns: NS.registerFeature }));
  return out;
}

export function featuresFor(s: FeatureStage): Element {
  const children = s.authenticated
    ? // After SASL: resource binding (§7.4; the legacy <session/> is optional and left out), XEP-0352 CSI.
      [xml("bind", { xmlns: NS.bind }), csiFeature(), ...s.afterAuth]
    : s.canStartTls && !s.secure
      ? preTlsChildren(s)
      : afterTlsChildren(s);
  return xml("stream:features", s.framed ? { "xmlns:stream": NS.stream } : {}, children);
}
