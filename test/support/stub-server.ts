// The reference server with a stub stanza layer, so the connection layer is tested in isolation; accounts,
// logins and a polling wait for those tests; and the one stub server a suite shares (useStubServer).
import { ReferenceServer, type ReferenceServerOptions } from "../../harness/server/server.ts";
import type { BoundSession, ServerHost, StanzaLayer } from "../../harness/server/types.ts";
import { type Element, xml } from "../../harness/xml/element.ts";
import { boundJid, PASSWORD, Raw, WAIT_MS } from "./raw-client.ts";

export interface StubLog {
  received: { session: BoundSession; stanza: Element }[];
  ended: BoundSession[];
}

/** IQ get/set to the server get an empty result; stanzas to a bound JID are delivered to it. */
export function stubStanzaLayer(log: StubLog): (host: ServerHost) => StanzaLayer {
  return (host) => ({
    fromClient(session, stanza) {
      log.received.push({ session, stanza });
      const to = stanza.attrs.to;
      if (stanza.name === "iq" && (stanza.attrs.type === "get" || stanza.attrs.type === "set") && !to) {
        session.send(xml("iq", { type: "result", id: stanza.attrs.id, to: session.jid.toString() }));
        return;
      }
      if (!to) return;
      const bare = to.split("/")[0];
      for (const s of host.sessionsOf(bare)) if (s.jid.toString() === to || !to.includes("/")) s.send(stanza);
    },
    sessionEnded(session) {
      log.ended.push(session);
    },
    accountRemoved() {},
  });
}

export async function startStub(
  opts: ReferenceServerOptions = {},
): Promise<{ server: ReferenceServer; log: StubLog }> {
  const log: StubLog = { received: [], ended: [] };
  const server = await ReferenceServer.start({ ...opts, stanzaLayer: stubStanzaLayer(log) });
  return { server, log };
}

let userCounter = 0;
export function newUser(server: ReferenceServer): string {
  const name = `user${++userCounter}`;
  server.accounts.create(`${name}@localhost`, PASSWORD);
  return name;
}

/** A client through STARTTLS, SASL and binding. */
export async function login(
  server: ReferenceServer,
  username: string,
  resource?: string,
): Promise<{ c: Raw; jid: string }> {
  const c = await Raw.tcp(server.endpoints.tcp.port);
  await c.open();
  await c.starttls(server.certificate.cert);
  await c.open();
  await c.authenticate(username);
  const jid = boundJid(await c.bind(resource));
  return { c, jid };
}

export async function until(what: string, check: () => boolean, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

// The suite's stub server, its log and the clients to destroy after it. The tests read them as plain names
// (as they did when they all lived in one file): ES module live bindings give each suite the current ones.
export let server: ReferenceServer;
export let log: StubLog;
export const clients: Raw[] = [];

/** A client on the suite's stub server, destroyed when the suite ends. */
export async function tcp(): Promise<Raw> {
  const c = await Raw.tcp(server.endpoints.tcp.port);
  clients.push(c);
  return c;
}

/** Start a stub server before the calling suite's tests and stop it, and its clients, after them. */
export function useStubServer(): void {
  before(async () => {
    ({ server, log } = await startStub());
  });
  after(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.stop();
  });
}
