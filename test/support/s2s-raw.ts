// A raw server-to-server peer for the embedded server's s2s port: the stream header a server sends, TLS
// with or without a client certificate, SASL EXTERNAL.

import type { KeyPair } from "../../harness/pki/pki.ts";
import { NS_DIALBACK } from "../../harness/s2s/ns.ts";
import type { ReferenceServer } from "../../harness/server/server.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { type Attrs, Raw } from "./raw-client.ts";

/** The initial header of a server stream from remote.test to localhost, over these attributes. */
export function s2sHeader(attrs: Attrs = {}): Attrs {
  return { xmlns: NS.server, "xmlns:db": NS_DIALBACK, from: "remote.test", to: "localhost", ...attrs };
}

/** Connected to the s2s port, stream opened (features read). */
export async function s2sOpen(server: ReferenceServer, attrs: Attrs = {}): Promise<Raw> {
  const endpoint = server.endpoints.s2s;
  if (!endpoint) throw new Error("s2s is off");
  const c = await Raw.tcp(endpoint.port);
  await c.open(s2sHeader(attrs));
  return c;
}

/** Opened, then STARTTLS (presenting `cert` when given) and the stream reopened. */
export async function s2sSecure(server: ReferenceServer, ca: string, cert?: KeyPair): Promise<Raw> {
  const c = await s2sOpen(server);
  await c.starttls(ca, cert);
  await c.open(s2sHeader());
  return c;
}

/** Secured with `cert`, then SASL EXTERNAL (authzid when given); resolves with the final SASL element. */
export async function s2sExternal(server: ReferenceServer, ca: string, cert: KeyPair, authzid?: string) {
  const c = await s2sSecure(server, ca, cert);
  const data = authzid === undefined ? "=" : Buffer.from(authzid).toString("base64");
  c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "EXTERNAL" }, data));
  const answer = await c.next();
  if (answer.is("success", NS.sasl)) await c.open(s2sHeader());
  return { c, answer };
}
