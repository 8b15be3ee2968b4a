// XEP-0077 in-band registration, the default provisioning against a remote target: accounts registered on
// one stream shared by the run's cases, and cancelled each on a login of its own at the end.
import { HarnessError, StreamClosed } from "../errors.ts";
import type { Session } from "../session.ts";
import { Transcript } from "../transcript.ts";
import {
  type Account,
  type AccountProvisioner,
  account,
  cancelRegistrationIq,
  freshName,
  freshPassword,
  type ProvisioningOpener,
  registerIq,
} from "./accounts.ts";

/** The target answered a registration with an error. */
class Refused extends HarnessError {}

/** The stream was retired while the registration waited its turn: it goes out on the current one instead. */
class Moved extends Error {}

/** A stream registrations go out on, and what it has carried. */
interface RegistrationStream {
  session: Promise<Session>;
  /** Registrations queued on it. */
  sent: number;
  /** Registrations queued or sent on it and not answered yet. */
  inFlight: number;
  /** The registrations on it, one after another: jabberd2 2.7 never answers one sent before the last was. */
  turn: Promise<unknown>;
  /** When it was opened (Date.now()). */
  opened: number;
  closing?: Promise<void>;
  idle?: NodeJS.Timeout;
}

/**
 * An unused registration stream closes after this long: a caller that never calls end() (a probe, a bench
 * loop) is not held open by it, and a run's cases, which register every few milliseconds, keep it.
 */
const IDLE_MS = 1000;

/**
 * A registration stream older than this takes no new registration: prosody ends a stream still
 * unauthenticated 300 s after it opened (c2s_timeout), and a registration that ending cut off may have been
 * made, an account no release would then find.
 */
const MAX_AGE_MS = 60_000;

export class InBandProvisioner implements AccountProvisioner {
  readonly kind = "in-band";
  #current: RegistrationStream | undefined;

  constructor(
    private readonly domain: string,
    /** MAX_AGE_MS, or less for a test. */
    private readonly maxAgeMs = MAX_AGE_MS,
  ) {}

  /**
   * Every case registers on the same stream: a TLS stream costs a server about what a registration does
   * (prosody 1.8 ms of CPU each, and a run has a thousand cases with accounts). A registration refused on a
   * stream that already carried one goes again on a fresh stream (a server may take one per stream);
   * only a fresh stream's refusal fails the set-up.
   */
  async acquire(count: number, open: ProvisioningOpener): Promise<Account[]> {
    const made: Account[] = [];
    while (made.length < count) made.push(await this.registerOne(open));
    return made;
  }

  private async registerOne(open: ProvisioningOpener): Promise<Account> {
    // more tries when the stream broke: the jabberd2 stale routing error of release() below can hit a new
    // connection's registration just as well, once for every account another run has just removed
    for (let attempt = 1; ; ) {
      const st = this.stream(open);
      // a refusal after others went out on this stream may be a limit per stream, not a refusal of the account
      const sentBefore = st.sent++;
      st.inFlight++;
      clearTimeout(st.idle);
      try {
        return await this.inTurn(st, async () => {
          // one that failed or aged out before this one's turn: a registration that hung there must not
          // hold every one queued behind it
          if (this.#current !== st) throw new Moved();
          const s = await st.session;
          if (s.closed || s.streamEnded) throw new StreamClosed("the registration stream had ended");
          return this.register(s);
        });
      } catch (err) {
        if (err instanceof Moved) continue;
        const retry =
          attempt < 4 && (err instanceof StreamClosed || (err instanceof Refused && sentBefore > 0));
        this.retire(st);
        if (!retry) throw err;
        attempt++;
      } finally {
        st.inFlight--;
        this.closeIfDone(st);
      }
    }
  }

  /** `work` once every registration queued on the stream before it is answered. */
  private inTurn<T>(st: RegistrationStream, work: () => Promise<T>): Promise<T> {
    const mine = st.turn.then(work);
    st.turn = mine.catch(() => {});
    return mine;
  }

  /** The stream registrations go out on now, opened when there is none. */
  private stream(open: ProvisioningOpener): RegistrationStream {
    if (this.#current && Date.now() - this.#current.opened > this.maxAgeMs) this.retire(this.#current);
    if (!this.#current) {
      // its own transcript, keeping nothing: it outlives every case and carries every password it sets
      const session = open(new Transcript(0));
      const st: RegistrationStream = {
        session,
        sent: 0,
        inFlight: 0,
        turn: Promise.resolve(),
        opened: Date.now(),
      };
      session.catch(() => this.retire(st));
      this.#current = st;
    }
    return this.#current;
  }

  /**
   * No new registration on `st` (a stream is retired once it is no longer the current one); it closes now if
   * none is in flight, else with its last one.
   */
  private retire(st: RegistrationStream): void {
    if (this.#current === st) this.#current = undefined;
    if (st.inFlight === 0) void this.close(st);
  }

  /** A retired stream closes with its last registration; the current one is retired after IDLE_MS unused. */
  private closeIfDone(st: RegistrationStream): void {
    if (st.inFlight > 0) return;
    if (this.#current !== st) void this.close(st);
    else st.idle = setTimeout(() => this.retire(st), IDLE_MS);
  }

  private close(st: RegistrationStream): Promise<void> {
    clearTimeout(st.idle);
    st.closing ??= st.session.then((s) => s.close().catch(() => s.destroy())).catch(() => {});
    return st.closing;
  }

  private async register(s: Session): Promise<Account> {
    const a = account(freshName(), freshPassword(), this.domain);
    s.opts.transcript.secret(a.password);
    const el = registerIq(a);
    el.attrs.id = `reg-${a.username}`;
    const reply = s.expect({ name: "iq", id: el.attrs.id });
    await s.send(el, { redact: true });
    const r = await reply;
    if (r.attrs.type !== "result") {
      const cond = r.getChild("error")?.getChildElements()[0]?.name ?? "no condition";
      throw new Refused(`in-band registration of a test account failed: <${cond}/>`);
    }
    return a;
  }

  async release(accounts: Account[], open: ProvisioningOpener): Promise<void> {
    for (const a of accounts) {
      // a second try: jabberd2 2.7 may hand a just-removed account's stale routing error to this
      // new connection (<internal-server-error/>); it does so only once per removal
      for (let attempt = 0; attempt < 2 && !(await this.cancel(a, open)); attempt++);
    }
  }

  /** Cancel one registration; false when the stream broke before the server answered. */
  private async cancel(a: Account, open: ProvisioningOpener): Promise<boolean> {
    const s = await open().catch(() => undefined);
    if (!s) return false;
    try {
      await s.negotiate({ auth: { username: a.username, password: a.password }, bind: true });
      await s.iq(cancelRegistrationIq());
      return true;
    } catch (err) {
      // cleanup is best effort: a case may have broken the account on purpose (no retry then)
      return !(err instanceof StreamClosed);
    } finally {
      await s.close().catch(() => {});
    }
  }

  /** Close the registration stream (the run is over; a registration still in flight ends first). */
  async end(): Promise<void> {
    const st = this.#current;
    if (!st) return;
    this.retire(st);
    if (st.inFlight === 0) await this.close(st);
  }
}
