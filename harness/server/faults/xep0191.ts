// Named faults of the blocking command (XEP-0191): each breaks one rule on purpose so the suites/xep0191
// cases can prove they notice. The stanza layer applies them through stanza/fault-hooks-blocking.ts.
import { spec } from "./spec.ts";

export const XEP0191_FAULTS = [
  spec(
    "blocking-feature-hidden",
    "implements the blocking command but leaves urn:xmpp:blocking out of the server's disco#info",
    "XEP0191-3.1-2",
  ),
  spec(
    "blocklist-items-missing",
    "answers a blocklist request with an empty <blocklist/> whatever the user blocked",
    "XEP0191-3.2-1",
  ),
  spec(
    "empty-blocklist-omitted",
    "answers a blocklist request with an empty IQ result (no <blocklist/>) when nothing is blocked",
    "XEP0191-3.2-2",
  ),
  spec(
    "block-result-error",
    "blocks the JIDs of a block command but answers it with <internal-server-error/>",
    "XEP0191-3.3-1",
  ),
  spec(
    "block-push-missing",
    "sends no block push to the user's resources that requested the blocklist",
    "XEP0191-3.3-2",
  ),
  spec(
    "block-push-sender-only",
    "sends the block and unblock pushes only to the resource that sent the command",
    "XEP0191-3.3-2",
    "XEP0191-3.4-2",
    "XEP0191-3.5-2",
  ),
  spec("empty-block-accepted", "answers a <block/> without <item/> with an IQ result", "XEP0191-3.3-3"),
  spec(
    "malformed-block-item-accepted",
    "answers a block or unblock command with an item whose 'jid' is not a JID with a result (and ignores it)",
    "RFC6120-8.3.3.8-1",
  ),
  spec(
    "block-first-item-only",
    "of a block command with several items blocks the first only",
    "XEP0191-3.3-4",
    "XEP0191-3.3-6",
  ),
  spec(
    "block-presence-kept",
    "sends no unavailable presence to a subscribed contact the user blocks",
    "XEP0191-3.3-5",
  ),
  spec(
    "blocked-message-delivered",
    "delivers messages from a blocked JID to the user",
    "XEP0191-3.3-6",
    "XEP0191-3.3-8",
  ),
  spec(
    "blocked-full-jid-ignored",
    "ignores blocklist items that are full JIDs: the blocked resource gets through",
    "XEP0191-3.3-6",
  ),
  spec(
    "blocked-full-jid-blocks-account",
    "matches a full-JID item against every resource of its account, blocking the others too",
    "XEP0191-6-1",
  ),
  spec(
    "blocked-domain-ignored",
    "ignores blocklist items that are bare domains: user@domain is not matched by <domain>",
    "XEP0191-6-1",
  ),
  spec(
    "blocked-bare-blocks-domain",
    "matches a bare-JID item against every JID of its domain, blocking other users of it",
    "XEP0191-6-1",
  ),
  spec(
    "blocklist-lost-on-login",
    "forgets the account's blocklist when a new session of it sends its first stanza",
    "XEP0191-3.3-6",
    "XEP0191-3.2-1",
  ),
  spec(
    "presence-not-cut-on-block",
    "lets presence pass between the user and a JID the user blocked, both ways",
    "XEP0191-3.3-6",
    "XEP0191-3.3-7",
    "XEP0191-3.3-11",
  ),
  spec(
    "blocked-presence-answered",
    "answers presence from a blocked JID (subscription requests, probes) with <service-unavailable/>",
    "XEP0191-3.3-7",
  ),
  spec(
    "blocked-message-wrong-error",
    "bounces messages from a blocked JID with <not-acceptable/> instead of <service-unavailable/>",
    "XEP0191-3.3-8",
  ),
  spec(
    "blocked-iq-delivered",
    "delivers IQ get and set requests from a blocked JID to the user",
    "XEP0191-3.3-9",
  ),
  spec(
    "blocked-response-bounced",
    "answers IQ results and errors from a blocked JID with <service-unavailable/> instead of dropping them",
    "XEP0191-3.3-10",
  ),
  spec(
    "blocked-response-delivered",
    "delivers IQ results and errors from a blocked JID to the user",
    "XEP0191-3.3-10",
    "XEP0191-3.3-6",
  ),
  spec("blocked-outbound-routed", "routes the user's stanzas to a JID the user blocked", "XEP0191-3.3-11"),
  spec(
    "blocked-error-without-child",
    "refuses the user's stanzas to a blocked JID with a bare <not-acceptable/>, no <blocked/> child",
    "XEP0191-3.3-11",
  ),
  spec(
    "unblock-ignored",
    "answers an unblock command with a result and leaves the items blocked",
    "XEP0191-3.4-1",
    "XEP0191-3.4-4",
  ),
  spec(
    "unblock-clears-all",
    "an unblock command naming some items unblocks every item of the list",
    "XEP0191-3.3-6",
  ),
  spec(
    "unblock-push-missing",
    "sends no unblock push (of items or of unblock-all) to the user's interested resources",
    "XEP0191-3.4-2",
    "XEP0191-3.5-2",
  ),
  spec(
    "unblock-presence-withheld",
    "does not send the user's current presence to a subscribed contact the user unblocks",
    "XEP0191-3.4-3",
  ),
  spec(
    "unblock-all-ignored",
    "answers an empty <unblock/> with a result and leaves every item blocked",
    "XEP0191-3.5-1",
    "XEP0191-3.5-3",
  ),
  spec(
    "block-notifies-contact",
    "tells each JID the user blocks so, in a message from the user's bare JID (impolite blocking)",
    "XEP0191-4-1",
  ),
  spec(
    "own-resources-blocked",
    "applies the blocklist to the user's own resources when the user blocks its own JID or domain",
    "XEP0191-5-3",
  ),
] as const;
