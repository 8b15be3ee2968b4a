// Who may see a PEP node (XEP-0163 §4.1, §5; XEP-0060 §4.5 access models), recalculated on every request
// and every notification from the roster as it is now, so a lost presence subscription loses access at
// once (XEP-0163 §7.1).
import type { Jid } from "../../jid.ts";
import type { StanzaContext } from "./context.ts";
import { accessIgnoresSubscription, contactsRefused, whitelistAsPresence } from "./fault-hooks-pep.ts";
import type { PepNode } from "./pep-store.ts";
import { contactSubscribed } from "./subscription-states.ts";

/** Does `who` have a presence subscription to `owner` (the owner's roster says 'from' or 'both')? */
export function sharesPresence(ctx: StanzaContext, owner: Jid, who: Jid): boolean {
  if (who.bare().equals(owner)) return true; // one's own presence (RFC 6121 §4.2.2)
  const c = ctx.rosters.get(owner.toString(), who.bare().toString());
  return contactSubscribed(c) || accessIgnoresSubscription(ctx, c !== undefined);
}

/** May `who` subscribe to `node` and retrieve its items? */
export function mayAccess(ctx: StanzaContext, owner: Jid, node: PepNode, who: Jid): boolean {
  if (who.bare().equals(owner)) return true;
  switch (node.access) {
    case "open":
      return true;
    case "presence":
    case "roster":
      return sharesPresence(ctx, owner, who) && !contactsRefused(ctx);
    case "whitelist":
      return whitelistAsPresence(ctx) && sharesPresence(ctx, owner, who);
  }
}
