// RFC 6120 §4.9.3.19 <see-other-host/> on the target's outbound s2s streams: the harness, as the remote
// domain, takes the target's stream through TLS (the receiving entity "SHOULD NOT close the stream with a
// <see-other-host/> stream error until after" TLS) and redirects it; the cases judge the reconnection.
import { NoAnswer, Violation } from "../../../harness/errors.ts";
import type { PeerStream } from "../../../harness/peer/stream.ts";
import {
  type CaseContext,
  type CaseSpec,
  type Client,
  claimedToTls,
  NS,
  s2sOutClaimed,
  section,
  startTlsOnly,
  xml,
} from "../../kit/index.ts";

/** How long the target gets to come back after a redirect. */
const BACK_MS = 8000;

/** Take the target's stream through STARTTLS, then close it with <see-other-host>text</see-other-host>. */
async function redirect(ctx: CaseContext, ps: PeerStream, text: string): Promise<void> {
  // §4.9.3.19: "SHOULD NOT close the stream with a <see-other-host/> stream error until after" TLS
  await claimedToTls(ctx, ps);
  await ps.send(xml("stream:error", {}, xml("see-other-host", { xmlns: NS.streams }, text)));
  await ps.end();
}

/** The listener's own address as <see-other-host/> writes it ("domainpart:port", IPv6 in brackets). */
function listenerAddress(ctx: CaseContext): string {
  const { host, port } = ctx.federation.listener.endpoint;
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** The next stream the target opens to one of `domains` within `ms`, with the 'to' it named; or undefined. */
async function comesBack(ctx: CaseContext, domains: string[], ms: number, also?: Promise<unknown>) {
  const back = domains.map((d) => ctx.federation.claim(d, ms).then((ps) => ({ ps, to: d })));
  const gaveUp = also?.then(() => undefined);
  return Promise.race([...back, ...(gaveUp ? [gaveUp] : [])]).catch((err) => {
    if (err instanceof NoAnswer) return undefined;
    throw err;
  });
}

/**
 * alice sends to a fresh domain; the target's first stream there is claimed. `bounced`: alice got her
 * message back as an error (a target that gives up on the redirect says so, no need to wait out the bound).
 */
async function firstStream(
  ctx: CaseContext,
  alice: Client,
): Promise<{ domain: string; ps: PeerStream; bounced: Promise<unknown> }> {
  const { domain, ps } = await s2sOutClaimed(ctx, alice);
  const bounced = alice.expect((el) => el.name === "message" && el.attrs.type === "error", BACK_MS * 3);
  bounced.catch(() => {});
  return { domain, ps, bounced };
}

const common = { needs: ["s2s-outbound" as const], targetInitiates: true, users: ["alice"] };

const cases: CaseSpec[] = [
  {
    ...common,
    id: "rfc6120/4.9.3.19/s2s-redirect-same-address",
    title: "redirected to the address it connected to, the target reconnects there",
    requirements: ["RFC6120-4.9.3.19-2"],
    async run(ctx, { alice }) {
      const { domain, ps, bounced } = await firstStream(ctx, alice);
      const back = comesBack(ctx, [domain], BACK_MS, bounced);
      await redirect(ctx, ps, listenerAddress(ctx));
      ctx.should(
        !!(await back),
        `no new stream to ${domain} after the redirect to its own address (within ${BACK_MS} ms, or before it bounced the message)`,
      );
    },
  },
  {
    ...common,
    id: "rfc6120/4.9.3.19/s2s-redirect-fqdn-resolved",
    title: "redirected to another FQDN, the target resolves that FQDN before it reconnects",
    requirements: ["RFC6120-4.9.3.19-4"],
    async run(ctx, { alice }) {
      ctx.reading("I-6120-follow-redirect");
      const dns = ctx.federation.dns;
      if (!dns) return ctx.skip("the harness runs no DNS responder, so it cannot see the target resolve");
      const { domain, ps, bounced } = await firstStream(ctx, alice);
      const alt = ctx.federation.domain("alt");
      startTlsOnly(ctx, alt);
      const before = dns.queries.length;
      const back = comesBack(ctx, [domain, alt], BACK_MS, bounced);
      await redirect(ctx, ps, alt);
      if (!(await back))
        ctx.skip(
          `the target did not follow the redirect to ${alt} (within ${BACK_MS} ms, or it bounced the message)`,
        );
      const asked = dns.queries.slice(before).map((q) => q.name.toLowerCase());
      if (!asked.some((n) => n === alt || n.endsWith(`.${alt}`)))
        throw new Violation(
          `the target reconnected without resolving ${alt}; it asked for: ${asked.join(", ") || "nothing"}`,
        );
    },
  },
  {
    ...common,
    id: "rfc6120/4.9.3.19/s2s-redirect-same-to",
    title: "redirected to another FQDN, the target's new initial header keeps 'to' = the original domain",
    requirements: ["RFC6120-4.9.3.19-5"],
    async run(ctx, { alice }) {
      ctx.reading("I-6120-follow-redirect");
      const { domain, ps, bounced } = await firstStream(ctx, alice);
      const alt = ctx.federation.domain("alt");
      startTlsOnly(ctx, alt);
      const back = comesBack(ctx, [domain, alt], BACK_MS, bounced);
      await redirect(ctx, ps, alt);
      const again = await back;
      if (!again)
        return ctx.skip(
          `the target did not follow the redirect to ${alt} (within ${BACK_MS} ms, or it bounced the message)`,
        );
      if (again.to !== domain)
        throw new Violation(`after the redirect the target's header names '${again.to}', not '${domain}'`);
    },
  },
  {
    ...common,
    id: "rfc6120/4.9.3.19/s2s-redirect-limit",
    title:
      "redirected again and again, the target gives up after a few successive redirects (no more than 5)",
    requirements: ["RFC6120-4.9.3.19-7"],
    async run(ctx, { alice }) {
      const first = await firstStream(ctx, alice);
      let ps = first.ps;
      let followed = 0;
      for (; followed <= 5; followed++) {
        const back = comesBack(ctx, [first.domain], BACK_MS, first.bounced);
        await redirect(ctx, ps, listenerAddress(ctx));
        const again = await back;
        if (!again) break;
        ps = again.ps;
      }
      if (followed === 0) ctx.skip("the target does not follow <see-other-host/> redirects");
      ctx.should(followed <= 5, `the target followed ${followed} successive redirects and still reconnects`);
    },
  },
];

export default section("rfc6120", "4.9.3.19", "see-other-host (server-to-server)", cases);
