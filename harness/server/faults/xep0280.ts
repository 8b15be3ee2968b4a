// Faults of XEP-0280 (message carbons): each breaks one rule of the carbons the reference server sends, so
// the xep0280 cases can prove they notice. Applied at the hooks of ../stanza/fault-hooks-carbons.ts.
import { spec } from "./spec.ts";

export const XEP0280_FAULTS = [
  spec(
    "carbons-remote-enable-accepted",
    "answers a carbons <enable/> or <disable/> from an entity of another server with a result",
    "XEP0280-4.1-1",
    "XEP0280-5.1-1",
  ),
  spec(
    "carbons-reenable-refused",
    "refuses <enable/> with <not-allowed/> once the session has disabled carbons",
    "XEP0280-10.1-1",
  ),
  spec(
    "carbons-enable-twice-error",
    "answers an <enable/> while carbons are already enabled with <bad-request/>",
    "XEP0280-10.1-2",
    "XEP0280-10.1-3",
  ),
  spec(
    "carbons-disable-twice-error",
    "answers a <disable/> while carbons are already disabled with <bad-request/>",
    "XEP0280-10.1-4",
    "XEP0280-10.1-5",
  ),
  spec("carbons-after-disable", "acknowledges <disable/> but goes on sending carbons", "XEP0280-2-4"),
  spec(
    "carbons-to-unenabled",
    "sends carbons to every other resource of the account, carbons enabled or not",
    "XEP0280-2-3",
    "XEP0280-2-4",
  ),
  spec("carbons-no-received", "sends no <received/> carbons", "XEP0280-2-5", "XEP0280-7-4"),
  spec("carbons-no-sent", "sends no <sent/> carbons", "XEP0280-2-6", "XEP0280-8-4"),
  spec(
    "carbon-to-recipient-resource",
    "also sends a <received/> carbon to the resource that got the original message",
    "XEP0280-7-5",
  ),
  spec(
    "carbon-to-sender-resource",
    "also sends a <sent/> carbon to the carbons-enabled resource that sent the message",
    "XEP0280-8-5",
  ),
  spec(
    "carbon-wrong-from",
    "sends carbons from the server's domain instead of the user's bare JID",
    "XEP0280-7-2",
    "XEP0280-8-2",
    "XEP0280-11-1",
  ),
  spec(
    "carbon-wrong-to",
    "addresses carbons to the user's bare JID instead of the receiving resource's full JID",
    "XEP0280-7-3",
    "XEP0280-8-3",
  ),
  spec(
    "carbon-type-normal",
    "sends every carbon with type 'normal', whatever the original's type",
    "XEP0280-7-1",
    "XEP0280-8-1",
  ),
  spec(
    "carbon-wrapper-swapped",
    "wraps inbound copies in <sent/> and outbound copies in <received/>",
    "XEP0280-7-4",
    "XEP0280-8-4",
  ),
  spec(
    "carbon-modifies-message",
    "forwards the copied message without its <thread/> and with its 'to' made bare",
    "XEP0280-7-4",
    "XEP0280-8-4",
  ),
  spec(
    "carbon-ignores-private",
    "copies messages marked <private/> with a <no-copy/> hint like any other",
    "XEP0280-9-2",
    "XEP0280-9-3",
  ),
  spec(
    "carbons-only-chat",
    "copies only messages of type 'chat' (the rules of XEP-0280 before v0.9), while advertising urn:xmpp:carbons:rules:0",
    "XEP0280-6.2-1",
    "XEP0280-6-2",
  ),
  spec(
    "carbons-copy-everything",
    "copies groupchat and headline messages too, while advertising urn:xmpp:carbons:rules:0",
    "XEP0280-6.2-1",
    "XEP0280-6.1-1",
    "XEP0280-6-1",
  ),
  spec(
    "carbon-bounce-forwarded",
    "forwards an error a resource returns for a carbon it got to the sender of the original message",
    "XEP0280-10.3-1",
    "XEP0280-10.3-2",
  ),
  spec(
    "carbon-forged-from-kept",
    "delivers a message carrying a carbons wrapper with the recipient's own bare JID as 'from'",
    "XEP0280-11-1",
  ),
];
