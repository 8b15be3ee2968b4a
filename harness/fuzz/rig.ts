// What the fuzz cases drive: the target, three logged-in parties (sender, peer, bystander) kept
// across cases, fresh connections, the liveness check, and a restart of the embedded server after
// it "crashed" (the supervisor's job; a remote target that dies ends the campaign instead).
import { setTimeout as sleep } from "node:timers/promises";
import { bounded } from "../bounded.ts";
import type { Account } from "../runner/accounts.ts";
import { CaseContext, endSession } from "../runner/context.ts";
import type { Target } from "../runner/target.ts";
import { Session } from "../session.ts";
import { Transcript } from "../transcript.ts";
import type { Finding } from "../xml/parser.ts";
import { RigError } from "./types.ts";

const LOGIN_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 250;

export interface RigOptions {
  target: Target;
  /** Wait for one expected answer (ms). */
  timeoutMs: number;
  /** Start the embedded server again after it stopped answering; absent for a remote target. */
  restart?: () => Promise<Target>;
}

/** The three parties of a stanza-level case. */
/** The parties in the order of the rig's accounts: alice has the first, bob the second, eve the third. */
const ROLES = ["alice", "bob", "eve"] as const;

export interface Parties {
  /** Sends the fuzzed stanza. */
  alice: Session;
  /** The peer some stanzas are addressed to. */
  bob: Session;
  /** A bystander nothing is ever addressed to. */
  eve: Session;
}

export class Rig {
  target: Target;
  readonly timeoutMs: number;
  /** The current case's transcript; every session of the rig records into it. */
  transcript = new Transcript(200_000);
  private parties: Parties | undefined;
  private accounts: Account[] = [];
  private secrets: string[] = [];
  private readonly restartTarget: RigOptions["restart"];
  /** Parser findings already judged, per session (findings accumulate on a session). */
  private judged = new WeakMap<Session, number>();
  restarts = 0;
  /** Connections the current case opened itself (raw streams, its own logins). */
  private caseSessions: Session[] = [];
  private inCase = false;
  /** Sessions a level keeps logged in across cases (./levels/session-parties.ts). */
  private kept = new Set<Session>();
  /** The current case's liveness check, started once its input was processed (see inputProcessed). */
  private liveness: Promise<string | undefined> | undefined;
  /** The case running on the rig, settled or not (see idle). */
  private current: Promise<void> | undefined;

  constructor(o: RigOptions) {
    this.target = o.target;
    this.timeoutMs = o.timeoutMs;
    this.restartTarget = o.restart;
  }

  get canRestart(): boolean {
    return this.restartTarget !== undefined;
  }

  /** A new transcript for the next case (the parties record into it from now on). */
  beginCase(): Transcript {
    this.transcript = new Transcript(200_000);
    this.caseSessions = [];
    this.inCase = true;
    this.liveness = undefined;
    for (const s of this.secrets) this.transcript.secret(s);
    if (this.parties) for (const s of Object.values(this.parties)) s.opts.transcript = this.transcript;
    for (const s of this.kept) s.opts.transcript = this.transcript;
    return this.transcript;
  }

  /** A connection with nothing sent yet, recording into the case transcript. */
  async connect(label: string): Promise<Session> {
    const s = await Session.connect({
      endpoint: this.target.endpoint,
      domain: this.target.domain,
      trust: this.target.trust,
      transcript: this.transcript,
      label,
      timeoutMs: this.timeoutMs,
      connectTimeoutMs: this.timeoutMs,
    });
    this.caseSessions.push(s);
    return s;
  }

  /** `run` is the case now running on the rig: idle() waits for it. */
  running(run: Promise<void>): void {
    const settled: Promise<void> = run.then(
      () => {},
      () => {},
    );
    this.current = settled;
    settled.then(() => {
      if (this.current === settled) this.current = undefined;
    });
  }

  /**
   * Resolves once no case runs on the rig. fast-check's time limits (a turn's deadline, a shrink's budget)
   * give up on a run without stopping it; the next case waits for it to end, or the restart that run makes
   * of a server it found dead would land in the middle of that case (its stream then closes, and the
   * liveness check answers from the new server).
   */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  /** Drop the connections the case opened itself. */
  endCase(): void {
    for (const s of this.caseSessions) s.destroy();
    this.caseSessions = [];
    this.inCase = false;
  }

  /** Every session the current case used: the parties and its own connections. */
  sessions(): Session[] {
    return [...(this.parties ? Object.values(this.parties) : []), ...this.kept, ...this.caseSessions];
  }

  /** Fresh accounts, for cases that need state of their own (the session level). */
  async freshAccounts(n: number): Promise<Account[]> {
    const got = await this.target.provisioner.acquire(n, (t) => this.openForProvisioning(t));
    for (const a of got) this.remember(a.password);
    return got;
  }

  releaseAccounts(accounts: Account[]): Promise<void> {
    return this.target.provisioner.release(accounts, (t) => this.openForProvisioning(t)).catch(() => {});
  }

  /**
   * Log an account in (TLS per the target's policy, SASL, bind, presence). The roster only on request
   * (an "interested resource", RFC 6121 §2.1.6): a target that never answers IQs must still be fuzzed,
   * so that its silence becomes a finding.
   */
  async login(a: Account, label: string, presence = true, roster = false): Promise<Session> {
    const s = await this.loginUntracked(a, label, presence, roster);
    // a case's own logins count as its sessions: judged when it breaks off, dropped when it ends
    if (this.inCase) this.caseSessions.push(s);
    return s;
  }

  /**
   * A login the rig keeps across cases: it records into each case's transcript and counts among the case's
   * sessions, and stays open when the case ends, until unkept.
   */
  async loginKept(a: Account, label: string, presence = true, roster = false): Promise<Session> {
    const s = await this.loginUntracked(a, label, presence, roster);
    this.kept.add(s);
    return s;
  }

  /** One of the sessions kept across cases: a level's kept users or the stanza parties. */
  isKept(s: Session): boolean {
    return this.kept.has(s) || (this.parties !== undefined && Object.values(this.parties).includes(s));
  }

  /** No longer kept: from now on one of the current case's own sessions (judged with them, dropped when it ends). */
  releaseKept(s: Session): void {
    if (this.kept.delete(s)) this.caseSessions.push(s);
  }

  private async loginUntracked(a: Account, label: string, presence = true, roster = false): Promise<Session> {
    const ctx = new CaseContext(this.target, [], this.transcript, this.timeoutMs);
    const s = await ctx.login(a, { label, presence, roster });
    // the context's stanza log is for the suite's oracles: on a session kept across cases it would keep
    // every stanza of the campaign (the fuzz oracles read the inboxes)
    s.opts.observer = undefined;
    return s;
  }

  /**
   * The three parties, logged in again when any of them is gone. A failed login is tried again
   * (LOGIN_ATTEMPTS in all): after a case broke a stream, a server may still be tidying up the old
   * session (jabberd2 2.7 ends a new connection that reuses the old one's descriptor).
   */
  async getParties(): Promise<Parties> {
    const p = this.parties;
    if (p && !Object.values(p).some((s) => s.closed || s.streamEnded)) return p;
    const kept = p && (await this.loginEnded(p));
    if (kept) return kept;
    await this.dropParties();
    let last: unknown;
    for (let attempt = 1; attempt <= LOGIN_ATTEMPTS; attempt++) {
      try {
        return await this.loginParties();
      } catch (err) {
        last = err;
        if (attempt < LOGIN_ATTEMPTS) await sleep(RETRY_PAUSE_MS * attempt);
      }
    }
    throw new RigError(`could not log the fuzz parties in: ${(last as Error).message}`);
  }

  private async loginParties(): Promise<Parties> {
    if (this.accounts.length < 3) this.accounts = await this.freshAccounts(3);
    const logins = ROLES.map((r, i) => this.loginUntracked(this.accounts[i], r));
    const settled = await Promise.allSettled(logins);
    const failed = settled.find((r) => r.status === "rejected");
    if (failed) {
      for (const r of settled) if (r.status === "fulfilled") r.value.destroy();
      throw (failed as PromiseRejectedResult).reason;
    }
    const [alice, bob, eve] = settled.map((r) => (r as PromiseFulfilledResult<Session>).value);
    this.parties = { alice, bob, eve };
    for (const s of [alice, bob, eve]) this.judged.set(s, s.findings.length);
    return this.parties;
  }

  /**
   * The parties again, with only those whose stream ended logged in anew (a stanza the target ends the
   * sender's stream over costs one login, not three); undefined when that did not work out.
   */
  private async loginEnded(p: Parties): Promise<Parties | undefined> {
    const gone = ROLES.filter((r) => p[r].closed || p[r].streamEnded);
    const live = ROLES.filter((r) => !gone.includes(r));
    if (live.length === 0 || this.accounts.length < 3) return undefined;
    try {
      // what the ended stream caused for the others has arrived (RFC 6120 §10.1), and is forgotten as it
      // was with their sessions when all three logged in anew
      await Promise.all(live.map((r) => p[r].barrier()));
      for (const r of live) {
        p[r].inbox.length = 0;
        this.judged.set(p[r], p[r].findings.length);
      }
      const fresh = await Promise.all(
        gone.map((r) => this.loginUntracked(this.accounts[ROLES.indexOf(r)], r)),
      );
      const next = { ...p };
      gone.forEach((r, i) => {
        p[r].destroy();
        next[r] = fresh[i];
        this.judged.set(fresh[i], fresh[i].findings.length);
      });
      this.parties = next;
      return next;
    } catch {
      return undefined;
    }
  }

  /** Parser findings a session reported since the last call (what the target sent wrong). */
  newFindings(s: Session): Finding[] {
    const seen = this.judged.get(s) ?? 0;
    this.judged.set(s, s.findings.length);
    return s.findings.slice(seen);
  }

  /**
   * After a case the target ended streams of with a stream error it was entitled to: the parties whose
   * stream it ended are logged in anew by the next getParties, the others serve on; when it ended none of
   * theirs, all are dropped, as after any case that broke off.
   */
  async afterStreamError(): Promise<void> {
    const p = this.parties;
    if (p && Object.values(p).some((s) => s.closed || s.streamEnded)) return;
    await this.dropParties();
  }

  /** Forget the parties (after a case that broke an oracle): the next case logs in again. */
  async dropParties(): Promise<void> {
    const p = this.parties;
    this.parties = undefined;
    if (!p) return;
    await bounded(
      Promise.all(Object.values(p).map((s) => endSession(s).catch(() => s.destroy()))),
      3000,
      () => [],
    );
    for (const s of Object.values(p)) if (!s.closed) s.destroy();
  }

  /**
   * The case's input has been processed (what it caused has arrived): the liveness check starts now and
   * runs alongside the rest of the case (collecting replies, judging) instead of after it.
   */
  inputProcessed(): void {
    this.liveness ??= this.alive();
  }

  /** Liveness after the case: the check the case started, or one started now. */
  livenessAfterCase(): Promise<string | undefined> {
    const started = this.liveness ?? this.alive();
    this.liveness = undefined;
    return started;
  }

  /**
   * Liveness: a fresh connection gets a stream header and features. Returns why not, or undefined.
   * One refusal is not death (a server may turn one connection away while tidying up another); a
   * second fresh connection decides.
   */
  async alive(): Promise<string | undefined> {
    const first = await this.freshStream();
    if (first === undefined) return undefined;
    await sleep(RETRY_PAUSE_MS);
    const second = await this.freshStream();
    return second === undefined ? undefined : `${first}; again: ${second}`;
  }

  private async freshStream(): Promise<string | undefined> {
    let s: Session | undefined;
    try {
      s = await Session.connect({
        endpoint: this.target.endpoint,
        domain: this.target.domain,
        trust: this.target.trust,
        transcript: this.transcript,
        label: "alive",
        timeoutMs: this.timeoutMs,
        connectTimeoutMs: this.timeoutMs,
      });
      await s.openStream();
      await s.readFeatures();
      return undefined;
    } catch (err) {
      return (err as Error).message;
    } finally {
      if (s) {
        s.destroy();
      }
    }
  }

  /** The embedded server "crashed": start it again with new accounts. */
  async restart(): Promise<void> {
    if (!this.restartTarget) throw new RigError("the target cannot be restarted");
    this.parties = undefined;
    this.accounts = [];
    this.dropKept();
    this.target = await this.restartTarget();
    this.restarts += 1;
  }

  /** Drop the kept sessions unclosed (the server is gone, or the campaign is over). */
  private dropKept(): void {
    for (const s of this.kept) s.destroy();
    this.kept.clear();
  }

  async close(): Promise<void> {
    await this.idle();
    this.dropKept();
    await this.dropParties();
    await this.target.provisioner.end?.().catch(() => {});
  }

  private remember(secret: string): void {
    this.secrets.push(secret);
    if (this.secrets.length > 64) this.secrets.shift();
    this.transcript.secret(secret);
  }

  private async openForProvisioning(transcript = this.transcript): Promise<Session> {
    const ctx = new CaseContext(this.target, [], transcript, this.timeoutMs);
    return ctx.openSecured();
  }
}
