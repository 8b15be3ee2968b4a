// The runner's schedule: at most `parallel` cases busy, a case waiting past the linger time makes room for
// the next, never more than `cap` in flight, and an abort starts nothing new.
import { expect } from "chai";
import type { Case } from "../harness/runner/case.ts";
import { runCases } from "../harness/runner/run.ts";
import { schedule } from "../harness/runner/schedule.ts";
import { resolveTarget } from "../harness/runner/target-config.ts";
import { testCase } from "./support/test-case.ts";

/** Tasks that end only when the test says so; records what started and the most in flight at once. */
function gatedTasks(count: number) {
  const gates = Array.from({ length: count }, () => {
    let resolve = () => {};
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    return { promise, resolve };
  });
  const started: number[] = [];
  let inFlight = 0;
  let most = 0;
  /** `clockAt`: the tasks that start their linger clock at once (all when absent). */
  const run = async (i: number, startClock: () => void, clockAt?: Set<number>) => {
    started.push(i);
    if (!clockAt || clockAt.has(i)) startClock();
    most = Math.max(most, ++inFlight);
    try {
      await gates[i].promise;
    } finally {
      inFlight--;
    }
  };
  /** Once `n` have started, and a while after (for one more that must not start): those started. */
  const startedOnce = async (n: number) => {
    while (started.length < n) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 40));
    return [...started];
  };
  return { run, open: (i: number) => gates[i].resolve(), started: startedOnce, most: () => most };
}

describe("runner schedule", () => {
  it("without lingering, a task starts only when one of the `parallel` before it has ended", async () => {
    const t = gatedTasks(4);
    const done = schedule({ count: 4, parallel: 2, cap: 8 }, t.run);
    expect(await t.started(2)).to.deep.equal([0, 1]);
    t.open(1);
    expect(await t.started(3)).to.deep.equal([0, 1, 2]);
    t.open(0);
    t.open(2);
    t.open(3);
    await done;
    expect(t.most()).to.equal(2);
  });

  it("a task still running after the linger time gives its slot to the next, up to the cap", async () => {
    const t = gatedTasks(6);
    const done = schedule({ count: 6, parallel: 1, lingerMs: 5, cap: 3 }, t.run);
    // each lingers in turn, so three are in flight, and the cap holds the fourth back
    expect(await t.started(3)).to.deep.equal([0, 1, 2]);
    t.open(0);
    expect(await t.started(4)).to.deep.equal([0, 1, 2, 3]);
    for (let i = 1; i < 6; i++) t.open(i);
    await done;
    expect(t.most()).to.equal(3);
  });

  it("a task that has not started its clock holds its slot however long it runs (its set-up is work)", async () => {
    const t = gatedTasks(4);
    const clockAt = new Set([1]);
    const done = schedule({ count: 4, parallel: 1, lingerMs: 5, cap: 4 }, (i, c) => t.run(i, c, clockAt));
    expect(await t.started(1)).to.deep.equal([0]);
    t.open(0);
    // task 1 lingers, task 2 does not
    expect(await t.started(3)).to.deep.equal([0, 1, 2]);
    t.open(2);
    expect(await t.started(4)).to.deep.equal([0, 1, 2, 3]);
    t.open(1);
    t.open(3);
    await done;
  });

  it("a task that ends before the linger time holds its slot throughout", async () => {
    const ran: number[] = [];
    let inFlight = 0;
    let most = 0;
    await schedule({ count: 20, parallel: 2, lingerMs: 60_000, cap: 8 }, async (i, startClock) => {
      startClock();
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 2));
      ran.push(i);
      inFlight--;
    });
    expect(ran).to.have.length(20);
    expect(most).to.equal(2);
  });

  it("a task's rejection ends that task only", async () => {
    const ran: number[] = [];
    await schedule({ count: 5, parallel: 2, cap: 2 }, async (i) => {
      if (i === 1) throw new Error("boom");
      ran.push(i);
    });
    expect(ran.sort()).to.deep.equal([0, 2, 3, 4]);
  });

  it("an abort starts nothing new, and the run ends when those in flight have", async () => {
    const t = gatedTasks(5);
    const abort = new AbortController();
    const done = schedule({ count: 5, parallel: 2, cap: 2, signal: abort.signal }, t.run);
    expect(await t.started(2)).to.deep.equal([0, 1]);
    abort.abort();
    t.open(0);
    t.open(1);
    await done;
    expect(await t.started(2)).to.deep.equal([0, 1]);
  });

  it("nothing to run ends at once", async () => {
    await schedule({ count: 0, parallel: 4, cap: 16 }, async () => {
      throw new Error("never called");
    });
  });
});

describe("runner start order", () => {
  it("cases that linger by design start first; results keep the order given", async () => {
    const { target, server } = await resolveTarget({
      tls: "optional",
      insecure: false,
      account: [],
      fault: [],
    });
    const mk = (id: string, lingers?: string): Case => ({
      ...testCase(`test/${id}`, [], async () => {}),
      lingers,
    });
    const cases = [mk("a"), mk("b"), mk("waits-1", "a window"), mk("c"), mk("waits-2", "a window")];
    const started: string[] = [];
    try {
      const results = await runCases({
        target,
        cases,
        parallel: 1,
        caseTimeoutMs: 2000,
        expectTimeoutMs: 2000,
        onStart: (c) => started.push(c.id.slice(5)),
      });
      expect(started).to.deep.equal(["waits-1", "waits-2", "a", "b", "c"]);
      expect(results.map((r) => r.id.slice(5))).to.deep.equal(["a", "b", "waits-1", "c", "waits-2"]);
    } finally {
      await server?.stop();
    }
  });
});
