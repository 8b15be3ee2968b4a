// Deliberate XEP-0163 (PEP) violations of the reference server, applied at ../stanza/fault-hooks-pep.ts.
// One row per fault.
import { spec } from "./spec.ts";

export const XEP0163_FAULTS = [
  spec(
    "pep-no-auto-create",
    "refuses a publish to a node that does not exist (item-not-found) instead of creating it",
    "XEP0163-3-1",
    "XEP0163-3-2",
  ),
  spec(
    "pep-publish-options-ignored",
    "publishes even when a publish-options precondition (pubsub#access_model) does not match the existing node",
    "XEP0163-3-4",
  ),
  spec(
    "pep-notifies-without-notify",
    "ignores the caps +notify filter: every available resource of a contact (and of the owner) gets every notification",
    "XEP0163-4.2-1",
    "XEP0163-4.3.2-3",
    "XEP0163-4.3.2-2",
  ),
  spec(
    "pep-no-notification",
    "sends a contact no notification when the owner publishes (the owner's own resources still get theirs)",
    "XEP0163-4.3.3-1",
    "XEP0163-4.1-1",
    "XEP0163-4.3.2-3",
  ),
  spec(
    "pep-owner-not-notified",
    "sends the account owner's own resources no notification (neither on publish nor the last item)",
    "XEP0163-4.3.3-1",
    "XEP0163-4.3.4-1",
  ),
  spec(
    "pep-from-full-jid",
    "sends notifications from the publishing resource's full JID instead of the owner's bare JID",
    "XEP0163-4.3.1-1",
  ),
  spec(
    "pep-replyto-to-anyone",
    "adds the XEP-0033 replyto of the publishing resource to notifications for entities without a presence subscription",
    "XEP0163-4.3.1-4",
  ),
  spec(
    "pep-subscriber-addressed-wrongly",
    "sends an explicit full-JID subscriber a second copy at its bare JID, and a bare-JID subscriber one copy per resource",
    "XEP0163-4.3.1-5",
    "XEP0163-4.3.2-1",
    "XEP0163-4.3.2-2",
  ),
  spec(
    "pep-no-last-item",
    "sends no last published item: neither on a subscriber's initial presence nor on a new subscription",
    "XEP0163-4.3.3-2",
    "XEP0163-4.3.4-1",
  ),
  spec(
    "pep-last-item-every-presence",
    "sends the last published item again on every available presence, not only on initial presence",
    "XEP0163-4.3.3-3",
  ),
  spec(
    "pep-open-access",
    "creates nodes with the open access model: anyone, subscribed to presence or not, retrieves their items",
    "XEP0163-5-1",
    "XEP0163-6.2-2",
  ),
  spec(
    "pep-whitelist-ignored",
    "treats a whitelist node like a presence one: every contact subscribed to presence retrieves its items",
    "XEP0163-5-1",
  ),
  spec(
    "pep-items-not-kept",
    "keeps no published item: a retrieval of the node's items returns none",
    "XEP0163-5-1",
  ),
  spec(
    "pep-retract-not-notified",
    "retracts an item with notify='true' without telling the subscribers",
    "XEP0163-5-1",
  ),
  spec("pep-delete-not-notified", "deletes a node without telling the subscribers", "XEP0163-5-1"),
  spec(
    "pep-access-kept-after-cancel",
    "keeps granting a contact access to presence nodes after its presence subscription was cancelled",
    "XEP0163-7.1-1",
    "XEP0163-7.1-2",
  ),
  spec(
    "pep-no-publish-options",
    "does not support publish-options: the feature is not advertised and a publish-options form is ignored",
    "XEP0163-3-4",
  ),
  spec(
    "pep-no-replyto",
    "sends notifications without the XEP-0033 replyto of the publishing resource, also to presence subscribers",
    "XEP0163-4.3.1-3",
  ),
  spec(
    "pep-contacts-refused",
    "lets nobody but the owner read a presence-access node: contacts subscribed to presence get neither items nor notifications",
    "XEP0163-4.1-1",
    "XEP0163-5-1",
  ),
  spec(
    "pep-resource-never-unavailable",
    "keeps a resource as available after its unavailable presence, so its next available presence is not initial and brings no last item",
    "XEP0163-4.3.3-2",
  ),
  spec(
    "pep-no-create",
    "refuses an explicit node creation (feature-not-implemented) while advertising create-nodes",
    "XEP0163-5-1",
  ),
  spec(
    "pep-no-pep-identity",
    "answers disco#info on the account's bare JID without the pubsub/pep identity",
    "XEP0163-6.1-2",
  ),
  spec(
    "pep-disco-lists-hidden-nodes",
    "lists in disco#items every node of the account, also those the asker may not access",
    "XEP0163-6.2-2",
  ),
] as const;
