// RFC 6121 §8.5 as a table: for each stanza kind, address form and recipient state, what the server
// must (or should) do. Pure data and rules; 8.5-delivery-matrix.ts turns every cell into a case.

export const KINDS = [
  "msg-chat",
  "msg-normal",
  "msg-groupchat",
  "msg-headline",
  "msg-error",
  "pres-available",
  "pres-unavailable",
  "pres-subscribe",
  "pres-subscribed",
  "pres-unsubscribe",
  "pres-unsubscribed",
  "pres-probe",
  "iq-get",
  "iq-set",
  "iq-result",
  "iq-error",
] as const;
export type Kind = (typeof KINDS)[number];

/**
 * bare: the account's bare JID; full: the full JID of a connected resource (the last one set up);
 * full-shared: the same, after that resource sent the sender directed presence; unmatched: a full JID
 * of the account that no resource has; missing: an account that does not exist.
 */
export type Addr = "bare" | "full" | "full-shared" | "unmatched" | "missing";

/** A recipient resource: "connected" = bound, no presence; otherwise available with this priority (undefined: no <priority/>). */
export type Res = "connected" | { priority?: number };

export const STATES = {
  none: [],
  connected: ["connected"],
  one: [{}],
  neg: [{ priority: -1 }],
  "two-equal": [{ priority: 0 }, { priority: 0 }],
  "two-ranked": [{ priority: 2 }, { priority: 1 }],
  "two-mixed": [{ priority: 1 }, { priority: -1 }],
} satisfies Record<string, Res[]>;
export type State = keyof typeof STATES;

export const ADDR_STATES: Record<Addr, State[]> = {
  bare: ["none", "connected", "one", "neg", "two-equal", "two-ranked", "two-mixed"],
  full: ["connected", "one", "neg", "two-ranked", "two-mixed"],
  "full-shared": ["one", "neg", "two-mixed"],
  unmatched: ["none", "one", "neg", "two-ranked"],
  missing: ["none"],
};

/**
 * Which resources get the stanza. all-available: every available one (negative priority too);
 * all-nonneg: every non-negative available one and no other; some-nonneg: at least one non-negative
 * available one and no negative or non-available one; target: the addressed resource; nobody: none;
 * any: the cell checks something else (a subscription request for an account with no available
 * resource may reach a connected one early, as long as it is kept for the next available one).
 */
export type Deliver = "all-available" | "all-nonneg" | "some-nonneg" | "target" | "nobody" | "any";

/**
 * What the sender may get back. none: nothing; error: an error (its condition in `conds`);
 * none-or-error: either; stored-or-error: an error, else the stanza reaches the account when it next
 * becomes available (checked for the none and connected states only); none-or-unsubscribed: nothing
 * or presence of type unsubscribed (a probe); unchecked: the RFC says nothing.
 */
export type Reply =
  | "none"
  | "error"
  | "none-or-error"
  | "stored-or-error"
  | "none-or-unsubscribed"
  | "unchecked";

/** What the account sees when it next becomes available (none and connected states). */
export type Later = "must-get" | "must-not-get" | "should-not-get";

export interface Rule {
  reqs: string[];
  deliver: Deliver;
  /** The delivery rule is a SHOULD (a breach gives WARN). */
  deliverShould?: boolean;
  reply: Reply;
  replyShould?: boolean;
  /** Allowed error conditions; `condShould`: a different one is only a WARN. */
  conds?: string[];
  condShould?: boolean;
  later?: Later;
  /** §8.5.2.1.1 / §8.5.2.1.2: the delivered copy keeps the bare 'to'. */
  toUnchanged?: boolean;
}

const SU = ["service-unavailable"];

export function nonNeg(state: State): number {
  return (STATES[state] as Res[]).filter((r) => r !== "connected" && (r.priority ?? 0) >= 0).length;
}
function available(state: State): number {
  return (STATES[state] as Res[]).filter((r) => r !== "connected").length;
}

/** Not delivered; what the sender gets back is `reply`, an error SHOULD be <service-unavailable/>. */
function refused(reqs: string[], reply: Reply, more: Partial<Rule> = {}): Rule {
  return { reqs, deliver: "nobody", reply, conds: SU, condShould: true, ...more };
}

function messageRule(kind: Kind, addr: Addr, state: State): Rule {
  const type = kind.slice(4);
  if (addr === "missing") {
    if (type === "error")
      return { reqs: ["RFC6121-8.5.1-2", "RFC6120-8.3.1-11"], deliver: "nobody", reply: "none" };
    return { reqs: ["RFC6121-8.5.1-2"], deliver: "nobody", reply: "none-or-error", conds: SU };
  }
  if (addr === "full" || addr === "full-shared")
    return { reqs: ["RFC6121-8.5.3.1-3", "RFC6121-8.5.3-1"], deliver: "target", reply: "unchecked" };
  const nn = nonNeg(state);
  const av = available(state);
  if (addr === "unmatched") {
    if (type === "error")
      return { reqs: ["RFC6121-8.5.3.2.1-6", "RFC6120-8.3.1-11"], deliver: "nobody", reply: "none" };
    if (type !== "chat") return refused(["RFC6121-8.5.3.2.1-1"], "none-or-error");
    if (av === 0) return refused(["RFC6121-8.5.3.2.1-2"], "stored-or-error");
    if (nn === 0)
      return refused(["RFC6121-8.5.3.2.1-3"], "stored-or-error", { deliverShould: true, replyShould: true });
    return {
      reqs: [nn === 1 ? "RFC6121-8.5.3.2.1-4" : "RFC6121-8.5.3.2.1-5"],
      deliver: "some-nonneg",
      reply: "unchecked",
    };
  }
  // bare JID
  const neg = av > nn ? ["RFC6121-8.5.2.1.1-12"] : [];
  if (type === "error") {
    const reqs = av > 0 ? ["RFC6121-8.5.2.1.1-11"] : ["RFC6121-8.5.2.2.1-3"];
    return { reqs: [...reqs, "RFC6120-8.3.1-11"], deliver: "nobody", reply: "none", later: "must-not-get" };
  }
  if (type === "groupchat") {
    const reqs = av > 0 ? ["RFC6121-8.5.2.1.1-7"] : ["RFC6121-8.5.2.2.1-2"];
    return refused(reqs, "error", { later: "must-not-get" });
  }
  if (type === "headline") {
    if (av === 0)
      return { reqs: ["RFC6121-8.5.2.2.1-3"], deliver: "nobody", reply: "none", later: "must-not-get" };
    if (nn === 0) return { reqs: ["RFC6121-8.5.2.1.1-8", ...neg], deliver: "nobody", reply: "none" };
    const reqs = nn === 1 ? ["RFC6121-8.5.2.1.1-9"] : ["RFC6121-8.5.2.1.1-10"];
    return {
      reqs: [...reqs, ...neg, "RFC6121-8.5.2.1.1-13"],
      deliver: "all-nonneg",
      reply: "unchecked",
      toUnchanged: true,
    };
  }
  // normal and chat: §8.5.2.1.1 gives the normal rules first (-1..-3), then chat (-4..-6)
  const row = (normal: number, chat: number) => `RFC6121-8.5.2.1.1-${type === "chat" ? chat : normal}`;
  if (av === 0)
    return refused(["RFC6121-8.5.2.2.1-1"], "stored-or-error", { deliverShould: true, replyShould: true });
  if (nn === 0) return refused([row(1, 4), ...neg], "stored-or-error", { replyShould: true });
  const reqs = nn === 1 ? [row(2, 5)] : [row(3, 6), "RFC6121-5.2.2-4"];
  return {
    reqs: [...reqs, ...neg, "RFC6121-8.5.2.1.1-13"],
    deliver: "some-nonneg",
    reply: "unchecked",
    toUnchanged: true,
  };
}

function presenceRule(kind: Kind, addr: Addr, state: State): Rule {
  const type = kind.slice(5);
  const av = available(state);
  if (type === "probe") {
    const reqs = {
      missing: ["RFC6121-8.5.1-5"],
      bare: [av > 0 ? "RFC6121-8.5.2.1.2-3" : "RFC6121-8.5.2.2.2-3"],
      full: ["RFC6121-8.5.3.1-6"],
      "full-shared": ["RFC6121-8.5.3.1-6"],
      unmatched: ["RFC6121-8.5.3.2.2-4"],
    }[addr];
    // a stranger's probe: no presence revealed, no error (§4.3: the probe alone never causes one)
    return { reqs: [...reqs, "RFC6121-4.3-3"], deliver: "nobody", reply: "none-or-unsubscribed" };
  }
  if (addr === "missing")
    return {
      reqs: ["RFC6121-8.5.1-3", "RFC6121-8.5.1-4", "RFC6120-10.5.3.1-2"].filter((r) =>
        type === "available" || type === "unavailable" ? r !== "RFC6121-8.5.1-4" : r !== "RFC6121-8.5.1-3",
      ),
      deliver: "nobody",
      reply: "none",
    };
  if (type === "available" || type === "unavailable") {
    if (addr === "unmatched") return { reqs: ["RFC6121-8.5.3.2.2-1"], deliver: "nobody", reply: "none" };
    if (addr !== "bare") return { reqs: ["RFC6121-8.5.3.1-4"], deliver: "target", reply: "none" };
    if (av === 0)
      return {
        reqs: ["RFC6121-8.5.2.2.2-1"],
        deliver: "nobody",
        deliverShould: true,
        reply: "none",
        replyShould: true,
        later: "should-not-get",
      };
    return {
      reqs: ["RFC6121-8.5.2.1.2-1", "RFC6121-8.5.2.1.2-4", "RFC6120-10.5.3.2-3"],
      deliver: "all-available",
      reply: "none",
      toUnchanged: true,
    };
  }
  if (type === "subscribe") {
    const via = {
      bare: av > 0 ? "RFC6121-8.5.2.1.2-2" : "RFC6121-8.5.2.2.2-2",
      full: "RFC6121-8.5.3.1-5",
      "full-shared": "RFC6121-8.5.3.1-5",
      unmatched: "RFC6121-8.5.3.2.2-2",
    }[addr];
    if (av === 0)
      return { reqs: [via, "RFC6121-3.1.3-11"], deliver: "any", reply: "none", later: "must-get" };
    // to a full JID that matches, §3.1.3 only RECOMMENDS treating it as the bare JID: the resource must get it
    if (addr === "full") return { reqs: [via, "RFC6121-3.1.3-6"], deliver: "target", reply: "none" };
    return { reqs: [via, "RFC6121-3.1.3-9"], deliver: "all-available", reply: "none" };
  }
  // subscribed, unsubscribe, unsubscribed from an entity with no subscription (state None)
  if (addr === "unmatched")
    return { reqs: ["RFC6121-8.5.3.2.2-3"], deliver: "nobody", reply: "none", later: "must-not-get" };
  const row = {
    subscribed: "RFC6121-A.3.3-None",
    unsubscribe: "RFC6121-A.3.2-None",
    unsubscribed: "RFC6121-A.3.4-None",
  }[type as "subscribed" | "unsubscribe" | "unsubscribed"];
  const via =
    addr === "bare" ? (av > 0 ? "RFC6121-8.5.2.1.2-2" : "RFC6121-8.5.2.2.2-2") : "RFC6121-8.5.3.1-5";
  return {
    reqs: [row, via],
    deliver: "nobody",
    deliverShould: true,
    reply: "unchecked",
    later: state === "none" || state === "connected" ? "should-not-get" : undefined,
  };
}

function iqRule(kind: Kind, addr: Addr, state: State): Rule {
  const request = kind === "iq-get" || kind === "iq-set";
  const av = available(state);
  if (!request) {
    // results and errors: never answered with a further result or error (RFC 6120 §8.2.3, §8.3.1)
    const noAnswer = kind === "iq-result" ? "RFC6120-8.2.3-6" : "RFC6120-8.3.1-11";
    const reply: Reply = kind === "iq-result" ? "none-or-error" : "none";
    if (addr === "full" || addr === "full-shared")
      return { reqs: ["RFC6121-8.5.3.1-2"], deliver: "target", reply: "unchecked" };
    const reqs = {
      missing: ["RFC6121-8.5.1-1"],
      bare: [av > 0 ? "RFC6121-8.5.2.1.3-1" : "RFC6121-8.5.2.2.3-1"],
      unmatched: ["RFC6121-8.5.3.2.3-1"],
    }[addr];
    return { reqs: [...reqs, noAnswer], deliver: "nobody", reply, conds: SU };
  }
  if (addr === "missing") return { reqs: ["RFC6121-8.5.1-1"], deliver: "nobody", reply: "error", conds: SU };
  if (addr === "unmatched")
    return { reqs: ["RFC6121-8.5.3.2.3-1"], deliver: "nobody", reply: "error", conds: SU };
  if (addr === "full")
    return {
      reqs: ["RFC6121-8.5.3.1-1"],
      deliver: "nobody",
      deliverShould: true,
      reply: "error",
      replyShould: true,
      conds: SU,
      condShould: true,
    };
  if (addr === "full-shared")
    return { reqs: ["RFC6120-10.5.4-2", "RFC6121-8.5.3-1"], deliver: "target", reply: "unchecked" };
  // bare: the server answers for the account; an unknown payload has no semantics it could serve
  const reqs =
    av > 0 ? ["RFC6121-8.5.2.1.3-1", "RFC6121-8.5.2.1.3-2"] : ["RFC6121-8.5.2.2.3-1", "RFC6121-8.5.2.2.3-2"];
  return { reqs: [...reqs, "RFC6120-10.5.3.2-5"], deliver: "nobody", reply: "error", conds: SU };
}

/** The rule of one cell, or undefined where the combination is not a cell of the matrix. */
export function rule(kind: Kind, addr: Addr, state: State): Rule | undefined {
  if (addr === "full-shared" && kind !== "iq-get" && kind !== "iq-set") return undefined;
  const r = kind.startsWith("msg-")
    ? messageRule(kind, addr, state)
    : kind.startsWith("pres-")
      ? presenceRule(kind, addr, state)
      : iqRule(kind, addr, state);
  // the umbrella rules of §8.5, and the rows the cell's specifics add
  const extra = ["RFC6121-8.5-1"];
  if (addr === "bare") extra.push("RFC6121-8.5.2-1");
  if (addr === "full" || addr === "full-shared" || addr === "unmatched") extra.push("RFC6121-8.5.3-1");
  if (kind.startsWith("msg-")) extra.push("RFC6121-12-5");
  if (kind === "pres-subscribe") extra.push("RFC6121-12-11");
  if (kind === "pres-probe" && addr !== "missing") extra.push("RFC6121-4.3.2-3");
  // a resource without <priority/> has priority 0 (§4.7.2.3), so a bare-JID message must reach it
  if (state === "one" && addr === "bare" && ["msg-chat", "msg-normal", "msg-headline"].includes(kind))
    extra.push("RFC6121-4.7.2.3-5");
  return { ...r, reqs: [...new Set([...r.reqs, ...extra])] };
}

/** The RFC section a cell's id names. */
export function sectionOf(addr: Addr, state: State): string {
  if (addr === "missing") return "8.5.1";
  if (addr === "bare") return available(state) > 0 ? "8.5.2.1" : "8.5.2.2";
  if (addr === "unmatched") return "8.5.3.2";
  return "8.5.3.1";
}
