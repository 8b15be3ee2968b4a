// Steps of the cases about routing across domains (RFC 6120 §10.1, §10.4): where a stanza sent to a remote
// domain ended up (routed to the harness, or bounced to its sender), and loopback addresses that refuse.
import net from "node:net";
import { HarnessError } from "../../harness/errors.ts";
import type { Matcher } from "../../harness/match.ts";
import type { DnsResponder } from "../../harness/resolve/dns.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import type { Element } from "../../harness/xml/element.ts";
import { clip } from "./stanzas.ts";

/**
 * How long a case waits for a stanza to cross domains, or for its bounce (the RFC sets no time): four times
 * the run's answer timeout (20 s at the default 5 s), as a trip through a second server and a new stream
 * takes longer than one answer; a run with a short --timeout waits out a lost stanza sooner.
 */
export function crossDomainMs(waiter: { readonly timeoutMs: number }): number {
  return 4 * waiter.timeoutMs;
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
  ms = crossDomainMs(ctx),
): Promise<Outcome> {
  const routed = ctx.federation.listener.expect(domain, { id }, ms).then((el): Outcome => ({ routed: el }));
  const bounced = sender.expect({ id, type: "error" }, ms).then((el): Outcome => ({ bounced: el }));
  const p = Promise.any([routed, bounced]).catch((): Outcome => ({ neither: true }));
  p.catch(() => {});
  return p;
}

/** The error `sender` gets for stanza `id` within `ms`, or undefined. Call before sending. */
export function bounceOf(
  sender: Session,
  id: string,
  ms = crossDomainMs(sender),
): Promise<Element | undefined> {
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

/** The streams the target opened to a domain of the case, as countStreams() saw them. */
export interface StreamCount {
  /** How many were opened so far. */
  readonly opened: number;
  /** How many were opened while an earlier one was still open. */
  readonly parallel: number;
}

/**
 * Count the streams the target opens to `domain` (up to `max`; each answered as the listener's policy
 * for the domain says, so stanzas reach its inbox). Call before making the target connect.
 */
export function countStreams(ctx: CaseContext, domain: string, max = 3): StreamCount {
  const count = { opened: 0, parallel: 0 };
  let open = 0;
  for (let i = 0; i < max; i++) {
    ctx.federation
      .claim(domain, crossDomainMs(ctx))
      .then((ps) => {
        count.opened += 1;
        if (open > 0) count.parallel += 1;
        open += 1;
        ps.session.transport.once("close", () => {
          open -= 1;
        });
        void ctx.federation.listener.serve(ps);
      })
      .catch(() => {}); // fewer streams than claims: the rest time out unused
  }
  return count;
}

/**
 * The `n` stanzas `domain` received whose id starts with `prefix`, in the order they arrived. `sender`
 * given: an error it gets for one of them first ends the case ERROR, not exercised (the target could
 * not reach the domain, which §10.4.3 allows: nothing the case judges was routed).
 */
export function arrivalsAt(
  ctx: CaseContext,
  domain: string,
  prefix: string,
  n: number,
  sender?: Session,
): Promise<string[]> {
  const arrivals = collect(ctx, domain, prefix, n);
  if (!sender) return arrivals;
  const bounce = {
    type: "error",
    where: (e: Element) => e.attrs.id?.startsWith(prefix) === true,
    what: "a bounce",
  };
  const bounced = sender.expect(bounce, crossDomainMs(sender)).then((el) => notExercised(domain, el));
  bounced.catch(() => {});
  return Promise.race([arrivals, bounced]);
}

/** Ends the case ERROR: routing to `domain` failed (a lawful outcome), so what the case judges never happened. */
export function notExercised(domain: string, bounce: Element): never {
  throw new HarnessError(
    `not exercised: the target could not route to ${domain} and returned ${clip(bounce)} (§10.4.3 allows it)`,
  );
}

async function collect(ctx: CaseContext, domain: string, prefix: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const el = await ctx.federation.listener.expect(
      domain,
      { where: (e) => e.attrs.id?.startsWith(prefix) === true, what: `a stanza with id ${prefix}*` },
      crossDomainMs(ctx),
    );
    ids.push(el.attrs.id ?? "");
  }
  return ids;
}

/** The harness's DNS responder, or SKIP: without it the case cannot steer how the target resolves. */
export function steerableDns(ctx: CaseContext): DnsResponder {
  const dns = ctx.federation.dns;
  if (!dns) ctx.skip("the harness runs no DNS responder (--s2s-dns), so the case cannot steer resolution");
  return dns;
}

/** What the harness's DNS answers for a domain (harness/resolve/dns.ts). */
export type { DomainRecords as DomainRecordsOf } from "../../harness/resolve/dns.ts";
