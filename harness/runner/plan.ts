// The runner's one entry: a run request, as the command line builds it from its flags, is resolved here
// (renamed ids, selection, expectations, target) and run. Request mistakes throw ConfigError.
import { caseRenames, noteOnce, type Renames } from "../fixtures/renames.ts";
import { SpecCases } from "../profiles/judge.ts";
import { judgeProfiles } from "../profiles/judge-run.ts";
import { profiles as allProfiles, type Profile, profile, requiredSpecs } from "../profiles/profiles.ts";
import { type CaseResult, type ProfileReport, type RunResults, runResults } from "../results.ts";
import type { Case } from "./case.ts";
import { type Expectation, loadExpectations } from "./expectations.ts";
import { allCases } from "./registry.ts";
import { runCases } from "./run.ts";
import { parseShard, selectCases, withRenamedGlobs } from "./select.ts";
import { probeTarget } from "./target.ts";
import { ConfigError, resolveTarget, type TargetArgs } from "./target-config.ts";
import { waitForTarget } from "./wait.ts";

/** Which cases: --suite, --case GLOB (old ids too), --grep, --shard i/n. */
export interface SelectRequest {
  suites: string[];
  cases: string[];
  grep?: string;
  shard?: string;
}

export interface RunRequest {
  target: TargetArgs;
  select: SelectRequest;
  /**
   * Compliance profiles (XEP-0479: "cs2023-im-server"): the run takes the cases of the specifications they
   * require (narrowed by `select`), asks the target what it claims, and judges each profile.
   */
  profiles?: string[];
  /** An expectations file (case id, verdict(s), reason, link) the run is to be judged by. */
  expect?: string;
  parallel: number;
  /** One expected answer, ms. */
  expectTimeoutMs: number;
  /** A whole case, ms. */
  caseTimeoutMs: number;
  /** Leave in-band registered accounts in place (a target reset before every run). */
  keepAccounts: boolean;
  /** Keep connecting this long (ms) until the target answers a stream header (a server still starting). */
  waitMs?: number;
  /** Stop scheduling new cases: the results so far are the run's, marked partial. */
  signal?: AbortSignal;
  /** Renamed case ids; default: caseRenames(). */
  renames?: Renames;
  /** A line for the user: an old case id read as its new one, a target that is not usable. */
  onNote?(line: string): void;
  /** The target is up; `progress` gives the results document so far (for a stop that cannot wait). */
  onStarted?(progress: () => RunResults): void;
  onResult?(r: CaseResult, done: number, total: number): void;
}

export interface RunOutcome {
  doc: RunResults;
  /** The expectations the request named, under current case ids. */
  expected?: Map<string, Expectation>;
}

interface Notes {
  renames: Renames;
  note(line: string): void;
}

function selection(sel: SelectRequest, n: Notes): Case[] {
  const cases = allCases();
  const suites = new Set(cases.map((c) => c.suite));
  for (const s of sel.suites)
    if (!suites.has(s)) throw new ConfigError(`unknown suite '${s}' (have: ${[...suites].join(", ")})`);
  let shard: [number, number] | undefined;
  try {
    shard = sel.shard ? parseShard(sel.shard) : undefined;
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const globs = withRenamedGlobs(sel.cases, n.renames, n.note);
  const out = selectCases(cases, { suites: sel.suites, globs, grep: sel.grep, shard });
  if (!out.length) throw new ConfigError("no case matches the selection");
  return out;
}

/** The cases a selection names (`list` and `run`); an old case id or glob is noted and read as the new. */
export function selectRequest(sel: SelectRequest, o: Pick<RunRequest, "renames" | "onNote"> = {}): Case[] {
  return selection(sel, { renames: o.renames ?? caseRenames(), note: noteOnce(o.onNote) });
}

/** The profiles named, or ConfigError naming those there are. */
export function profilesNamed(names: readonly string[]): Profile[] {
  return names.map((name) => {
    const p = profile(name);
    if (!p)
      throw new ConfigError(
        `unknown profile '${name}' (have: ${allProfiles()
          .map((q) => q.name)
          .join(", ")})`,
      );
    return p;
  });
}

/** The selected cases that check a specification some profile requires. */
function ofProfiles(cases: Case[], wanted: Profile[]): Case[] {
  const specs = [...new Set(wanted.flatMap(requiredSpecs))];
  const index = new SpecCases(allCases());
  const out = cases.filter((c) => specs.some((s) => index.checks(s, c)));
  if (!out.length) throw new ConfigError("no case of the profile matches the selection");
  return out;
}

/** Resolve the request and run it: the results document, and the expectations to judge it by. */
export async function runRequest(req: RunRequest): Promise<RunOutcome> {
  const n: Notes = { renames: req.renames ?? caseRenames(), note: noteOnce(req.onNote) };
  const wanted = profilesNamed(req.profiles ?? []);
  const selected = selection(req.select, n);
  const cases = wanted.length ? ofProfiles(selected, wanted) : selected;
  const expected = req.expect ? loadExpectations(req.expect, n.renames, n.note) : undefined;
  const { target, url, server } = await resolveTarget(req.target);
  const started = new Date();
  const results: CaseResult[] = [];
  const faults = req.target.fault.length ? req.target.fault : undefined;
  let judged: ProfileReport[] | undefined;
  const doc = (): RunResults => ({
    ...runResults(
      { name: target.name, url, domain: target.domain, faults },
      started,
      results,
      req.signal?.aborted ?? false,
    ),
    ...(judged ? { profiles: judged } : {}),
  });
  req.onStarted?.(doc);
  try {
    const waited =
      req.waitMs === undefined
        ? undefined
        : await waitForTarget(target, {
            waitMs: req.waitMs,
            timeoutMs: req.expectTimeoutMs,
            signal: req.signal,
          });
    const probe = waited ? { ok: false, reason: waited } : await probeTarget(target, req.expectTimeoutMs);
    if (!probe.ok) req.onNote?.(`xmppspec: target ${url} is not usable: ${probe.reason}`);
    await runCases({
      target,
      cases,
      parallel: req.parallel,
      caseTimeoutMs: req.caseTimeoutMs,
      expectTimeoutMs: req.expectTimeoutMs,
      signal: req.signal,
      unusable: probe.ok ? undefined : `target not usable: ${probe.reason}`,
      keepAccounts: req.keepAccounts,
      onResult(r) {
        results.push(r);
        req.onResult?.(r, results.length, cases.length);
      },
    });
    if (wanted.length)
      judged = await judgeProfiles(target, wanted, results, {
        timeoutMs: req.expectTimeoutMs,
        usable: probe.ok,
      });
  } finally {
    await server?.stop();
  }
  return { doc: doc(), expected };
}
