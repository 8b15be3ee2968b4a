// The stanza layer's shared state and the small services every module uses (sessions, sending, errors).
import { type Jid, parseJid, tryParseJid } from "../../jid.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import { unknownAsSent } from "../address.ts";
import type { FaultName } from "../faults/index.ts";
import type { BoundSession, ServerHost } from "../types.ts";
import { type ErrorOptions, errorStanza, type StanzaCondition, wrongErrorType } from "./errors.ts";
import { OfflineStore } from "./offline.ts";
import { rawBodies } from "./raw.ts";
import { RosterStore } from "./roster-store.ts";
import { cloneElement, idFactory } from "./util.ts";

/** Message children the server understands (RFC 6121 §5.2); the strip-unknown-children fault keeps only these. */
const MESSAGE_CHILDREN = new Set(["body", "subject", "thread", "error"]);

function stripUnknown(message: Element): Element {
  message.children = message.children.filter(
    (c) => typeof c === "string" || (MESSAGE_CHILDREN.has(c.name) && c.attrs.xmlns === undefined),
  );
  return message;
}

function stripLang(el: Element): void {
  delete el.attrs["xml:lang"];
  for (const c of el.children) if (typeof c !== "string") stripLang(c);
}

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
  /** Per resource, for the reorder-messages fault: messages seen, and the one held back. */
  readonly #reorder = new WeakMap<BoundSession, { count: number; held?: Element }>();

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

  fault(name: FaultName): boolean {
    return this.host.fault(name);
  }

  now(): Date {
    return this.options.now();
  }

  isLocalDomain(domain: string): boolean {
    if (this.fault("second-domain-remote") && domain !== [...this.host.domains][0]) return false;
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
    session.send(cloneElement(stanza));
  }

  /** Delivers a message to a client: the one place where message bodies leave the server. */
  sendMessage(session: BoundSession, stanza: Element): void {
    let copy = cloneElement(stanza);
    if (this.fault("unescaped-relay")) copy = rawBodies(copy);
    if (this.fault("zwnbsp-stripped")) stripZwnbsp(copy);
    if (this.fault("strip-unknown-children")) copy = stripUnknown(copy);
    if (this.fault("strip-xml-lang")) stripLang(copy);
    if (!this.fault("reorder-messages")) {
      session.send(copy);
      return;
    }
    // Every second message waits for the next one and goes out after it (RFC 6120 §10.1 broken).
    const state = this.#reorder.get(session) ?? { count: 0 };
    this.#reorder.set(session, state);
    const held = state.held;
    state.held = undefined;
    if (held === undefined && state.count++ % 2 === 1) {
      state.held = copy;
      return;
    }
    session.send(copy);
    if (held !== undefined) session.send(held);
  }

  /** The error reply to `original`, with the condition's default type unless the fault says otherwise. */
  error(original: Element, condition: StanzaCondition, opts: ErrorOptions = {}): Element {
    const type = this.fault("wrong-error-type") ? wrongErrorType(condition) : opts.type;
    const reply = errorStanza(original, condition, { ...opts, type });
    if (original.name !== "iq" && this.fault("error-drops-id")) delete reply.attrs.id;
    if (original.name === "message" && this.fault("error-kind-placeholder")) reply.name = "stanza-kind";
    return this.bendError(reply, original);
  }

  /** The error-* faults that break the syntax or addressing of error stanzas (RFC 6120 §8.3.1-8.3.2). */
  private bendError(reply: Element, original: Element): Element {
    if (this.fault("error-not-swapped")) {
      delete reply.attrs.from;
      delete reply.attrs.to;
      if (original.attrs.from !== undefined) reply.attrs.from = original.attrs.from;
      if (original.attrs.to !== undefined) reply.attrs.to = original.attrs.to;
    }
    const error = reply.getChild("error");
    if (!error) return reply;
    if (this.fault("error-child-missing")) reply.children = reply.children.filter((c) => c !== error);
    if (this.fault("error-type-invalid")) error.attrs.type = "fatal";
    if (this.fault("error-two-conditions")) error.append(xml("undefined-condition", { xmlns: NS.stanzas }));
    if (this.fault("error-text-unqualified")) error.append(xml("text", {}, "something went wrong"));
    return reply;
  }

  /** The account's bare JID as a Jid. */
  bare(s: string): Jid {
    return parseJid(s).bare();
  }
}

/** The zwnbsp-stripped fault: U+FEFF in bodies taken for a byte order mark (RFC 6120 §11.6 forbids that). */
function stripZwnbsp(message: Element): void {
  for (const body of message.getChildren("body")) {
    body.children = body.children.map((c) => (typeof c === "string" ? c.replaceAll("\uFEFF", "") : c));
  }
}
