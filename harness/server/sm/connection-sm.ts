// XEP-0198 stream management attached to one client connection: what the SM endpoint needs of the stream
// (its account, its bound session through the stanza gate, its writers) in the connection's own terms.
import type { Jid } from "../../jid.ts";
import type { Element } from "../../xml/element.ts";
import type { ConnectionServer } from "../connection-server.ts";
import type { StanzaGate } from "../stanza-gate.ts";
import type { StreamCondition } from "../stream-errors.ts";
import { SmEndpoint } from "./endpoint.ts";

/** The connection's side, as connection.ts offers it. */
export interface SmStream {
  account(): Jid | undefined;
  gate: StanzaGate;
  sendStanza(stanza: Element): void;
  writeStanza(stanza: Element): void;
  send(el: Element): void;
  streamError(condition: StreamCondition, text?: string, appInfo?: Element): void;
}

export function connectionSm(c: SmStream, server: ConnectionServer): SmEndpoint {
  return new SmEndpoint(
    {
      account: () => c.account(),
      session: () => c.gate.session,
      takeOver: (session) => {
        c.gate.session = session;
        // the resumed session's stanzas now go out on this stream
        session.moveTo({
          sendStanza: (st) => c.sendStanza(st),
          streamError: (cond, t) => c.streamError(cond as StreamCondition, t),
        });
      },
      letGo: () => {
        c.gate.session = undefined;
      },
      writeStanza: (st) => c.writeStanza(st),
      send: (el) => c.send(el),
      streamError: (cond, t, info) => c.streamError(cond as StreamCondition, t, info),
    },
    server.sm,
    server.fault,
  );
}
