// Steps of the cases about routing across domains (RFC 6120 §10.1, §10.4): where a stanza sent to a remote
// domain ended up (routed to the harness, or bounced to its sender), and loopback addresses that refuse.
import net from "node:net";
import { conditionsOf } from "../../harness/error-conditions.ts";
import type { Matcher } from "../../harness/match.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import type { Element } from "../../harness/xml/element.ts";

/** How long a case waits for a stanza to cross domains, or for its bounce (the RFC sets no time). */
export const CROSS_DOMAIN_MS = 20_000;

/** Every stanza error condition RFC 6120 §8.3.3 defines ("an appropriate error", §10.4.3). */
export function anyStanzaCondition(): string[] {
  return conditionsOf("stanza");
}

export type Outcome = { routed: Element } | { bounced: Element } | { neither: true };

/**
 * Where the stanza `id` that `sender` sent to `domain` ended up within `ms`: routed to the harness playing
 * `domain`, or bounced to the sender as an error. Call before sending; await after.
 */
export function outcomeOf(
  ctx: CaseContext,
  sender: Session,
  domain: string,
  id: string,
  ms = CROSS_DOMAIN_MS,
): Promise<Outcome> {
  const routed = ctx.federation.listener.expect(domain, { id }, ms).then((el): Outcome => ({ routed: el }));
  const bounced = sender.expect({ id, type: "error" }, ms).then((el): Outcome => ({ bounced: el }));
  const p = Promise.any([routed, bounced]).catch((): Outcome => ({ neither: true }));
  p.catch(() => {});
  return p;
}

/** The error `sender` gets for stanza `id` within `ms`, or undefined. Call before sending. */
export function bounceOf(sender: Session, id: string, ms = CROSS_DOMAIN_MS): Promise<Element | undefined> {
  const m: Matcher = { id, type: "error" };
  const p = sender.expect(m, ms).catch(() => undefined);
  return p;
}

/** A loopback port nothing listens on (bound, then closed): a connection there is refused. */
export async function closedLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Did the target ask the harness's DNS about `domain` (its SRV records or its address)? */
export function lookedUp(ctx: CaseContext, domain: string): boolean {
  const d = domain.toLowerCase();
  return (ctx.federation.dns?.queries ?? []).some((q) => {
    const n = q.name.toLowerCase().replace(/\.$/, "");
    return n === d || n.endsWith(`._tcp.${d}`);
  });
}
