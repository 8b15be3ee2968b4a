// RFC 6120 §3.2 as the target resolves a remote domain (it is the initiating entity): a lone SRV record with
// the target "." ends the process (§3.2.1), and without SRV records (no response, or none at all) the
// fallback connects to the domain's address on the "xmpp-server" port 5269 (§3.2.2). The harness's DNS
// answers for the case's domain; a listener on a loopback address of the case's own sees any fallback.

import { Violation } from "../../../harness/errors.ts";
import {
  bounceOf,
  type CaseContext,
  type CaseSpec,
  type Client,
  clip,
  crossDomainMs,
  type DomainRecordsOf,
  fallbackTrap,
  lookedUp,
  section,
  steerableDns,
  uid,
  xml,
} from "../../kit/index.ts";

type Seen = { kind: "fallback" } | { kind: "bounced"; reply: string } | { kind: "none" };

/**
 * alice sends a message to a fresh domain whose DNS answers `records(trapAddress)`; what came first within
 * the bound: a connection to the trap (the address fallback), or an error back to alice.
 */
async function resolveAndSend(
  ctx: CaseContext,
  alice: Client,
  records: (address: string) => DomainRecordsOf,
): Promise<{ seen: Seen; domain: string }> {
  const dns = steerableDns(ctx);
  const trap = await fallbackTrap(ctx);
  try {
    const domain = ctx.federation.domain();
    dns.set(domain, records(trap.address));
    const id = `rs-${uid()}`;
    const bounce = bounceOf(alice, id);
    await alice.send(xml("message", { to: `someone@${domain}`, id, type: "chat" }, xml("body", {}, "dns")));
    const seen = await Promise.race<Seen>([
      trap.reached.then((): Seen => ({ kind: "fallback" })),
      bounce.then((r): Seen => (r ? { kind: "bounced", reply: clip(r) } : { kind: "none" })),
    ]);
    return { seen, domain };
  } finally {
    await trap.close();
  }
}

/** SKIP when the target never asked the harness's DNS about the domain: resolution was not exercised. */
function asked(ctx: CaseContext, domain: string): void {
  if (!lookedUp(ctx, domain))
    ctx.skip(`the target never asked the harness's DNS about ${domain}: resolution not exercised`);
}

/** The SRV answers after which the fallback (§3.2.2) is expected: one case each. */
interface Fallback {
  slug: string;
  /** When the SRV query ... */
  when: string;
  records: (address: string) => DomainRecordsOf;
  reading?: string;
}

const FALLBACKS: Fallback[] = [
  {
    slug: "srv-nxdomain-falls-back",
    when: "with no SRV record (NXDOMAIN)",
    records: (a) => ({ a: [a] }),
    reading: "I-6120-srv-no-response",
  },
  {
    slug: "srv-silent-falls-back",
    when: "when the SRV query gets no response",
    records: (a) => ({ silentSrv: true, a: [a] }),
  },
];

function fallbackCase(f: Fallback): CaseSpec {
  return {
    id: `rfc6120/3.2.1/${f.slug}`,
    title: `${f.when} the initiating server falls back to the domain's address on port 5269`,
    requirements: ["RFC6120-3.2.1-3", "RFC6120-3.2.2-1"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      if (f.reading) ctx.reading(f.reading);
      const { seen, domain } = await resolveAndSend(ctx, alice, f.records);
      asked(ctx, domain);
      if (seen.kind === "none")
        ctx.skip(
          `neither a connection nor an error within ${crossDomainMs(ctx) / 1000} s: the target's resolution runs longer`,
        );
      ctx.should(
        seen.kind === "fallback",
        `the initiating entity SHOULD fall back to ${domain}'s address on port 5269; alice got ${seen.kind === "bounced" ? seen.reply : ""}`,
      );
    },
  };
}

const CASES: CaseSpec[] = [
  {
    id: "rfc6120/3.2.1/srv-dot-aborts",
    title: "a lone SRV record with the target '.' ends resolution: no fallback to the domain's address",
    requirements: ["RFC6120-3.2.1-1"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { seen, domain } = await resolveAndSend(ctx, alice, (a) => ({
        srv: [{ port: 0, target: "." }],
        a: [a],
      }));
      asked(ctx, domain);
      if (seen.kind === "fallback")
        throw new Violation(
          `after the lone SRV record '.' for ${domain} the target connected to the domain's address on port 5269`,
        );
    },
  },
  ...FALLBACKS.map(fallbackCase),
];

export default section(
  "rfc6120",
  "3.2",
  "Resolution of Fully Qualified Domain Names (server-to-server)",
  CASES,
);
