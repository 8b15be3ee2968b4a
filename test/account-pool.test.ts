// Pooled accounts (--account): each case gets them clean, whatever the previous case left behind;
// a case needing more than the pool holds is SKIP; one that cannot be cleaned is ERROR.
import { expect } from "chai";
import type { CaseResult } from "../harness/results.ts";
import { PoolProvisioner } from "../harness/runner/account-pool.ts";
import { resetAccount } from "../harness/runner/account-reset.ts";
import type { Case } from "../harness/runner/case.ts";
import { runCases } from "../harness/runner/run.ts";
import type { Target } from "../harness/runner/target.ts";
import type { ReferenceServer } from "../harness/server/server.ts";
import { Session } from "../harness/session.ts";
import { Transcript } from "../harness/transcript.ts";
import { xml } from "../harness/xml/element.ts";
import { startInProcessTarget } from "./support/in-process-target.ts";
import { testCase } from "./support/test-case.ts";

const ROSTER = "jabber:iq:roster";

/** Leaves every kind of state behind: mutual subscriptions, a pending request, an offline message, a stray item. */
const dirty = testCase(
  "test/dirty",
  ["alice:online", "bob:online", "carol:account"],
  async (ctx, { alice, bob }) => {
    const carol = ctx.account("carol").jid;
    await alice.send(xml("presence", { to: bob.bare, type: "subscribe" }));
    await bob.expect({ name: "presence", type: "subscribe" });
    await bob.send(xml("presence", { to: alice.bare, type: "subscribed" }));
    await bob.send(xml("presence", { to: alice.bare, type: "subscribe" }));
    await alice.send(xml("presence", { to: bob.bare, type: "subscribed" }));
    await alice.send(xml("presence", { to: carol, type: "subscribe" }));
    await alice.send(xml("message", { to: carol, type: "chat" }, xml("body", {}, "left over")));
    const item = xml("item", { jid: "stray@localhost" });
    await bob.iqResult(xml("iq", { type: "set" }, xml("query", { xmlns: ROSTER }, item)), "roster set");
    await alice.barrier();
    await bob.barrier();
  },
);

/** Sees clean accounts: empty rosters, no offline message, no pending request. */
const clean = testCase("test/clean", ["alice", "bob", "carol"], async (ctx, users) => {
  for (const u of Object.values(users)) {
    const roster = await u.iqResult(
      xml("iq", { type: "get" }, xml("query", { xmlns: ROSTER })),
      "roster get",
    );
    ctx
      .expect(
        roster
          .getChild("query", ROSTER)
          ?.getChildren("item")
          .map((i) => i.attrs.jid),
      )
      .to.deep.equal([]);
    await u.send(xml("presence"));
    const seen = await u.barrier();
    const left = seen.filter((el) => el.name === "message" || el.attrs.type === "subscribe");
    ctx.expect(left.map(String), `what ${u.bare} got at login`).to.deep.equal([]);
  }
});

describe("pooled accounts", () => {
  let server: ReferenceServer;
  let stop: () => Promise<void>;
  let target: Target;
  const pool = ["alice", "bob", "carol"].map((u) => `pool-${u}@localhost:pw-${u}`);

  before(async () => {
    ({ server, target, stop } = await startInProcessTarget());
    for (const spec of pool) server.accounts.create(spec.split(":")[0], spec.split(":")[1]);
    target.provisioner = new PoolProvisioner(PoolProvisioner.parse(pool, "localhost"), "localhost");
  });
  after(() => stop());

  const run = (cases: Case[]): Promise<CaseResult[]> =>
    runCases({ target, cases, parallel: 1, caseTimeoutMs: 10_000, expectTimeoutMs: 2000 });

  it("are reset before each case: what one case left is gone for the next, and the reset is set-up", async () => {
    const [a, b] = await run([dirty, clean]);
    expect(a.verdict, a.message).to.equal("PASS");
    expect(b.verdict, b.message).to.equal("PASS");
    const setup = b.transcript.filter((e) => e.session === "setup").map((e) => e.data);
    expect(setup).to.include("reset of pooled account pool-alice@localhost");
    expect(setup.some((d) => /subscription=.remove./.test(d))).to.equal(true);
  });

  it("without the reset, the clean case sees what the dirty one left (so it can fail)", async () => {
    const pooled = target.provisioner;
    const accounts = PoolProvisioner.parse(pool, "localhost");
    target.provisioner = {
      kind: "pool",
      acquire: async (n) => accounts.slice(0, n),
      release: async () => {},
    };
    try {
      const [, b] = await run([dirty, clean]);
      expect(b.verdict).to.equal("FAIL");
    } finally {
      target.provisioner = pooled;
      await run([clean]); // the pool's reset leaves them clean again
    }
  });

  it("SKIP a case that needs more accounts than the pool holds, with the number it needs", async () => {
    const big = testCase("test/four", ["a", "b", "c", "d"], async () => {});
    const [r] = await run([big]);
    expect([r.verdict, r.message]).to.deep.equal([
      "SKIP",
      "the case needs 4 accounts; the pool has 3 (give 4 --account)",
    ]);
  });

  it("SKIP a case that needs never-used accounts (a pooled account's state has a history), with the reason", async () => {
    const fresh: Case = { ...testCase("test/new", ["alice"], async () => {}), needs: ["new-accounts"] };
    const [r] = await run([fresh]);
    expect(r.verdict).to.equal("SKIP");
    expect(r.message).to.match(
      /^the case needs accounts never used before, and pooled accounts have a history/,
    );
  });

  it("ERROR, never FAIL, for a case whose account cannot be made clean", async () => {
    server.accounts.remove("pool-carol@localhost"); // its login now fails
    try {
      const [r] = await run([clean]);
      expect([r.verdict, r.message]).to.deep.equal([
        "ERROR",
        "the target refused the login of test account pool-carol@localhost: <not-authorized/>",
      ]);
    } finally {
      server.accounts.create("pool-carol@localhost", "pw-carol");
    }
  });

  it("an account whose roster stays full after the removals cannot be made clean: HarnessError (ERROR)", async () => {
    await run([dirty]); // two of the three now have roster items, the third a pending request only
    // a server that answers the removals but keeps the items: the removals never reach it
    const open = async () => {
      const o = {
        endpoint: target.endpoint,
        domain: "localhost",
        trust: target.trust,
        transcript: new Transcript(),
      };
      const s = await Session.open({ ...o, label: "setup" });
      const iqResult = s.iqResult.bind(s);
      s.iqResult = (el, what, t) => (what === "roster remove" ? Promise.resolve(el) : iqResult(el, what, t));
      return s;
    };
    const errors: Error[] = [];
    for (const a of PoolProvisioner.parse(pool, "localhost"))
      await resetAccount(a, open).catch((e) => errors.push(e));
    expect(errors.map((e) => e.name)).to.deep.equal(["HarnessError", "HarnessError"]);
    for (const e of errors)
      expect(e.message).to.match(
        /^pooled account pool-\w+@localhost could not be made clean: its roster still holds /,
      );
    await run([clean]); // the real reset empties it
  });
});
