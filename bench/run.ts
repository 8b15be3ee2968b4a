// `npm run bench`: every figure measured side by side in one run, printed as a table.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { LEVELS } from "../harness/fuzz/types.ts";
import type { CaseResult } from "../harness/results.ts";
import { InBandProvisioner } from "../harness/runner/account-in-band.ts";
import { EmbeddedProvisioner } from "../harness/runner/accounts.ts";
import { DEFAULT_PARALLEL } from "../harness/runner/run.ts";
import type { TargetArgs } from "../harness/runner/target-config.ts";
import { ReferenceServer } from "../harness/server/server.ts";
import { Session } from "../harness/session.ts";
import { Transcript } from "../harness/transcript.ts";
import { parseTarget } from "../harness/transport/target-url.ts";
import type { Endpoint, TlsTrust } from "../harness/transport/transport.ts";
import { xml } from "../harness/xml/element.ts";
import {
  type RealServerTarget,
  realServerTarget,
  realServerUnavailable,
  realServerWorkDir,
  startRealServer,
  stopRealServer,
} from "../scripts/real-servers/launch.ts";
import { realServerArgs } from "../scripts/real-servers/suite-run.ts";
import { runCli } from "../test/support/cli-child.ts";
import { describeFlaky, flakyCases } from "../test/support/flaky.ts";
import { runSuite } from "../test/support/run-suite.ts";
import { benchFuzz, fuzzRows, ratioRow, repeatFuzz, showSpread, spread } from "./fuzz.ts";
import { benchParser } from "./parser.ts";

const rows: [string, string][] = [];
const row = (k: string, v: string) => {
  rows.push([k, v]);
  process.stdout.write(`${k}: ${v}\n`);
};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

/** Messages per second from one client to another (both logged in), over `n` messages. */
async function throughput(
  endpoint: Endpoint,
  domain: string,
  trust: TlsTrust,
  creds: { username: string; password: string }[],
  n: number,
) {
  const open = async (c: { username: string; password: string }) => {
    const s = await Session.open({
      endpoint,
      domain,
      trust,
      transcript: new Transcript(0),
      label: c.username,
    });
    await s.negotiate({ tls: "optional", auth: c, bind: true });
    await s.send(xml("presence"));
    await s.barrier();
    return s;
  };
  const [a, b] = await Promise.all(creds.map(open));
  const to = b.jid!.toString();
  const window = 100; // pipelined batches: a flood is what servers rightly cut off
  const t = performance.now();
  for (let i = 0; i < n; i += window) {
    const last = `m${i + window - 1}`;
    const arrived = b.expect({ name: "message", id: last }, 30_000);
    for (let k = i; k < i + window; k++)
      void a.send(xml("message", { to, type: "chat", id: `m${k}` }, xml("body", {}, `message ${k}`)));
    await arrived;
    b.inbox.length = 0;
  }
  const rate = n / ((performance.now() - t) / 1000);
  await Promise.all([a.close(), b.close()]);
  return rate;
}

/**
 * Messages per second to a real server, each `per` messages between two accounts registered for them:
 * prosody keeps at most 10,000 messages in an archive (storage_archive_item_limit) and cleans it up at
 * every message past that, so one pair's 20,000 messages timed the clean-up (40 messages/s), not delivery.
 */
async function freshThroughput(t: RealServerTarget, trust: TlsTrust, n: number, per: number) {
  const endpoint = parseTarget(t.url);
  const provisioner = new InBandProvisioner(t.domain);
  const open = async () => {
    const s = await Session.open({
      endpoint,
      domain: t.domain,
      trust,
      transcript: new Transcript(0),
      label: "setup",
    });
    await s.negotiate({ tls: "optional" });
    return s;
  };
  let ms = 0;
  for (let done = 0; done < n; done += per) {
    const pair = await provisioner.acquire(2, open);
    const rate = await throughput(endpoint, t.domain, trust, pair, per);
    ms += (per / rate) * 1000;
    await provisioner.release(pair, open);
  }
  await provisioner.end();
  return n / (ms / 1000);
}

/**
 * Determinism (issue #8): the whole suite five times against one target gives the same verdict per case.
 * The two timed runs count; three more are made at the default parallelism. Flaky cases are listed.
 */
async function determinism(name: string, runs: CaseResult[][], more: () => Promise<CaseResult[]>) {
  while (runs.length < 5) runs.push(await more());
  const flaky = flakyCases(runs);
  row(`flaky cases vs ${name} over 5 whole-suite runs`, String(flaky.length));
  if (flaky.length) process.stdout.write(`${describeFlaky(flaky)}\n`);
}

/**
 * The whole suite as a user runs it: `xmppspec run` with only the target's own flags, every other option
 * at its default (parallelism, waits, in-band accounts cancelled at the end), process start included.
 */
async function cliDefaults(name: string, flags: string[], aim: string) {
  const r = await runCli(["run", ...flags, "--quiet"], { deadlineMs: 900_000 });
  const summary = r.stdout.trim().split("\n").pop() ?? "";
  row(
    `xmppspec run${flags.length ? " --target --domain --tls-ca" : ""} at the CLI defaults vs ${name} (s${aim})`,
    `${(r.wallMs / 1000).toFixed(1)} (exit ${r.code}: ${summary.slice(0, 80)})`,
  );
}

/** Repetitions of each ratio (BENCH_REPS, default 3): the row gives their median and min–max. */
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 3));

/** Stanza, address, xml and every level together against one target, each REPS times. */
async function fuzzRatios(name: string, args: Partial<TargetArgs>, scale: number, pid?: number) {
  const n = (x: number) => Math.max(20, Math.round(x * scale));
  row(...ratioRow(name, await repeatFuzz(args, REPS, n(6000), ["stanza"], undefined, pid), { ratio: 0.5 }));
  row(...ratioRow(name, await repeatFuzz(args, REPS, n(6000), ["address"], undefined, pid), { ratio: 0.5 }));
  row(
    ...ratioRow(name, await repeatFuzz(args, REPS, n(600), ["xml"], undefined, pid), { casesPerSecond: 10 }),
  );
  // every level gets turns of its own (a turn of chunk cases each), so the slow model levels count
  const all = await repeatFuzz(args, REPS, n(1200), [...LEVELS], n(100), pid);
  row(...ratioRow(name, all, { ratio: 0.2 }));
}

/** The pid prosody wrote under its work directory (where realServerTarget's launcher keeps it). */
function realServerPid(name: "prosody"): number | undefined {
  try {
    return Number(readFileSync(join(realServerWorkDir(), name, `${name}.pid`), "utf8").trim()) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The prosody to measure: with XMPPSPEC_BENCH_SHARED=1 the one already running (its work directory from
 * XMPP_WORK, as it was started; nothing reset or stopped), else one started here from a fresh state.
 */
async function prosody(): Promise<{ t: RealServerTarget; shared: boolean } | string> {
  if (process.env.XMPPSPEC_BENCH_SHARED === "1") return { t: realServerTarget("prosody"), shared: true };
  const why = realServerUnavailable("prosody");
  if (why) return why;
  return { t: await startRealServer("prosody"), shared: false };
}

async function main(): Promise<void> {
  const parser = await benchParser();
  row(
    "parser throughput (MB/s): bare saxes / xmppspec StreamParser",
    `${parser.saxesMBps.toFixed(1)} / ${parser.parserMBps.toFixed(1)}`,
  );
  row(
    `parser ratio to bare saxes, ${parser.ratios.length} rounds (aim >= 0.9)`,
    showSpread(spread(parser.ratios), 2),
  );
  const suites = process.env.BENCH_SUITE !== "0";

  const [server, startMs] = await timed(() => ReferenceServer.start());
  row("reference server start to listening (ms)", startMs.toFixed(0));
  const [creds] = [await new EmbeddedProvisioner(server.accounts, "localhost").acquire(2)];
  const embeddedRate = await throughput(
    { kind: "tcp", ...server.endpoints.tcp },
    "localhost",
    { ca: server.certificate.cert },
    creds,
    20_000,
  );
  await server.stop();
  row("stanza throughput, reference server (messages/s, 20000 messages)", embeddedRate.toFixed(0));
  // FUZZ_BENCH_CASES: the long no-false-alarm campaign (default 100000 cases, zero findings expected)
  const long = await benchFuzz({}, Number(process.env.FUZZ_BENCH_CASES ?? 100_000));
  for (const [k, v] of fuzzRows("reference server", long)) row(k, v);
  await fuzzRatios("reference server", {}, 1);

  const embeddedRuns: CaseResult[][] = [];
  let defaultMs = 0;
  for (const parallel of suites ? [1, DEFAULT_PARALLEL] : []) {
    const [run, ms] = await timed(() => runSuite({ parallel }));
    embeddedRuns.push(run.results);
    defaultMs = ms;
    const passed = run.results.filter((r) => r.verdict === "PASS").length;
    row(
      `full suite vs reference server, --parallel ${parallel} (s)`,
      `${(ms / 1000).toFixed(2)} (${passed}/${run.results.length} PASS)`,
    );
  }
  if (suites) {
    // a target that never answers the client's </stream:stream>: its cases' teardowns must not cost the run
    const [, silentMs] = await timed(() => runSuite({ fault: ["no-close-reply"] }));
    row(
      `full suite vs a reference server never answering a close (no-close-reply) / unfaulted, --parallel ${DEFAULT_PARALLEL}`,
      `${(silentMs / defaultMs).toFixed(2)} (${(silentMs / 1000).toFixed(1)} s / ${(defaultMs / 1000).toFixed(1)} s)`,
    );
    await determinism("reference server", embeddedRuns, async () => (await runSuite({})).results);
    await cliDefaults("reference server", [], "");
  }

  const got = await prosody();
  if (typeof got === "string") {
    row("prosody", `not measured: ${got}`);
  } else {
    const { t, shared } = got;
    try {
      // first, on a prosody as fresh as a user's: after the runs below (thousands of accounts, a
      // 20,000-message archive) the same command took 314 s instead of 85
      if (suites) {
        const flags = ["--target", t.url, "--domain", t.domain, "--tls-ca", t.caFile];
        await cliDefaults(shared ? "prosody (shared)" : "prosody, freshly started", flags, "; aim <= 40");
      }
      const trust = { ca: readFileSync(t.caFile, "utf8") };
      const rate = await freshThroughput(t, trust, 20_000, 5_000);
      row(
        "stanza throughput, prosody (messages/s, 20000 messages, a fresh pair for each 5000)",
        rate.toFixed(0),
      );
      row("reference server / prosody throughput ratio", (embeddedRate / rate).toFixed(2));
      await fuzzRatios("prosody", realServerArgs(t), 0.25, realServerPid("prosody"));
      const prosodyRuns: CaseResult[][] = [];
      // a prosody reset when it started needs no cancelling of accounts (as in CI and the matrix); a shared one does
      const keepAccounts = !shared;
      for (const parallel of suites ? [1, DEFAULT_PARALLEL] : []) {
        // every endpoint, as the real-server test runs it: otherwise the TLS and WebSocket cases only SKIP
        const [run, ms] = await timed(() => runSuite({ ...realServerArgs(t), parallel, keepAccounts }));
        prosodyRuns.push(run.results);
        const passed = run.results.filter((r) => r.verdict === "PASS").length;
        row(
          `full suite vs prosody, --parallel ${parallel} (s)`,
          `${(ms / 1000).toFixed(2)} (${passed}/${run.results.length} PASS)`,
        );
      }
      if (suites)
        await determinism(
          "prosody",
          prosodyRuns,
          async () => (await runSuite({ ...realServerArgs(t), keepAccounts })).results,
        );
    } catch (err) {
      row("prosody", `measuring stopped: ${(err as Error).message.split("\n")[0]}`);
    } finally {
      if (!shared) await stopRealServer("prosody");
    }
  }
  process.stdout.write(`\n${rows.map(([k, v]) => `${k.padEnd(72)} ${v}`).join("\n")}\n`);
}

await main();
