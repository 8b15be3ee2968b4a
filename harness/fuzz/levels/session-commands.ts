// The commands of the session level. Each is plain data (so a finding can store it) run against
// real connections, and checks the server against the model as it goes.
import type fc from "fast-check";
import { NoAnswer, StreamClosed } from "../../errors.ts";
import type { Account } from "../../runner/accounts.ts";
import type { Session } from "../../session.ts";
import { canonical } from "../../xml/canonical.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import { clip } from "../oracles.ts";
import type { Rig } from "../rig.ts";
import { OracleFailure } from "../types.ts";
import { commandSpec } from "./level.ts";
import { expectedItem, type Model, other, type Who } from "./session-model.ts";
import { FUZZ_NS } from "./stanza.ts";
import { tagOf } from "./sync.ts";

export type SubscriptionOp = "subscribe" | "approve" | "deny" | "unsubscribe" | "cancel";
export type CommandSpec =
  | { op: SubscriptionOp; who: Who }
  | { op: "roster" | "broadcast"; who: Who }
  | { op: "offline"; who: Who; body: string }
  | { op: "offline-login" }
  | { op: "early-stanza"; stage: "before-auth" | "before-bind" };

export interface Real {
  rig: Rig;
  users: Record<Who, Session>;
  accounts: Record<Who | "c", Account>;
}

type Cmd = fc.AsyncCommand<Model, Real, false>;

/** A command that remembers its spec, so a finding can store the sequence as data. */
function withSpec(spec: CommandSpec, cmd: Cmd): Cmd {
  return Object.assign(cmd, { spec });
}

const bare = (s: Session) => s.jid!.bare().toString();
const isFrom = (el: Element, s: Session) =>
  (el.attrs.from ?? "").toLowerCase().startsWith(bare(s).toLowerCase());

async function arrives(s: Session, test: (el: Element) => boolean, what: string): Promise<Element> {
  try {
    return await s.expect(test);
  } catch (err) {
    if (err instanceof NoAnswer) throw new OracleFailure("model", `${what} never arrived`);
    throw err;
  }
}

function presence(type: string | undefined, to: Session): Element {
  return xml("presence", { to: bare(to), ...(type ? { type } : {}) });
}

/** Subscription requests and answers, each waiting for what the other side must receive. */
function subscriptionCommand(spec: { op: SubscriptionOp; who: Who }): Cmd {
  const who = spec.who;
  const peer = other(who);
  return withSpec(spec, {
    check(m: Model) {
      switch (spec.op) {
        case "subscribe":
          return m.sub[who] === "none";
        case "approve":
        case "deny":
          return m.sub[peer] === "pending";
        case "unsubscribe":
          return m.sub[who] === "yes";
        case "cancel":
          return m.sub[peer] === "yes";
      }
    },
    async run(m: Model, r: Real) {
      const me = r.users[who];
      const them = r.users[peer];
      // what arrived before this command belongs to earlier ones
      me.inbox.splice(0, me.inbox.length);
      them.inbox.splice(0, them.inbox.length);
      const type = {
        subscribe: "subscribe",
        approve: "subscribed",
        deny: "unsubscribed",
        unsubscribe: "unsubscribe",
        cancel: "unsubscribed",
      }[spec.op];
      await me.send(presence(type, them));
      // RFC 6121 §3.1.3, §3.1.5, §3.2.3, §3.3.3: the contact (or the user) is told
      await arrives(
        them,
        (el) => el.name === "presence" && el.attrs.type === type && isFrom(el, me),
        `<presence type='${type}'/> from ${who} at ${peer}`,
      );
      if (spec.op === "subscribe") m.sub[who] = "pending";
      if (spec.op === "approve") m.sub[peer] = "yes";
      if (spec.op === "deny" || spec.op === "cancel") m.sub[peer] = "none";
      if (spec.op === "unsubscribe") m.sub[who] = "none";
    },
    toString: () => `${spec.op}(${who})`,
  });
}

/** The roster the server keeps agrees with the model. */
function rosterCommand(spec: { op: "roster" | "broadcast"; who: Who }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(m: Model, r: Real) {
      const me = r.users[spec.who];
      const them = r.users[other(spec.who)];
      const reply = await me.iq(xml("iq", { type: "get" }, xml("query", { xmlns: NS.roster })));
      const want = expectedItem(m, spec.who);
      const item = reply
        .getChild("query", NS.roster)
        ?.getChildren("item")
        .find((i) => (i.attrs.jid ?? "").toLowerCase() === bare(them).toLowerCase());
      const got = item
        ? `subscription='${item.attrs.subscription ?? "none"}'${item.attrs.ask ? ` ask='${item.attrs.ask}'` : ""}`
        : "no item";
      const says = `${want.subscription}${want.ask ? " + ask" : ""} (model ${JSON.stringify(m.sub)})`;
      if (!item) {
        if (want.required)
          throw new OracleFailure(
            "model",
            `${spec.who}'s roster has no item for the other user; the model says ${says}`,
          );
        return;
      }
      if (
        (item.attrs.subscription ?? "none") !== want.subscription ||
        (item.attrs.ask === "subscribe") !== want.ask
      )
        throw new OracleFailure("model", `${spec.who}'s roster says ${got}; the model says ${says}`);
    },
    toString: () => `roster(${spec.who})`,
  });
}

/** Presence goes to subscribers and to nobody else (RFC 6121 §4.2.2, §4.4.2). */
function broadcastCommand(spec: { op: "roster" | "broadcast"; who: Who }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(m: Model, r: Real) {
      const me = r.users[spec.who];
      const them = r.users[other(spec.who)];
      const tag = tagOf();
      await me.send(xml("presence", {}, xml("status", {}, tag)));
      // a marker along the same path: what the presence caused has arrived before it
      const id = `mk-${tag}`;
      const marker = them.expect({ name: "message", id });
      marker.catch(() => {});
      await me.send(
        xml("message", { to: them.jid!.toString(), id, type: "chat" }, xml("body", {}, "marker")),
      );
      await marker.catch((err) => {
        throw err instanceof NoAnswer
          ? new OracleFailure("payload", `a chat message to ${them.jid} never arrived`)
          : err;
      });
      const got = them.inbox.filter((el) => el.name === "presence" && el.getChildText("status") === tag);
      them.inbox.splice(0, them.inbox.length);
      const subscribed = m.sub[other(spec.who)] === "yes";
      if (subscribed && got.length === 0)
        throw new OracleFailure(
          "model",
          `${other(spec.who)} is subscribed to ${spec.who} but got no presence broadcast`,
        );
      if (!subscribed && got.length > 0)
        throw new OracleFailure(
          "no-leak",
          `${other(spec.who)} is not subscribed to ${spec.who} but got ${clip(got[0])}`,
        );
    },
    toString: () => `broadcast(${spec.who})`,
  });
}

/** A message to the third user, who is offline: stored (or bounced). */
function offlineCommand(spec: { op: "offline"; who: Who; body: string }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(m: Model, r: Real) {
      const me = r.users[spec.who];
      const id = tagOf();
      await me.send(
        xml(
          "message",
          { to: r.accounts.c.jid, id, type: "chat" },
          xml("body", {}, spec.body),
          xml("fz", { xmlns: FUZZ_NS, n: id }),
        ),
      );
      await me.barrier();
      const bounced = me.inbox.findIndex((el) => el.attrs.id === id && el.attrs.type === "error");
      if (bounced >= 0) me.inbox.splice(bounced, 1);
      else m.offline.push(canonical(xml("body", {}, spec.body)));
    },
    toString: () => `offline(${spec.who}, ${JSON.stringify(spec.body)})`,
  });
}

/** The offline user comes online: the stored messages arrive, unaltered and in order (RFC 6121 §8.5.2.2.1). */
function offlineLoginCommand(spec: { op: "offline-login" }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(m: Model, r: Real) {
      const s = await r.rig.login(r.accounts.c, "carol", true);
      try {
        await s.barrier();
        const got = s.inbox
          .filter((el) => el.name === "message" && el.getChild("fz", FUZZ_NS))
          .map((el) => canonical(el.getChild("body") ?? xml("body")));
        const want = m.offline;
        m.offline = [];
        if (got.length !== want.length || got.some((g, i) => g !== want[i]))
          throw new OracleFailure(
            "payload",
            `stored messages came back as ${JSON.stringify(got)}, sent ${JSON.stringify(want)}`,
          );
      } finally {
        await s.close().catch(() => s.destroy());
      }
    },
    toString: () => "offline-login",
  });
}

/** A stanza during negotiation, before SASL or before binding: never routed (RFC 6120 §6.4.1, §7.1). */
function earlyStanzaCommand(spec: { op: "early-stanza"; stage: "before-auth" | "before-bind" }): Cmd {
  return withSpec(spec, {
    check: () => true,
    async run(_m: Model, r: Real) {
      const bob = r.users.b;
      const s = await r.rig.connect("early");
      const tag = tagOf();
      try {
        await s.openStream();
        await s.readFeatures();
        if (spec.stage === "before-bind") {
          await s.negotiate({
            tls: r.rig.target.tls,
            auth: { username: r.accounts.a.username, password: r.accounts.a.password },
          });
        }
        await s.send(
          xml("message", { to: bob.jid!.toString(), id: tag, type: "chat" }, xml("body", {}, "early")),
        );
        // whatever the target answers (an error, a stream error) or not: then a marker to bob
        await s
          .iq(
            xml("iq", { type: "get", to: r.rig.target.domain }, xml("ping", { xmlns: NS.ping })),
            r.rig.timeoutMs,
          )
          .catch(() => {});
      } catch (err) {
        if (!(err instanceof StreamClosed)) throw err;
      } finally {
        s.destroy();
      }
      const a = r.users.a;
      const id = `mk-${tag}`;
      const marker = bob.expect({ name: "message", id });
      marker.catch(() => {});
      await a.send(xml("message", { to: bob.jid!.toString(), id, type: "chat" }, xml("body", {}, "marker")));
      await marker;
      const leaked = bob.inbox.find((el) => el.attrs.id === tag);
      if (leaked)
        throw new OracleFailure(
          "no-leak",
          `a stanza sent ${spec.stage.replace("-", " ")} was routed: ${clip(leaked)}`,
        );
    },
    toString: () => `early-stanza(${spec.stage})`,
  });
}

export function commandOf(spec: CommandSpec): Cmd {
  switch (spec.op) {
    case "roster":
      return rosterCommand(spec);
    case "broadcast":
      return broadcastCommand(spec);
    case "offline":
      return offlineCommand(spec);
    case "offline-login":
      return offlineLoginCommand(spec);
    case "early-stanza":
      return earlyStanzaCommand(spec);
    default:
      return subscriptionCommand(spec);
  }
}

/** The spec of a command, also when fc.commands has wrapped it (CommandWrapper keeps it in `cmd`). */
export function specOf(c: fc.AsyncCommand<Model, Real, boolean>): CommandSpec {
  return commandSpec<CommandSpec>(c);
}
