// Deliberate XEP-0054 (vcard-temp) violations of the reference server, applied at
// ../stanza/fault-hooks-vcard.ts (and the disco feature list). One row per fault.
import { spec } from "./spec.ts";

export const XEP0054_FAULTS = [
  spec(
    "vcard-not-stored",
    "answers a vCard set with a result but keeps an empty vCard: a later get returns none of the fields",
    "XEP0054-3.1-1",
  ),
  spec(
    "vcard-update-merged",
    "merges a vCard set into the stored one instead of replacing it: fields the new vCard dropped come back",
    "XEP0054-3.1-1",
  ),
  spec(
    "vcard-own-missing-empty-iq",
    "answers a get of one's own missing vCard with an IQ-result that carries no <vCard/> at all",
    "XEP0054-3.1-2",
  ),
  spec(
    "vcard-set-for-other-accepted",
    "accepts a vCard set addressed to another user's bare JID and stores it as that user's vCard",
    "XEP0054-3.2-1",
  ),
  spec(
    "vcard-full-jid-set-stored",
    "stores a vCard set addressed to another user's full JID as that user's vCard and answers with a result",
    "XEP0054-3.2-1",
  ),
  spec(
    "vcard-missing-empty-result",
    "answers a get of another user's missing vCard, or of an account that does not exist, with an empty <vCard/> result instead of an error",
    "XEP0054-3.3-2",
    "XEP0054-3.3-4",
  ),
  spec(
    "vcard-get-relayed",
    "does not answer a get of another user's vCard itself: it relays it to the user's available resource, and refuses it (service-unavailable) when there is none",
    "XEP0054-3.3-1",
  ),
  spec(
    "vcard-missing-item-not-found",
    "answers a get of another user's missing vCard with <item-not-found/>, while a missing account gets <service-unavailable/>",
    "XEP0054-3.3-3",
    "XEP0054-3.3-5",
  ),
  spec(
    "vcard-feature-hidden",
    "answers vCard requests but leaves 'vcard-temp' out of the server's disco#info features",
    "XEP0054-4-1",
  ),
  spec(
    "vcard-server-lowercase",
    "writes the elements of the server's own vCard in lower case (<fn/>, <url/>)",
    "XEP0054-8-1",
  ),
  spec(
    "vcard-server-flat-fields",
    "writes the server's own vCard with the phone number and e-mail address as text of <TEL/> and <EMAIL/>, and a <TEL/> with no <NUMBER/>",
    "XEP0054-8-2",
    "XEP0054-8-3",
    "XEP0054-8-4",
  ),
] as const;
