// Faults of service discovery (XEP-0030): each breaks one rule of the reference server's disco answers
// (harness/server/stanza/disco*.ts, applied through stanza/fault-hooks-disco.ts).
import { spec } from "./spec.ts";

export const XEP0030_FAULTS = [
  spec(
    "disco-no-identity",
    "answers the server's disco#info without any <identity/>",
    "XEP0030-3.1-5",
    "XEP0030-3.1-6",
  ),
  spec("disco-identity-no-type", "gives the server's identity a 'category' but no 'type'", "XEP0030-3.1-8"),
  spec("disco-feature-child", "puts a child element inside a <feature/> of the server", "XEP0030-3.1-9"),
  spec("disco-duplicate-feature", "lists one feature of the server twice", "XEP0030-3.1-5"),
  spec(
    "disco-identity-names-differ",
    "gives the server two identities with different names",
    "XEP0030-3.1-2",
  ),
  spec(
    "disco-identity-unstable",
    "answers every other disco#info of the server with another identity",
    "XEP0030-6.3-1",
  ),
  spec(
    "disco-unknown-node-answered",
    "answers disco#info at a node it does not have with a result, as if the node existed",
    "XEP0030-3.1-10",
  ),
  spec(
    "disco-node-not-mirrored",
    "answers disco#info at one of its nodes without the 'node' attribute",
    "XEP0030-3.2-2",
  ),
  spec(
    "disco-stranger-account-answered",
    "answers disco#info to an account's bare JID with a result for a requester the account does not share presence with",
    "XEP0030-8-3",
    "XEP0030-8-2",
  ),
  spec(
    "disco-unknown-account-not-found",
    "answers disco#info to an account that does not exist with <item-not-found/>, revealing that it does not",
    "XEP0030-8-3",
  ),
  spec(
    "disco-account-info-delivered",
    "hands disco#info to another account's bare JID to that account's resource instead of answering it",
    "XEP0030-3.1-12",
  ),
  spec(
    "disco-account-no-identity",
    "answers disco#info at an account's bare JID without the 'account' identity",
    "XEP0030-3.1-13",
  ),
  spec(
    "disco-stranger-resources-listed",
    "lists an account's available resources in disco#items to a requester the account does not share presence with",
    "XEP0030-8-4",
    "XEP0030-8-2",
  ),
  spec(
    "disco-unknown-account-items-error",
    "answers disco#items to an account that does not exist with an error instead of an empty result",
    "XEP0030-8-4",
    "XEP0030-7-3",
  ),
  spec(
    "disco-own-resources-unlisted",
    "lists none of the account's own connected resources in its disco#items",
    "XEP0030-4.1-7",
  ),
  spec(
    "disco-account-item-no-jid",
    "lists an account's resources in its disco#items by 'name' only, without 'jid'",
    "XEP0030-4.1-3",
  ),
  spec("disco-item-no-jid", "lists an item of the server without a 'jid'", "XEP0030-4.1-3", "XEP0030-4.2-5"),
  spec("disco-item-empty-node", "lists an item of the server with an empty 'node'", "XEP0030-4.2-4"),
  spec("disco-item-text", "puts character data inside an <item/> of the server", "XEP0030-4.1-4"),
  spec(
    "disco-listed-node-unanswered",
    "answers disco#info at a node it lists itself with an error",
    "XEP0030-4.1-3",
  ),
  spec(
    "disco-hierarchy-type-wrong",
    "identifies a node with category 'hierarchy' and a type neither 'branch' nor 'leaf'",
    "XEP0030-4.3-2",
  ),
  spec(
    "disco-items-no-query",
    "answers the server's disco#items with an empty result, without a <query/>",
    "XEP0030-4.1-3",
  ),
  spec(
    "disco-feature-advertised-unhonoured",
    "lists features it does not implement and refuses the IQs of those it does with service-unavailable",
    "XEP0030-3.1-9",
  ),
] as const;
