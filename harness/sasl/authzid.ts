// Authorization identity check shared by the server mechanisms (RFC 6120 §6.3.8).
import { prepareDomain, prepareLocalpart, tryParseJid } from "../jid.ts";

/**
 * True when `authzid` names the authenticated account itself: a bare JID whose localpart is the prepared
 * username and, when the service domain is known, whose domainpart is that domain. Acting on behalf of
 * anyone else is not supported by the reference server, so every other authzid is <invalid-authzid/>.
 */
export function authzidAllowed(authzid: string, username: string, domain?: string): boolean {
  const jid = tryParseJid(authzid);
  if (!jid?.isBare || jid.local === "") return false;
  try {
    if (jid.local !== prepareLocalpart(username)) return false;
    return domain === undefined || jid.domain === prepareDomain(domain);
  } catch {
    return false; // the username or configured domain is not a valid JID part
  }
}
