// What a case gets to drive the target: sessions, accounts, assertions, skip.
import { expect } from "chai";
import { bounded } from "../bounded.ts";
import { HarnessError, SaslFailure, Skip } from "../errors.ts";
import { type Interpretation, interpretation } from "../fixtures/interpretations.ts";
import type { MechanismName } from "../sasl/index.ts";
import { asBound, asOpened, type Opened, Session, type TlsPolicy } from "../session.ts";
import type { Transcript } from "../transcript.ts";
import type { Endpoint, TlsTrust } from "../transport/transport.ts";
import { NS, xml } from "../xml/element.ts";
import type { Account } from "./accounts.ts";
import { CaseFederation } from "./case-federation.ts";
import { StanzaLog } from "./oracles/stanza-log.ts";
import { setUpStep } from "./set-up.ts";
import type { Target } from "./target.ts";
import {
  asClient,
  type Client,
  type ParsedUser,
  parseUser,
  type UserSpec,
  type UserState,
  type Users,
  usersView,
} from "./users.ts";

/** What a user's state asks of the login. */
const STATE_LOGIN: Record<Exclude<UserState, "account">, LoginOptions> = {
  bound: {},
  interested: { roster: true },
  available: { presence: true },
  online: { roster: true, presence: true },
};

export interface OpenOptions {
  /** Another endpoint of the target (direct TLS, WebSocket); default the main one. */
  endpoint?: Endpoint;
  /** The stream's 'to'; default the target's domain. */
  domain?: string;
  /** Label in the transcript; default "c1", "c2", ... */
  label?: string;
  /** TLS trust for this connection; default the run's (e.g. { insecure: true } to inspect any certificate). */
  trust?: TlsTrust;
}

export interface LoginOptions extends OpenOptions {
  /** Resource to ask for; default a server-generated one. */
  resource?: string;
  mechanism?: MechanismName;
  tls?: TlsPolicy;
  /** Send initial presence (and wait for our own presence echo when the target sends one). */
  presence?: boolean | { priority?: number; show?: string; status?: string };
  /** Request the roster first, to be an "interested resource" (RFC 6121 §2.1.6). */
  roster?: boolean;
}

export class CaseContext {
  readonly expect = expect;
  private readonly sessions: Session[] = [];
  private counter = 0;
  /** SHOULD-level misses recorded by should(): the case goes on, and ends WARN at best. */
  readonly shouldMisses: string[] = [];
  private declared: ParsedUser[] = [];
  /** The interpretations (fixtures/rfc/interpretations.tsv) this run of the case rested on, in order. */
  readonly readings: Interpretation[] = [];
  /** Accounts the case registered itself (in-band): the runner cancels them after the run, as its own. */
  readonly registered: Account[] = [];
  /** Every stanza the case's sessions sent and received, for the oracles run after the case (oracles/). */
  readonly stanzas = new StanzaLog();
  /** Ids of stanzas the case sends knowing the server may change them, with why (allowAltered). */
  readonly alterable = new Map<string, string>();
  #federation: CaseFederation | undefined;

  constructor(
    readonly target: Target,
    /** Fresh accounts provisioned for this case (CaseSpec.accounts of them). */
    readonly accounts: Account[],
    readonly transcript: Transcript,
    readonly timeoutMs: number,
  ) {}

  /** Every session the case opened, in order. */
  get openedSessions(): readonly Session[] {
    return this.sessions;
  }

  get domain(): string {
    return this.target.domain;
  }

  /**
   * The harness as remote servers for this case (needs "s2s" or "s2s-outbound"): domains of its own, the
   * target's s2s side to dial, the listener that sees what the target routes.
   */
  get federation(): CaseFederation {
    const run = this.target.federation;
    if (!run)
      throw new HarnessError("this run has no federation side (a case using it declares needs: ['s2s'])");
    this.#federation ??= new CaseFederation(run, this.transcript, this.target.domain, this.timeoutMs, (s) =>
      this.sessions.push(s),
    );
    return this.#federation;
  }

  /**
   * A SHOULD (or the SHOULD part of a MUST sentence) checked without stopping the case: a miss is
   * recorded and the case goes on, so one recommendation never hides a MUST checked after it. A case
   * with misses and no other failure is WARN. Returns `cond`.
   */
  should(cond: boolean, message: string): boolean {
    if (!cond) {
      this.shouldMisses.push(message);
      this.note(`SHOULD missed: ${message}`);
    }
    return cond;
  }

  /**
   * The verdict rests on a reading the suite chose (fixtures/rfc/interpretations.tsv): a FAIL or WARN
   * message then ends "(reading I-…: choice)", and the transcript notes it. An unknown id is the
   * harness's mistake. Returns the row, for a case that words its check from it.
   */
  reading(id: string): Interpretation {
    const i = interpretation(id);
    if (!i) throw new HarnessError(`no interpretation ${id} in fixtures/rfc/interpretations.tsv`);
    if (!this.readings.includes(i)) {
      this.readings.push(i);
      this.note(`reading ${i.id}: ${i.choice}`);
    }
    return i;
  }

  /**
   * The stanza with this 'id' may arrive changed, and the fidelity oracle does not compare it: for what
   * the case sends knowing the RFC lets the server change it (a sender's syntax error it may repair).
   */
  allowAltered(id: string, reason: string): void {
    this.alterable.set(id, reason);
    this.note(`fidelity: '${id}' may arrive changed: ${reason}`);
  }

  /** The account of a declared user (every state has one). */
  account(name: string): Account {
    const i = this.declared.findIndex((u) => u.name === name);
    if (i < 0) throw new HarnessError(`no user ${name} in this case`);
    return this.accounts[i];
  }

  /**
   * A set-up step of the case (`await ctx.setUp("bob shares presence with alice", () => ...)`): a
   * violation inside it means the case could not start, so the case ends ERROR ("not exercised", naming
   * the step) instead of FAIL. Whatever the case cites is checked outside its set-up steps.
   */
  setUp<T>(step: string, fn: () => Promise<T>): Promise<T> {
    return setUpStep(step, fn);
  }

  /**
   * Set up the declared users, each in its state, all at once; the runner calls this before run(). Each
   * login is a set-up step: a server that cannot log a user in fails the cases that check logging in.
   */
  async setUpUsers(specs: UserSpec[]): Promise<Users> {
    this.declared = specs.map(parseUser);
    if (this.declared.length > this.accounts.length)
      throw new HarnessError(`${this.declared.length} users but ${this.accounts.length} accounts`);
    const clients = new Map<string, Client>();
    await Promise.all(
      this.declared.map(async (u, i) => {
        if (u.state === "account") return;
        const state = STATE_LOGIN[u.state];
        const login = () => this.login(this.accounts[i], { label: u.name, ...state });
        clients.set(u.name, await setUpStep(`log in ${u.name} (${u.state})`, login));
      }),
    );
    return usersView(clients, this.declared);
  }

  /** Connect the transport only; nothing is sent yet. */
  async connect(o: OpenOptions = {}): Promise<Session> {
    this.counter += 1;
    const s = await Session.connect({
      endpoint: o.endpoint ?? this.target.endpoint,
      domain: o.domain ?? this.target.domain,
      trust: o.trust ?? this.target.trust,
      transcript: this.transcript,
      label: o.label ?? `c${this.counter}`,
      timeoutMs: this.timeoutMs,
      observer: this.stanzas,
    });
    this.sessions.push(s);
    return s;
  }

  /** Connect, open the stream and read the first features. */
  async open(o: OpenOptions = {}): Promise<Opened> {
    const s = await this.connect(o);
    await s.openStream(o.domain ? { to: o.domain } : {});
    await s.readFeatures();
    return asOpened(s);
  }

  /** Open a stream and negotiate TLS as the run's policy says (what most cases start from). */
  async openSecured(o: OpenOptions & { tls?: TlsPolicy } = {}): Promise<Opened> {
    const s = await this.open(o);
    await s.negotiate({ tls: o.tls ?? this.target.tls });
    return s;
  }

  /**
   * A full client: TLS, SASL, bind, and optionally roster and initial presence. `who` is an account or
   * a declared user's name (a second session of that user); `o` may be a user state ("online").
   */
  async login(who: Account | string, o: LoginOptions | Exclude<UserState, "account"> = {}): Promise<Client> {
    const account = typeof who === "string" ? this.account(who) : who;
    if (typeof o === "string") o = { label: typeof who === "string" ? who : undefined, ...STATE_LOGIN[o] };
    const s = await this.open({ label: o.label ?? account.username.slice(0, 8), ...o });
    try {
      await s.negotiate({
        tls: o.tls ?? this.target.tls,
        auth: { username: account.username, password: account.password },
        mechanism: o.mechanism,
        bind: o.resource ?? true,
      });
    } catch (err) {
      // a test account that cannot log in is the set-up's trouble, not a verdict on the case
      if (err instanceof SaslFailure) {
        throw new HarnessError(
          `the target refused the login of test account ${account.jid}: <${err.condition ?? "?"}/>`,
        );
      }
      throw err;
    }
    if (o.roster)
      await s.iqResult(xml("iq", { type: "get" }, xml("query", { xmlns: NS.roster })), "roster get");
    if (o.presence) {
      const p = typeof o.presence === "object" ? o.presence : {};
      await s.send(
        xml(
          "presence",
          {},
          p.show ? xml("show", {}, p.show) : null,
          p.status ? xml("status", {}, p.status) : null,
          p.priority !== undefined ? xml("priority", {}, String(p.priority)) : null,
        ),
      );
      // RFC 6121 §4.2.2: the server sends our own presence back to us; take it here so later
      // expectations do not race the broadcast. A server that never sends it (jabberd2) fails
      // rfc6121/4.2.2/initial-presence-broadcast, not every case that logs in: the barrier
      // bounds the wait (the server handles our presence before our ping).
      const self = asBound(s).jid.toString();
      const echo = s.expect((el) => el.name === "presence" && el.attrs.from === self && !el.attrs.type);
      echo.catch(() => {});
      await Promise.race([echo, s.barrier()]);
    }
    return asClient(asBound(s), account);
  }

  /** Mark the case not applicable to this target. */
  skip(reason: string): never {
    throw new Skip(reason);
  }

  /** Skip unless the target offers what the case needs beyond its declared needs. */
  require(condition: boolean, reason: string): void {
    if (!condition) this.skip(reason);
  }

  note(text: string): void {
    this.transcript.note("case", text);
  }

  /** Close every session the case opened (cleanly: some servers misbehave after abrupt TLS drops). */
  async closeAll(): Promise<void> {
    const clean = Promise.all(this.sessions.map((s) => endSession(s).catch(() => s.destroy())));
    await bounded(clean, 5000, () => []);
    for (const s of this.sessions) if (!s.closed) s.destroy();
    this.#federation?.release();
  }
}

/**
 * The harness's own goodbye after a case. Where the server offers unbinding (jabberd2's
 * <unbind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>), unbind first: jabberd2 2.7 otherwise
 * confirms the session's end after the connection is gone, to whichever new connection reuses the
 * descriptor, which it then closes with <internal-server-error/>. Cases never go through here;
 * the fuzzer's parties do.
 */
export async function endSession(s: Session): Promise<void> {
  const resource = s.jid?.resource;
  if (resource && !s.closed && !s.streamEnded && s.features?.getChild("unbind", NS.bind)) {
    const unbind = xml(
      "iq",
      { type: "set" },
      xml("unbind", { xmlns: NS.bind }, xml("resource", {}, resource)),
    );
    await s.iq(unbind, 2000).catch(() => {});
  }
  await s.close();
}
