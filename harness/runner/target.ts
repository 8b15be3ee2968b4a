// What the run is pointed at, and what a sanity probe found it offers.

import type { TlsPolicy } from "../session.ts";
import { Session } from "../session.ts";
import { Transcript } from "../transcript.ts";
import type { Endpoint, TlsTrust } from "../transport/transport.ts";
import { NS } from "../xml/element.ts";
import type { AccountProvisioner } from "./accounts.ts";
import type { Need } from "./case.ts";
import type { ComponentTarget } from "./component-config.ts";
import type { Federation } from "./federation.ts";
import { probeFederation } from "./probe-federation.ts";

export interface Target {
  /** "embedded" or the URL given. */
  name: string;
  /** The main client endpoint (STARTTLS-capable TCP, direct TLS or WebSocket). */
  endpoint: Endpoint;
  directTls?: Endpoint;
  websocket?: Endpoint;
  domain: string;
  /** A second domain served by the same target, when known. */
  secondDomain?: string;
  trust: TlsTrust;
  tls: TlsPolicy;
  provisioner: AccountProvisioner;
  /** The harness's federation side, when the run tests s2s (runner/federation.ts). */
  federation?: Federation;
  /** Where the harness connects as an XEP-0114 external component, when the run names it. */
  component?: ComponentTarget;
  /** Filled by probeTarget(). */
  capabilities: Set<Need>;
  /** Filled by probeTarget(): SASL mechanisms offered after TLS. */
  mechanisms: string[];
}

export interface ProbeResult {
  ok: boolean;
  /** One line when !ok: why the target cannot be tested. */
  reason?: string;
  transcript: Transcript;
}

export interface StreamOpening {
  transcript: Transcript;
  label: string;
  /** The stream header, ms. */
  timeoutMs: number;
  /** The connection (TCP, TLS, WebSocket), ms; default the transport's. */
  connectTimeoutMs?: number;
}

/** A session to the target whose stream header has arrived; a failure throws, with nothing left open. */
export async function streamOpened(
  target: Pick<Target, "endpoint" | "domain" | "trust">,
  o: StreamOpening,
): Promise<Session> {
  const s = await Session.connect({
    endpoint: target.endpoint,
    domain: target.domain,
    trust: target.trust,
    ...o,
  });
  try {
    await s.openStream();
    return s;
  } catch (err) {
    await s.close().catch(() => {});
    throw err;
  }
}

/**
 * Sanity check before the run (tlsfuzzer style): open a stream, negotiate TLS, read what is offered.
 * Only an unreachable target, or one that sends no stream header, is unusable.
 */
export async function probeTarget(target: Target, timeoutMs: number): Promise<ProbeResult> {
  const transcript = new Transcript();
  const caps = target.capabilities;
  if (target.directTls) caps.add("direct-tls");
  if (target.websocket || target.endpoint.kind === "ws" || target.endpoint.kind === "wss")
    caps.add("websocket");
  if (target.endpoint.kind === "tcp" || target.endpoint.kind === "tls") caps.add("tcp");
  if (target.secondDomain) caps.add("second-domain");
  if (target.component) caps.add("component");
  let s: Session;
  try {
    s = await streamOpened(target, { transcript, label: "probe", timeoutMs });
  } catch (err) {
    // no connection, or no stream header: nothing here can be tested
    return { ok: false, reason: (err as Error).message, transcript };
  }
  try {
    // From here on a failure is the target's protocol fault, which the cases themselves judge:
    // the probe only learns what it can.
    await s.readFeatures();
    if (s.features?.getChild("starttls", NS.tls)) caps.add("tls");
    if (target.tls !== "none" && caps.has("tls")) await s.starttls();
    if (target.tls === "required" && !s.transport.secure) {
      return { ok: false, reason: "the target offers no STARTTLS but --tls is required", transcript };
    }
    if (s.features?.getChild("register", NS.registerFeature)) caps.add("registration");
    target.mechanisms = s.offeredMechanisms();
    for (const m of target.mechanisms) caps.add(`mechanism:${m}`);
    await probeFederation(target, timeoutMs, transcript);
    return { ok: true, transcript };
  } catch (err) {
    transcript.note("probe", `probe stopped early: ${(err as Error).message}`);
    return { ok: true, transcript };
  } finally {
    await s.close().catch(() => {});
  }
}
