// The session level's users, kept across model runs (./kept-parties.ts). Each run starts from the state
// newModel() describes, reached the RFC way: every roster item removed (RFC 6121 §2.5: removal also
// cancels the subscriptions both ways) and the offline user's stored messages read.
import type { Account } from "../../runner/accounts.ts";
import type { Session } from "../../session.ts";
import { NS, xml } from "../../xml/element.ts";
import type { Rig } from "../rig.ts";
import { type KeptBase, KeptParties } from "./kept-parties.ts";
import type { Who } from "./session-model.ts";

export interface SessionUsers extends KeptBase {
  users: Record<Who, Session>;
  accounts: Record<Who | "c", Account>;
  /** The offline user has stored messages no run read (the last run ended before its offline-login). */
  offlinePending: boolean;
}

/** Roster item JIDs (RFC 6121 §2.1.3). */
async function rosterJids(s: Session): Promise<string[]> {
  const reply = await s.iq(xml("iq", { type: "get" }, xml("query", { xmlns: NS.roster })));
  return (reply.getChild("query", NS.roster)?.getChildren("item") ?? []).map((i) => i.attrs.jid ?? "");
}

/** Remove every roster item of `s` (RFC 6121 §2.5), the removals all at once. */
async function removeRosterItems(s: Session): Promise<void> {
  const remove = (jid: string) =>
    s.iq(
      xml(
        "iq",
        { type: "set" },
        xml("query", { xmlns: NS.roster }, xml("item", { jid, subscription: "remove" })),
      ),
    );
  await Promise.all((await rosterJids(s)).map(remove));
}

/** A chat message from one user to the other, awaited: what `from` sent `to` before it has arrived (RFC 6120 §10.1). */
async function settle(from: Session, to: Session, id: string): Promise<void> {
  const got = to.expect({ name: "message", id });
  got.catch(() => {});
  await from.send(xml("message", { to: to.jid?.toString(), id, type: "chat" }, xml("body", {}, "reset")));
  await got;
}

/** Back to the model's initial state; false when the target would not get there. */
async function reset(rig: Rig, u: SessionUsers): Promise<boolean> {
  const { a, b } = u.users;
  for (const [me, them] of [
    [a, b],
    [b, a],
  ]) {
    const to = them.jid?.bare().toString();
    // cancel my subscription or request (RFC 6121 §3.3), deny or cancel theirs (§3.2): pending ones too,
    // which no roster shows
    await me.send(xml("presence", { to, type: "unsubscribe" }));
    await me.send(xml("presence", { to, type: "unsubscribed" }));
  }
  // both users at once: each step is a round trip, and the reset was nearly half of a model run's time
  await Promise.all([removeRosterItems(a), removeRosterItems(b)]);
  await Promise.all([settle(a, b, `reset-${u.runs}-a`), settle(b, a, `reset-${u.runs}-b`)]);
  // removing a's item changed b's roster and vice versa: both must be empty once both removals are done
  const left = await Promise.all([rosterJids(a), rosterJids(b)]);
  if (left.some((jids) => jids.length)) return false;
  if (u.offlinePending) {
    const c = await rig.login(u.accounts.c, "carol-reset", true);
    await c.barrier();
    await c.close().catch(() => c.destroy());
    u.offlinePending = false;
  }
  for (const s of [a, b]) s.inbox.splice(0, s.inbox.length);
  return true;
}

async function login(rig: Rig): Promise<SessionUsers> {
  const [a, b, c] = await rig.freshAccounts(3);
  // interested resources (roster fetched): RFC 6121 §3 delivers subscription answers to those
  const users = {
    a: await rig.loginKept(a, "a", true, true),
    b: await rig.loginKept(b, "b", true, true),
  };
  const accounts = { a, b, c };
  return {
    users,
    accounts,
    offlinePending: false,
    sessions: Object.values(users),
    accountList: Object.values(accounts),
    restarts: rig.restarts,
    runs: 0,
  };
}

/** The session level's users, per rig. */
export const sessionParties = new KeptParties<SessionUsers>({ login, reset });

/** The users kept for the rig's next run, if any (for tests). */
export function keptSessionUsers(rig: Rig): SessionUsers | undefined {
  return sessionParties.current(rig);
}
