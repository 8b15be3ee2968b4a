// How far a session has come, as types a case can rely on: its stream opened, its resource bound.
import { HarnessError } from "../errors.ts";
import type { Jid } from "../jid.ts";
import type { Session } from "../session.ts";
import type { Element } from "../xml/element.ts";

/** A session whose stream is open: the target's header and features have arrived. */
export type Opened = Session & { readonly header: Element; readonly features: Element };

/** A session with a bound resource (RFC 6120 §7): its full JID is known. */
export type Bound = Opened & { readonly jid: Jid };

/** The session as Opened, or a HarnessError saying what is missing (never a silent undefined). */
export function asOpened(s: Session): Opened {
  if (!s.header || !s.features) throw new HarnessError("the stream has no header or features yet");
  return s as Opened;
}

/** The session as Bound, or a HarnessError (a case asked for a JID before binding). */
export function asBound(s: Session): Bound {
  if (!s.jid) throw new HarnessError("the session has no bound JID");
  return asOpened(s) as Bound;
}
