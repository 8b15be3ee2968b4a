// Faults of entity capabilities (XEP-0115): the server's caps stream feature (stanza/caps.ts) and what
// it does to the caps in its clients' presence (stanza/fault-hooks-caps.ts).
import { spec } from "./spec.ts";

export const XEP0115_FAULTS = [
  spec(
    "caps-ver-wrong",
    "offers a caps stream feature whose 'ver' is not the hash of its disco#info",
    "XEP0115-5.1-1",
  ),
  spec(
    "caps-no-hash",
    "offers a caps stream feature without the 'hash' attribute",
    "XEP0115-4-1",
    "XEP0115-9.3-1",
  ),
  spec(
    "caps-hash-unregistered",
    "names its caps hash 'SHA1', not the IANA textual name 'sha-1'",
    "XEP0115-9.1-3",
  ),
  spec("caps-ver-whitespace", "breaks the Base64 of its caps 'ver' with a line feed", "XEP0115-5.1-4"),
  spec("caps-node-not-url", "gives its caps a 'node' that is not an HTTP URL", "XEP0115-4-4"),
  spec(
    "caps-feature-unlisted",
    "offers caps but leaves http://jabber.org/protocol/caps out of its disco#info",
    "XEP0115-7-1",
  ),
  spec(
    "caps-node-info-unanswered",
    "answers disco#info at its own caps node#ver with item-not-found",
    "XEP0115-6.2-5",
    "XEP0115-5.1-1",
  ),
  spec("caps-node-listed", "lists its caps node among its disco#items", "XEP0115-6.2-2"),
  spec("caps-stripped", "removes the caps <c/> from the presence it delivers", "XEP0115-8.4-3"),
  spec(
    "caps-optimized-unadvertised",
    "leaves out a caps <c/> a subscriber already received (caps optimization) without advertising caps#optimize",
    "XEP0115-7-2",
  ),
  spec(
    "caps-stale",
    "keeps delivering the first caps <c/> a subscriber received after the sender changed it",
    "XEP0115-8.4-4",
  ),
  spec(
    "caps-query-bare",
    "queries a client's caps at its bare JID and without a node",
    "XEP0115-6.2-1",
    "XEP0115-6.2-3",
  ),
] as const;
