// The stanza layer's shared state and the small services every module uses (sessions, sending, errors).
import { type Jid, parseJid, tryParseJid } from "../../jid.ts";
import type { Element } from "../../xml/element.ts";
import { unknownAsSent } from "../address.ts";
import type { FaultName } from "../faults/index.ts";
import type { BoundSession, ServerHost } from "../types.ts";
import { type ErrorOptions, errorStanza, type StanzaCondition } from "./errors.ts";
import { capsRelayed } from "./fault-hooks-caps.ts";
import { holdsBackEverySecond, servesOnlyFirstDomain } from "./fault-hooks-routing.ts";
import { OfflineStore } from "./offline.ts";
import { RosterStore } from "./roster-store.ts";
import { rewriteOutgoing } from "./send-faults.ts";
import { cloneElement, idFactory } from "./util.ts";

export interface StanzaLayerOptions {
  /**
   * The server-to-server seam: hand over a stanza for a domain this server does not serve; return false
   * if the domain cannot be reached. Without it every remote domain is unreachable (no s2s), which gives
   * remote-server-not-found (RFC 6120 §10.4.3).
   */
  routeRemote?: (stanza: Element) => boolean;
  /** The clock for offline <delay/> stamps and probe answers (tests pin it). */
  now?: () => Date;
  /** Roster versioning (RFC 6121 §2.6); advertise `<ver xmlns='urn:xmpp:features:rosterver'/>` with it. */
  rosterVersioning?: boolean;
  /** Subscription pre-approval (RFC 6121 §3.4); advertise `<sub xmlns='urn:xmpp:features:pre-approval'/>`. */
  preApproval?: boolean;
  /**
   * RFC 6121 §8.5.3.1: an IQ get/set to a full JID is delivered only if the recipient shares presence with
   * the sender (subscription from/both, the same account, or directed presence); otherwise
   * service-unavailable. A SHOULD, so it can be turned off.
   */
  iqNeedsPresence?: boolean;
  /** Offline messages kept per account before further ones are bounced. */
  offlineLimit?: number;
}

type Resolved = Required<Omit<StanzaLayerOptions, "routeRemote">> & Pick<StanzaLayerOptions, "routeRemote">;

export class StanzaContext {
  readonly options: Resolved;
  readonly rosters = new RosterStore();
  readonly offline: OfflineStore;
  /** Per resource: the entities it sent directed presence to (RFC 6121 §4.6), keyed by JID string. */
  readonly directed = new WeakMap<BoundSession, Map<string, Jid>>();
  /** When each account last lost its last available resource (for probe answers, RFC 6121 §4.3.2). */
  readonly lastUnavailable = new Map<string, Date>();
  /** Sessions that sent at least one stanza and have not ended (the leak-message fault needs bystanders). */
  readonly known = new Set<BoundSession>();
  readonly newId = idFactory();

  constructor(
    readonly host: ServerHost,
    options: StanzaLayerOptions = {},
  ) {
    this.options = {
      routeRemote: options.routeRemote,
      now: options.now ?? (() => new Date()),
      rosterVersioning: options.rosterVersioning ?? true,
      preApproval: options.preApproval ?? true,
      iqNeedsPresence: options.iqNeedsPresence ?? true,
      offlineLimit: options.offlineLimit ?? 1000,
    };
    this.offline = new OfflineStore(this.options.offlineLimit);
  }

  /** Is this named fault on? (Asked at the time of each stanza.) */
  fault(name: FaultName): boolean {
    return this.host.fault(name);
  }

  now(): Date {
    return this.options.now();
  }

  isLocalDomain(domain: string): boolean {
    if (servesOnlyFirstDomain(this, domain)) return false;
    if (this.host.domains.has(domain)) return true;
    for (const d of this.host.domains) if (tryParseJid(d)?.domain === domain) return true;
    return false;
  }

  /** Does the local account exist? */
  exists(account: Jid): boolean {
    return (
      account.local !== "" &&
      this.isLocalDomain(account.domain) &&
      this.host.accounts.has(account.toString()) &&
      !unknownAsSent(this.host, account)
    );
  }

  sessions(account: Jid): BoundSession[] {
    return this.host.sessionsOf(account.bare().toString());
  }

  /** Resources with a presence session (RFC 6121 §4.1). */
  available(account: Jid): BoundSession[] {
    return this.sessions(account).filter((s) => s.available);
  }

  /** Resources that requested the roster (RFC 6121 §2.2): they get roster pushes. */
  interested(account: Jid): BoundSession[] {
    return this.sessions(account).filter((s) => s.interested);
  }

  /** The connected resource with exactly this full JID. */
  session(full: Jid): BoundSession | undefined {
    if (full.isBare) return undefined;
    return this.sessions(full).find((s) => s.jid.equals(full));
  }

  /** Sends a copy, so one stanza can go to several resources. */
  send(session: BoundSession, stanza: Element): void {
    session.send(capsRelayed(this, session, cloneElement(stanza)));
  }

  /** Delivers a message to a client: the one place where message bodies leave the server. */
  sendMessage(session: BoundSession, stanza: Element): void {
    const copy = rewriteOutgoing((n) => this.fault(n), cloneElement(stanza), { kind: "message" });
    for (const out of holdsBackEverySecond(this, session, copy)) session.send(out);
  }

  /** The error reply to `original` (RFC 6120 §8.3): every error the stanza layer sends is built here. */
  error(original: Element, condition: StanzaCondition, opts: ErrorOptions = {}): Element {
    const reply = errorStanza(original, condition, opts);
    return rewriteOutgoing((n) => this.fault(n), reply, { kind: "error", original, condition });
  }

  /** The account's bare JID as a Jid. */
  bare(s: string): Jid {
    return parseJid(s).bare();
  }
}
