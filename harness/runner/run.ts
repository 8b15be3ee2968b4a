// Runs cases against a target with bounded parallelism, one verdict per case.
import { AssertionError } from "chai";
import { bounded } from "../bounded.ts";
import { HarnessError, Skip, Violation } from "../errors.ts";
import { readingNote } from "../fixtures/interpretations.ts";
import type { CaseResult, Verdict } from "../results.ts";
import { Session } from "../session.ts";
import { Transcript } from "../transcript.ts";
import { InBandProvisioner } from "./account-in-band.ts";
import type { Account, ProvisioningOpener } from "./accounts.ts";
import type { Case } from "./case.ts";
import { COMPONENT_SKIP } from "./component-config.ts";
import { CaseContext } from "./context.ts";
import { failedMessage, judgeTraffic, passedVerdict } from "./oracles/index.ts";
import { FEDERATION_SKIPS } from "./probe-federation.ts";
import { schedule } from "./schedule.ts";
import type { Target } from "./target.ts";

/** Cases at once when the user does not say (`run --parallel`). */
export const DEFAULT_PARALLEL = 4;

export interface RunOptions {
  target: Target;
  cases: Case[];
  parallel: number;
  /** Whole-case limit; past it the case is ERROR. */
  caseTimeoutMs: number;
  /** Default wait for one expected answer. */
  expectTimeoutMs: number;
  onStart?(c: Case): void;
  onResult?(r: CaseResult): void;
  /** Stop scheduling new cases (SIGINT); running ones finish or time out. */
  signal?: AbortSignal;
  /** When the target is unusable (failed probe), every case gets ERROR with this reason. */
  unusable?: string;
  /**
   * Leave in-band registered accounts in place after the run: for a server whose state is reset
   * before every run, cancelling them only costs a full login per account.
   */
  keepAccounts?: boolean;
}

function missingNeed(c: Case, target: Target): string | undefined {
  for (const n of c.needs ?? []) {
    if (n === "registration" && target.provisioner.kind !== "in-band" && !target.capabilities.has(n)) {
      return "the target does not offer in-band registration (XEP-0077)";
    }
    if (n === "no-registration") {
      if (target.capabilities.has("registration")) return "the target offers in-band registration (XEP-0077)";
      continue;
    }
    if (n === "new-accounts") {
      if (target.provisioner.kind === "pool")
        return "the case needs accounts never used before, and pooled accounts have a history (--provision ibr, admin or command gives new ones)";
      continue;
    }
    if (n === "disposable-accounts") {
      if (target.provisioner.kind === "pool")
        return "the case changes or removes its accounts (a password, the account itself), and pooled accounts must outlive it (--provision ibr, admin or command gives new ones)";
      continue;
    }
    if (n === "component") {
      if (!target.capabilities.has(n)) return COMPONENT_SKIP;
      continue;
    }
    if (n === "s2s" || n === "s2s-outbound") {
      if (!target.capabilities.has(n)) return FEDERATION_SKIPS[n];
      continue;
    }
    if (n !== "registration" && !target.capabilities.has(n)) return `the target does not offer ${n}`;
  }
  return undefined;
}

export function classify(err: unknown, level: string): { verdict: Verdict; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof Skip) return { verdict: "SKIP", message };
  if (err instanceof Violation || err instanceof AssertionError) {
    const must = level === "MUST" && !(err instanceof Violation && err.should);
    return { verdict: must ? "FAIL" : "WARN", message };
  }
  if (err instanceof HarnessError) return { verdict: "ERROR", message };
  return { verdict: "ERROR", message: `harness error: ${message}` };
}

/** What a run has to give back at its end: provisioned in-band accounts, and those cases registered. */
interface Spent {
  accounts: Account[];
  registered: Account[];
  /** Cases' teardowns still under way: the run waits for them before giving accounts back. */
  teardowns: Promise<void>[];
}

/** A result under the case's own id, title, section, requirements and level. */
function resultOf(
  c: Case,
  r: Pick<CaseResult, "verdict" | "durationMs" | "message" | "transcript">,
): CaseResult {
  const { id, title, suite, section, sectionTitle, requirements, level } = c;
  return { id, title, suite, section, sectionTitle, requirements, level, ...r };
}

/** `setUpDone`: the case's accounts and users are ready; from here a long run is a case waiting. */
async function runOne(c: Case, o: RunOptions, spent: Spent, setUpDone: () => void): Promise<CaseResult> {
  const started = Date.now();
  const transcript = new Transcript();
  const result = (verdict: Verdict, message?: string): CaseResult =>
    resultOf(c, { verdict, durationMs: Date.now() - started, message, transcript: transcript.entries });
  if (o.unusable) return result("ERROR", o.unusable);
  const missing = missingNeed(c, o.target);
  if (missing) return result("SKIP", missing);

  const t = o.target;
  const openForProvisioning = provisioningOpener(o.target, o.expectTimeoutMs, transcript);

  let accounts: Account[] = [];
  let ctx: CaseContext | undefined;
  let timer: NodeJS.Timeout | undefined;
  // the case's time starts with its accounts: a pooled account's reset logs in, and a hostile target
  // must not hold a case (and the pool) beyond its limit
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new HarnessError(`the case did not finish within ${o.caseTimeoutMs} ms`)),
      o.caseTimeoutMs,
    );
  });
  timeout.catch(() => {});
  try {
    const acquiring = t.provisioner.acquire(c.users?.length ?? 0, openForProvisioning);
    try {
      accounts = await Promise.race([acquiring, timeout]);
    } catch (err) {
      // accounts acquired after the case gave up go straight back (a pool would otherwise shrink)
      acquiring.then((late) => t.provisioner.release(late, openForProvisioning)).catch(() => {});
      throw err instanceof HarnessError || err instanceof Skip
        ? err
        : new HarnessError(`account set-up failed: ${(err as Error).message}`);
    }
    for (const a of accounts) transcript.secret(a.password);
    const context = new CaseContext(t, accounts, transcript, o.expectTimeoutMs);
    ctx = context;
    const play = async () => {
      const users = await context.setUpUsers(c.users ?? []);
      setUpDone();
      await c.run(context, users);
    };
    await Promise.race([play(), timeout]);
    // the oracles of every case: isolation and fidelity of the traffic the case saw (oracles/)
    const graded = passedVerdict(context.shouldMisses, judgeTraffic(context));
    const message = graded.message === undefined ? undefined : withReadings(graded.message, context);
    return result(graded.verdict, message);
  } catch (err) {
    const { verdict, message } = classify(err, c.level);
    const misses = ctx?.shouldMisses ?? [];
    const text = misses.length ? `${message} (also missed: ${misses.join("; ")})` : message;
    // a case that failed on its own keeps its verdict; what the oracles saw is added to its message
    const failed = verdict === "FAIL" || verdict === "WARN";
    return result(verdict, failed ? withReadings(failedMessage(ctx, text), ctx) : text);
  } finally {
    clearTimeout(timer);
    // In-band accounts are cancelled after the whole run: jabberd2 2.7 answers a removed account's
    // late session end with a routing error that lands on whichever new connection reuses the
    // descriptor (an <internal-server-error/> in some other case). Leased ones go back once closed.
    spent.registered.push(...(ctx?.registered ?? []));
    if (t.provisioner.kind === "in-band") spent.accounts.push(...accounts);
    // The verdict is in: closing the case's streams goes on beside the next case, so a target slow to
    // answer a close (or never answering it) costs no case its time.
    const leased = t.provisioner.kind === "in-band" ? [] : accounts;
    spent.teardowns.push(teardown(ctx, leased, o, openForProvisioning));
  }
}

/** Closes a finished case's streams, then gives its leased accounts back; bounded, never throws. */
async function teardown(
  ctx: CaseContext | undefined,
  leased: Account[],
  o: RunOptions,
  open: ProvisioningOpener,
): Promise<void> {
  await ctx?.closeAll().catch(() => {});
  if (!leased.length) return;
  const release = o.target.provisioner.release(leased, open).catch(() => {});
  await bounded(release, o.caseTimeoutMs, () => undefined);
}

/** A FAIL or WARN message with the readings its verdict rested on (CaseContext.reading). */
function withReadings(message: string, ctx: CaseContext | undefined): string {
  return [message, ...(ctx?.readings ?? []).map(readingNote)].join(" ");
}

/** Opens a negotiated stream for account provisioning, recorded in `transcript` as "setup". */
export function provisioningOpener(t: Target, timeoutMs: number, transcript: Transcript): ProvisioningOpener {
  return async (own = transcript) => {
    const s = await Session.open({
      endpoint: t.endpoint,
      domain: t.domain,
      trust: t.trust,
      transcript: own,
      label: "setup",
      timeoutMs,
    });
    await s.negotiate({ tls: t.tls }).catch((err) => {
      s.destroy();
      throw err;
    });
    return s;
  };
}

/** Give back every account the run provisioned, each release bounded. */
async function releaseSpent(
  o: RunOptions,
  spent: Account[],
  provisioner: Target["provisioner"] = o.target.provisioner,
): Promise<void> {
  const open = provisioningOpener(o.target, o.expectTimeoutMs, new Transcript());
  // no verdict rests on this phase: as many at once as the cases had connections in flight at most
  const parallel = inFlightCap(o);
  await schedule({ count: spent.length, parallel, cap: parallel }, async (i) => {
    const release = provisioner.release([spent[i]], open).catch(() => {});
    await bounded(release, o.caseTimeoutMs, () => undefined);
  });
}

/**
 * A case still running this long after its set-up is waiting, not working (a typical case takes tens of
 * milliseconds; those that run long wait out a silence, a timeout, a resumption window): the next case may
 * start. Set-up itself (registering, provisioning by command, logging in) is work and keeps its slot: with
 * the clock started at once, sixteen `ejabberdctl register` at a time left cases past their 30 s.
 */
export const LINGER_MS = 1000;

/** Cases in flight at most, lingering ones included. */
const inFlightCap = (o: RunOptions) => 4 * Math.max(1, o.parallel);

/** The cases' indices in the order they start: those that linger by design first, each group as given. */
export function startOrder(cases: Pick<Case, "lingers">[]): number[] {
  const indices = cases.map((_, i) => i);
  return [...indices.filter((i) => cases[i].lingers), ...indices.filter((i) => !cases[i].lingers)];
}

/**
 * Run the cases, lingering ones first (startOrder), at most `parallel` busy at once (schedule: one waiting
 * past LINGER_MS makes room for the next); results in the order given.
 */
export async function runCases(o: RunOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(o.cases.length);
  const spent: Spent = { accounts: [], registered: [], teardowns: [] };
  // leased accounts are what limits a pool's run: a lingering case holds them, so the next would only wait
  const lingerMs = o.target.provisioner.kind === "pool" ? undefined : LINGER_MS;
  const scheduled = {
    count: o.cases.length,
    parallel: o.parallel,
    lingerMs,
    cap: inFlightCap(o),
    signal: o.signal,
  };
  const order = startOrder(o.cases);
  await schedule(scheduled, async (k, startClock) => {
    const i = order[k];
    const c = o.cases[i];
    o.onStart?.(c);
    let r: CaseResult;
    try {
      r = await runOne(c, o, spent, startClock);
    } catch (err) {
      // runOne handles case errors; this only guards the harness itself so one case never loses the others
      r = resultOf(c, {
        verdict: "ERROR",
        durationMs: 0,
        message: `harness error: ${(err as Error).message}`,
        transcript: [],
      });
    }
    results[i] = r;
    o.onResult?.(r);
  });
  await Promise.all(spent.teardowns);
  if (!o.keepAccounts) {
    await releaseSpent(o, spent.accounts);
    // accounts a case registered itself (XEP-0077) are cancelled the same way, whatever provisions the rest
    await releaseSpent(o, spent.registered, new InBandProvisioner(o.target.domain));
  }
  await o.target.provisioner.end?.().catch(() => {});
  return results.filter(Boolean);
}
