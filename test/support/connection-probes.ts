// What the connection-fault probes share: a probe's type, clients opened to a given server, and reading the
// stream error some data causes, with a barrier the server answers in order.
import type { ReferenceServer, ReferenceServerOptions } from "../../harness/server/server.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { type Attrs, headerText, Raw } from "./raw-client.ts";

export type Probe = (s: ReferenceServer) => Promise<boolean>;

export async function opened(s: ReferenceServer, attrs: Attrs = {}): Promise<Raw> {
  const c = await Raw.tcp(s.endpoints.tcp.port);
  await c.open(attrs);
  return c;
}

export async function securedOn(s: ReferenceServer): Promise<Raw> {
  const c = await opened(s);
  await c.starttls(s.certificate.cert);
  await c.open();
  return c;
}

/** The condition of the stream error a header with these attributes gets, or "" when features come. */
export async function headerCondition(s: ReferenceServer, attrs: Attrs): Promise<string> {
  const c = await Raw.tcp(s.endpoints.tcp.port);
  c.send(headerText(attrs));
  const el = await c.featuresOrNext();
  c.destroy();
  return el.is("error", NS.stream) ? (el.getChildElements()[0]?.name ?? "") : "";
}

export const ABORT = xml("abort", { xmlns: NS.sasl });
export const PING = xml("iq", { type: "get", id: "barrier" }, xml("ping", { xmlns: NS.ping }));

/**
 * Send `data`, then a `barrier` the server answers (RFC 6120 §10.1: in order): the condition of the stream
 * error `data` caused, or "" when the barrier's answer (or any other answer) comes first.
 */
export async function streamErrorAfter(c: Raw, data: string, barrier: Element): Promise<string> {
  c.send(data);
  c.sendEl(barrier);
  const el = await c.next();
  c.destroy();
  return el.is("error", NS.stream) ? (el.getChildElements()[0]?.name ?? "") : "";
}

/** Probes by fault name; `opts` configure both the clean and the faulty server. */
export type Probes = Record<string, { opts?: ReferenceServerOptions; holds: Probe }>;
