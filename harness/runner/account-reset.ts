// Reset of a pooled account before a case: what the previous case left behind (roster items and the
// subscriptions they carry, pending requests, offline messages, blocked JIDs) is cleared, then checked.
import { HarnessError, SaslFailure } from "../errors.ts";
import type { Session } from "../session.ts";
import { type Element, NS, xml } from "../xml/element.ts";
import type { Account } from "./accounts.ts";

/** XEP-0191 blocking command. */
const NS_BLOCKING = "urn:xmpp:blocking";

function rosterGet(): Element {
  return xml("iq", { type: "get" }, xml("query", { xmlns: NS.roster }));
}

function rosterJids(reply: Element): string[] {
  const items = reply.getChild("query", NS.roster)?.getChildren("item") ?? [];
  return items.map((i) => i.attrs.jid).filter((j): j is string => !!j);
}

/** Bare JIDs whose subscription requests the server handed us (RFC 6121 §3.1.3: redelivered at login). */
function requesters(inbox: Element[], own: string): string[] {
  const from = inbox
    .filter((el) => el.name === "presence" && el.attrs.type === "subscribe" && el.attrs.from)
    .map((el) => el.attrs.from.split("/")[0]);
  return [...new Set(from)].filter((j) => j !== own);
}

/** XEP-0191: unblock everything, when the server offers blocking (an error answer means it does not). */
async function unblockAll(s: Session): Promise<void> {
  const list = await s.iq(xml("iq", { type: "get" }, xml("blocklist", { xmlns: NS_BLOCKING })));
  if (list.attrs.type !== "result") return;
  if (!list.getChild("blocklist", NS_BLOCKING)?.getChildren("item").length) return;
  await s.iqResult(xml("iq", { type: "set" }, xml("unblock", { xmlns: NS_BLOCKING })), "unblock all");
}

/**
 * Log in as `a` on a fresh stream and clear its state. Roster removal (RFC 6121 §2.5.3) cancels the
 * subscriptions both ways; initial presence brings the offline messages and pending requests, which are
 * drained and refused. Throws HarnessError when the account cannot be made clean.
 */
export async function resetAccount(a: Account, open: () => Promise<Session>): Promise<void> {
  let s: Session | undefined;
  try {
    s = await open();
    s.opts.transcript.note(s.opts.label, `reset of pooled account ${a.jid}`);
    await s.negotiate({ auth: { username: a.username, password: a.password }, bind: true });
    for (const jid of rosterJids(await s.iqResult(rosterGet(), "roster get"))) {
      const remove = xml("item", { jid, subscription: "remove" });
      await s.iqResult(
        xml("iq", { type: "set" }, xml("query", { xmlns: NS.roster }, remove)),
        "roster remove",
      );
    }
    await s.send(xml("presence"));
    await s.barrier();
    for (const jid of requesters(s.inbox, a.jid))
      await s.send(xml("presence", { to: jid, type: "unsubscribed" }));
    await unblockAll(s);
    const left = rosterJids(await s.iqResult(rosterGet(), "roster get"));
    if (left.length) throw new Error(`its roster still holds ${left.join(", ")}`);
  } catch (err) {
    if (err instanceof SaslFailure) {
      throw new HarnessError(
        `the target refused the login of test account ${a.jid}: <${err.condition ?? "?"}/>`,
      );
    }
    throw new HarnessError(`pooled account ${a.jid} could not be made clean: ${(err as Error).message}`);
  } finally {
    await s?.close().catch(() => s?.destroy());
  }
}
