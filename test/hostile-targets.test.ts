// The harness against a hostile target: for each misbehaviour of test/support/hostile-server.ts, `xmppspec
// run` and `xmppspec fuzz` must end in bounded time and memory, exit 1 without a stack trace, write their
// JSON, and give verdicts (or a stop reason) that name the cause in one line.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import type { RunResults } from "../harness/results.ts";
import { type CliRun, hasStackTrace, runCli } from "./support/cli-child.ts";
import {
  BEHAVIOURS,
  type Behaviour,
  type HostileServer,
  startHostileServer,
} from "./support/hostile-server.ts";

/** What a clear verdict against each behaviour says (some result or stop reason must match). */
const REASON: Record<Behaviour, RegExp> = {
  garbage: /the target sent (not-well-formed|invalid-utf8|invalid-char|unsupported-encoding)/,
  silent: /no stream header from the target within \d+ ms/,
  trickle: /no stream header from the target within \d+ ms/,
  "close-at-once": /the target closed the stream/,
  "huge-stanza": /larger than \d+ bytes|<message> is still unfinished/,
  "deep-nesting": /nested deeper than \d+/,
  "billion-laughs": /the target sent dtd/,
  "invalid-utf8": /not UTF-8/,
  "close-mid-stanza": /closed the stream in the middle of <stream:features>/,
  "tcp-reset": /connection reset/,
  "tls-garbage": /TLS handshake with .* failed/,
  "wrong-namespace": /stream header is in namespace 'http:\/\/example\.com/,
  "repeated-header": /<stream:stream> is still unfinished/,
  "xml-declaration-mid-stream": /XML declaration after the start of the stream/,
  "no-usable-sasl": /no usable SASL mechanism offered \(offered: X-HOSTILE-ONLY\)/,
  "scram-iterations": /iteration count 2000000000 above 1000000/,
  "stream-error-at-header": /<host-unknown\/>/,
  "stream-error-at-features": /<internal-server-error\/>/,
  "stream-error-at-tls": /<internal-server-error\/>/,
  "stream-error-at-auth": /<internal-server-error\/>/,
  "stream-error-at-bind": /<internal-server-error\/>/,
};

/** The negotiation step a stream-error behaviour must have let the client reach, seen in the transcript. */
const REACHED: Partial<Record<Behaviour, RegExp>> = {
  "stream-error-at-tls": /^TLS established/,
  "stream-error-at-auth": /^<auth /,
  "stream-error-at-bind": /xmpp-bind/,
};

const DEADLINE_MS = 90_000;
const HEAP_MB = 96;
const MAX_RSS_MB = 320;
const CONCURRENCY = 6;
const ACCOUNTS = Array.from({ length: 6 }, (_, i) => [
  "--account",
  `hostile${i}:not-a-real-secret-${i}`,
]).flat();

interface Outcome {
  run: CliRun;
  fuzz: CliRun;
  results?: RunResults;
  fuzzJson?: { partial?: boolean; stopped?: string; findings?: { message: string }[] };
}

/** Run both commands against one behaviour's server. */
async function attack(b: Behaviour, dir: string): Promise<Outcome> {
  const server: HostileServer = await startHostileServer(b);
  try {
    const common = [
      "--target",
      server.url,
      "--domain",
      "localhost",
      "--insecure",
      ...ACCOUNTS,
      "--timeout",
      "1000",
    ];
    const opts = { deadlineMs: DEADLINE_MS, nodeFlags: [`--max-old-space-size=${HEAP_MB}`] };
    const runJson = join(dir, `${b}.run.json`);
    const fuzzJson = join(dir, `${b}.fuzz.json`);
    const [run, fuzz] = await Promise.all([
      runCli(
        [
          "run",
          ...common,
          "--shard",
          "1/60",
          "--parallel",
          "4",
          "--case-timeout",
          "5000",
          "--quiet",
          "--json",
          runJson,
        ],
        opts,
      ),
      runCli(
        [
          "fuzz",
          ...common,
          "--runs",
          "10",
          "--seed",
          "1",
          "--quiet",
          "--out",
          join(dir, `${b}.findings`),
          "--json",
          fuzzJson,
        ],
        opts,
      ),
    ]);
    const read = (f: string) => (existsSync(f) ? JSON.parse(readFileSync(f, "utf8")) : undefined);
    return { run, fuzz, results: read(runJson), fuzzJson: read(fuzzJson) };
  } finally {
    await server.close();
  }
}

/** A bounded pool: `n` attacks at a time, so the battery's wall time is not the sum of its parts. */
async function pool<T, R>(items: T[], n: number, fn: (x: T) => Promise<R>): Promise<Map<T, R>> {
  const out = new Map<T, R>();
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const x = items[next++];
      out.set(x, await fn(x));
    }
  };
  await Promise.all(Array.from({ length: n }, worker));
  return out;
}

/** The process ended on its own, in time, in bounded memory, with exit 1 and no stack trace. */
function endedCleanly(r: CliRun, what: string): void {
  expect(r.timedOut, `${what} did not finish within ${DEADLINE_MS} ms`).to.equal(false);
  expect(hasStackTrace(r.stderr), `${what} printed a stack trace:\n${r.stderr.slice(0, 2000)}`).to.equal(
    false,
  );
  expect(r.code, `${what} exit code (stderr: ${r.stderr.slice(0, 500)})`).to.equal(1);
  expect(r.maxRssKiB, `${what} peak RSS (KiB)`)
    .to.be.a("number")
    .below(MAX_RSS_MB * 1024);
}

describe("hostile targets: run and fuzz survive a misbehaving server", function () {
  this.timeout(300_000);
  const behaviours = Object.keys(BEHAVIOURS) as Behaviour[];
  const dir = mkdtempSync(join(tmpdir(), "xmppspec-hostile-"));
  let outcomes = new Map<Behaviour, Outcome>();
  let fuzzMissing: string | undefined;

  before(async () => {
    // `xmppspec fuzz` comes from another part of the project: say so plainly if it is not there
    const help = await runCli(["fuzz", "--help"], { deadlineMs: 30_000 });
    if (help.code !== 0) fuzzMissing = `xmppspec fuzz is not available: ${help.stderr.trim().split("\n")[0]}`;
    outcomes = await pool(behaviours, CONCURRENCY, (b) => attack(b, dir));
  });

  after(() => {
    const mb = (k?: number) => (k === undefined ? "?" : `${(k / 1024).toFixed(0)} MB`);
    for (const [b, o] of outcomes) {
      process.stdout.write(
        `      ${b.padEnd(28)} run ${(o.run.wallMs / 1000).toFixed(1)} s ${mb(o.run.maxRssKiB)}, fuzz ${(o.fuzz.wallMs / 1000).toFixed(1)} s ${mb(o.fuzz.maxRssKiB)}\n`,
      );
    }
  });

  it("has at least 15 behaviours", () => {
    expect(behaviours.length).to.be.at.least(15);
  });

  for (const b of behaviours) {
    describe(`${b}: ${BEHAVIOURS[b]}`, () => {
      it("run: bounded, exit 1, no stack trace, results written, verdicts name the cause", () => {
        const o = outcomes.get(b)!;
        endedCleanly(o.run, "xmppspec run");
        const doc = o.results;
        expect(doc, "the --json results").to.not.equal(undefined);
        expect(doc!.summary.total).to.equal(doc!.results.length).and.be.above(0);
        const bad = doc!.results.filter((r) => r.verdict === "FAIL" || r.verdict === "ERROR");
        expect(bad, "ERROR or FAIL verdicts").to.not.be.empty;
        for (const r of bad) {
          expect(r.message, `${r.id}: a reason`).to.be.a("string").and.not.equal("");
          // "harness error:" is what an unexpected exception (a bug of ours) becomes
          expect(r.message!, `${r.id}: the reason is the target's, not a harness bug`).to.not.match(
            /^harness error/,
          );
          expect(hasStackTrace(`\n${r.message}`), `${r.id}: no stack trace in the reason`).to.equal(false);
        }
        const reasons = bad.map((r) => r.message!.split("\n")[0]);
        expect(
          reasons.some((m) => REASON[b].test(m)),
          `a reason matching ${REASON[b]} among:\n${[...new Set(reasons)].join("\n")}`,
        ).to.be.true;
        const reached = REACHED[b];
        if (reached) {
          const sent = doc!.results.flatMap((r) =>
            r.transcript.filter((e) => e.dir !== "recv").map((e) => e.data),
          );
          expect(
            sent.some((d) => reached.test(d)),
            `the client got as far as ${reached}`,
          ).to.equal(true);
        }
      });

      it("fuzz: bounded, exit 1, no stack trace, summary written with the cause", () => {
        if (fuzzMissing) expect.fail(fuzzMissing);
        const o = outcomes.get(b)!;
        endedCleanly(o.fuzz, "xmppspec fuzz");
        const doc = o.fuzzJson;
        expect(doc, "the fuzz --json summary").to.not.equal(undefined);
        const reasons = [doc!.stopped ?? "", ...(doc!.findings ?? []).map((f) => f.message)].filter(Boolean);
        expect(reasons, "a stop reason or a finding").to.not.be.empty;
        for (const m of reasons) expect(m).to.not.match(/internal error|harness error/);
      });
    });
  }
});
