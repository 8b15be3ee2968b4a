// The model of the session level: two users' subscriptions to each other (RFC 6121 §3), the
// roster each must then show (§2, Appendix A), and the messages a third, offline user has waiting.

export type Who = "a" | "b";
/** One direction of a subscription: none, requested and waiting for approval, or in place. */
export type Sub = "none" | "pending" | "yes";

export interface Model {
  /** sub.a = a's subscription to b's presence; sub.b = b's to a's. */
  sub: Record<Who, Sub>;
  /** Bodies sent to the offline user, in order, that the server did not bounce. */
  offline: string[];
}

export function newModel(): Model {
  return { sub: { a: "none", b: "none" }, offline: [] };
}

export const other = (w: Who): Who => (w === "a" ? "b" : "a");

/** What `who`'s roster item for the other user must say (RFC 6121 §2.1.2.5, Appendix A). */
export function expectedItem(m: Model, who: Who): { required: boolean; subscription: string; ask: boolean } {
  const to = m.sub[who] === "yes";
  const from = m.sub[other(who)] === "yes";
  const subscription = to && from ? "both" : to ? "to" : from ? "from" : "none";
  return { required: to || from || m.sub[who] === "pending", subscription, ask: m.sub[who] === "pending" };
}
