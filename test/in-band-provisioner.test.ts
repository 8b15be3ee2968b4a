// In-band provisioning (the default against a remote target): the run's accounts are registered on one
// stream shared by its cases, since each TLS stream costs a server about what a registration does; a server
// that takes one registration per stream still gets every account, each on a fresh stream.
import { expect } from "chai";
import { HarnessError } from "../harness/errors.ts";
import { InBandProvisioner } from "../harness/runner/account-in-band.ts";
import type { ProvisioningOpener } from "../harness/runner/accounts.ts";
import { provisioningOpener } from "../harness/runner/run.ts";
import type { Target } from "../harness/runner/target.ts";
import type { ReferenceServer } from "../harness/server/server.ts";
import type { Session } from "../harness/session.ts";
import { Transcript } from "../harness/transcript.ts";
import { NS, xml } from "../harness/xml/element.ts";
import { startInProcessTarget } from "./support/in-process-target.ts";

describe("in-band account provisioning", () => {
  let server: ReferenceServer;
  let target: Target;
  let stop: () => Promise<void>;
  before(async () => {
    ({ server, target, stop } = await startInProcessTarget());
  });
  after(() => stop());

  /**
   * The run's opener, counting the streams it opens; `perStream` registrations are answered on each, none on
   * the first `silent` streams (a server that stopped answering there).
   */
  function counting(perStream = Number.POSITIVE_INFINITY, silent = 0) {
    // overlaps: registrations sent on a stream while an earlier one there was unanswered
    const seen = { streams: 0, sessions: [] as Session[], overlaps: 0 };
    const real = provisioningOpener(target, 2000, new Transcript());
    const open: ProvisioningOpener = async (t) => {
      const n = ++seen.streams;
      const s = await real(t);
      seen.sessions.push(s);
      let registrations = 0;
      let unanswered = 0;
      const expect = s.expect.bind(s);
      s.expect = ((m: Parameters<Session["expect"]>[0], ...rest: unknown[]) => {
        const waiting = (expect as (...a: unknown[]) => Promise<unknown>)(m, ...rest);
        const reply = typeof m === "object" && String((m as { id?: string }).id).startsWith("reg-");
        return reply ? waiting.finally(() => unanswered--) : waiting;
      }) as Session["expect"];
      const send = s.send.bind(s);
      // a server that refuses registrations beyond `perStream` on a stream: those go out without their
      // username and password, which the reference server refuses with <not-acceptable/>
      s.send = (el, o) => {
        const registration = typeof el === "object" && "attrs" in el && !!el.getChild("query", NS.register);
        if (registration && unanswered++ > 0) seen.overlaps++;
        if (registration && n <= silent) return Promise.resolve();
        if (registration && ++registrations > perStream)
          return send(xml("iq", { type: "set", id: el.attrs.id }, xml("query", { xmlns: NS.register })), o);
        return send(el, o);
      };
      return s;
    };
    return { seen, open };
  }

  it("registers a case's three accounts over one stream, and cancels each afterwards", async () => {
    const { seen, open } = counting();
    const p = new InBandProvisioner("localhost");
    const made = await p.acquire(3, open);
    expect(seen.streams).to.equal(1);
    expect(new Set(made.map((a) => a.jid)).size).to.equal(3);
    for (const a of made) expect(server.accounts.password(a.jid)).to.equal(a.password);
    await p.release(made, open);
    for (const a of made) expect(server.accounts.password(a.jid)).to.equal(undefined);
  });

  it("registers the accounts of cases running at once over one stream, and closes it at the end", async () => {
    const { seen, open } = counting();
    const p = new InBandProvisioner("localhost");
    const made = (await Promise.all([1, 2, 3, 4].map(() => p.acquire(2, open)))).flat();
    await p.acquire(1, open);
    expect(seen.streams).to.equal(1);
    // one at a time: jabberd2 2.7 never answers a registration sent before the last was answered
    expect(seen.overlaps, "registrations sent while another was unanswered").to.equal(0);
    expect(new Set(made.map((a) => a.jid)).size).to.equal(8);
    for (const a of made) expect(server.accounts.password(a.jid)).to.equal(a.password);
    await p.end();
    expect(seen.sessions[0].closed, "closed by end()").to.equal(true);
  });

  it("replaces a registration stream the target ended, and closes an unused one by itself", async () => {
    const { seen, open } = counting();
    const p = new InBandProvisioner("localhost");
    await p.acquire(1, open);
    seen.sessions[0].destroy();
    const [a] = await p.acquire(1, open);
    expect(seen.streams).to.equal(2);
    expect(server.accounts.password(a.jid)).to.equal(a.password);
    // no end(): a caller that forgets it is not held open by the stream
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen.sessions[1].closed, "closed when idle").to.equal(true);
  });

  it("registers on a new stream once the current one is older than its limit (prosody ends unauthenticated ones)", async () => {
    const { seen, open } = counting();
    const p = new InBandProvisioner("localhost", 50);
    await p.acquire(2, open);
    expect(seen.streams).to.equal(1);
    await new Promise((r) => setTimeout(r, 100));
    const [a] = await p.acquire(1, open);
    expect(seen.streams).to.equal(2);
    expect(server.accounts.password(a.jid)).to.equal(a.password);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.sessions[0].closed, "the older stream, closed").to.equal(true);
    await p.end();
  });

  it("moves registrations queued behind one that got no answer to a new stream", async () => {
    const { seen, open } = counting(Number.POSITIVE_INFINITY, 1);
    const p = new InBandProvisioner("localhost");
    const [first, ...rest] = await Promise.allSettled([1, 2, 3].map(() => p.acquire(1, open)));
    expect(first.status, "the one the silent stream swallowed").to.equal("rejected");
    expect(rest.map((r) => r.status)).to.deep.equal(["fulfilled", "fulfilled"]);
    expect(seen.streams).to.equal(2);
    await p.end();
  });

  it("goes on over fresh streams where the server takes one registration per stream, also for cases at once", async () => {
    const { seen, open } = counting(1);
    const p = new InBandProvisioner("localhost");
    const made = (await Promise.all([1, 2, 3].map(() => p.acquire(1, open)))).flat();
    expect(seen.streams).to.equal(3);
    for (const a of made) expect(server.accounts.password(a.jid)).to.equal(a.password);
    await p.end();
  });

  it("goes on over fresh streams where the server takes one registration per stream", async () => {
    const { seen, open } = counting(1);
    const p = new InBandProvisioner("localhost");
    const made = await p.acquire(3, open);
    await p.end();
    expect(seen.streams).to.equal(3);
    for (const a of made) expect(server.accounts.password(a.jid)).to.equal(a.password);
  });

  it("fails the set-up, naming the condition, when a fresh stream's registration is refused", async () => {
    const { open } = counting(0);
    const err = await new InBandProvisioner("localhost").acquire(2, open).catch((e) => e);
    expect(err).to.be.instanceOf(HarnessError);
    expect(err.message).to.equal("in-band registration of a test account failed: <not-acceptable/>");
  });
});
