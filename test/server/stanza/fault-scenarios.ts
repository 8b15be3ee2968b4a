// One scenario per named fault of the stanza layer: each observes one behaviour, which its fault changes.
import type { SubscriptionState } from "../../../harness/server/stanza/index.ts";
import { NS, xml } from "../../../harness/xml/element.ts";
import {
  bodies,
  D,
  iq,
  msg,
  NOWHERE,
  of,
  ping,
  pres,
  presences,
  pushes,
  REMOTE,
  rosterQuery,
  stanzaError,
  type World,
} from "../../support/stanza-world.ts";

/** A scenario that observes one behaviour; under its fault the observation must differ. */
type Scenario = (w: World) => unknown;

/** Two local accounts a (available, interested) and b, for scenarios. */
export function pair(w: World) {
  const a = w.account("a");
  const b = w.account("b");
  const a1 = w.login(a, "a1", { roster: true, presence: true });
  return { a, b, a1 };
}

/** Runs an Appendix A row against a remote contact and reports [state, routed or delivered]. */
function row(w: World, dir: "out" | "in", type: string, state: SubscriptionState): [string, number] {
  const u = w.account("user");
  const s = w.login(u, "r1", { roster: true, presence: true });
  const contact = `c@${REMOTE}`;
  w.layer.setSubscription(u, contact, state);
  if (dir === "out") w.send(s, pres({ to: contact, type }));
  else w.layer.fromRemote(pres({ from: contact, to: u, type }));
  const seen = dir === "out" ? presences(w.remote, type) : presences(s.inbox, type);
  return [w.layer.subscription(u, contact), seen.length];
}

export const SCENARIOS: Record<string, Scenario> = {
  "iq-no-reply": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, ping()));
    w.send(a1, iq("get", {}, ping()));
    return a1.take().length; // 2, or 0
  },
  "iq-double-reply": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, ping()));
    return a1.take().length; // 1, or 2
  },
  "iq-wrong-id": (w) => {
    const { a1 } = pair(w);
    w.send(a1, xml("iq", { type: "get", id: "the-id", to: D }, ping()));
    return a1.take()[0].attrs.id;
  },
  "iq-answer-result": (w) => {
    const { a1 } = pair(w);
    w.send(a1, xml("iq", { type: "result", id: "r", to: D }));
    return a1.take().length;
  },
  "error-reply-to-error": (w) => {
    const { a1, b } = pair(w);
    w.send(a1, xml("iq", { type: "error", id: "e", to: D }, xml("error", { type: "cancel" })));
    w.send(a1, msg(b, "x", "error"));
    return a1.take().length;
  },
  "wrong-error-type": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("q", { xmlns: "urn:example:x" })));
    w.send(a1, iq("get", { to: D }));
    return a1.take().map((e) => stanzaError(e).type); // service-unavailable, bad-request: [cancel, modify]
  },
  "unknown-payload-feature-not-implemented": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("q", { xmlns: "urn:example:x" })));
    return a1.take().map((e) => stanzaError(e).condition); // [service-unavailable] (§10.3.3, §8.4)
  },
  "unknown-payload-ok": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("q", { xmlns: "urn:example:x" })));
    return a1.take()[0].attrs.type;
  },
  "iq-payload-count-unchecked": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, ping(), ping()));
    return a1.take()[0].attrs.type;
  },
  "leak-message": (w) => {
    const { a, a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    const c = w.account("c");
    const c1 = w.login(c, "c1", { presence: true });
    w.send(c1, pres({ to: a })); // c is known to the server
    w.send(a1, msg(b, "private"));
    return [bodies(b1.take()), bodies(c1.take())];
  },
  "no-roster-push": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `z@${D}` }))));
    return pushes(a1.take()).length;
  },
  "roster-push-missing-interested": (w) => {
    const { a, a1 } = pair(w);
    const a2 = w.login(a, "a2", { roster: true });
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `z@${D}` }))));
    return [pushes(a1.take()).length, pushes(a2.take()).length];
  },
  "sub-out-subscribe-wrong": (w) => row(w, "out", "subscribe", "None"),
  "sub-out-unsubscribe-wrong": (w) => row(w, "out", "unsubscribe", "Both"),
  "sub-out-subscribed-wrong": (w) => row(w, "out", "subscribed", "None + Pending In"),
  "sub-out-unsubscribed-wrong": (w) => row(w, "out", "unsubscribed", "From"),
  "sub-in-subscribe-wrong": (w) => row(w, "in", "subscribe", "None"),
  "sub-in-unsubscribe-wrong": (w) => row(w, "in", "unsubscribe", "Both"),
  "sub-in-subscribed-wrong": (w) => row(w, "in", "subscribed", "None + Pending Out"),
  "sub-in-unsubscribed-wrong": (w) => row(w, "in", "unsubscribed", "To"),
  "sub-full-jid-from": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, pres({ to: b, type: "subscribe" }));
    return presences(b1.take(), "subscribe")[0].attrs.from;
  },
  "no-initial-broadcast": (w) => {
    const a = w.account("a");
    const b = w.account("b");
    w.subscribe(a, b, "Both");
    const b1 = w.login(b, "b1", { presence: true });
    const a1 = w.login(a, "a1");
    w.send(a1, pres());
    return [
      presences(b1.take()).length,
      presences(a1.take()).filter((p) => p.attrs.from === a1.jid.toString()).length,
    ];
  },
  "no-probe-answer": (w) => {
    const a = w.account("a");
    const b = w.account("b");
    w.subscribe(a, b, "Both");
    w.login(b, "b1", { presence: true });
    const a1 = w.login(a, "a1");
    w.send(a1, pres());
    return presences(a1.take()).filter((p) => p.attrs.from?.startsWith(b)).length;
  },
  "probe-leak": (w) => {
    const { a, b } = pair(w);
    const b1 = w.login(b, "b1");
    w.send(b1, pres({ to: a, type: "probe" }));
    return presences(b1.take()).length;
  },
  "no-unavailable-on-close": (w) => {
    const a = w.account("a");
    const b = w.account("b");
    w.subscribe(a, b, "Both");
    const b1 = w.login(b, "b1", { presence: true });
    const a1 = w.login(a, "a1", { presence: true });
    b1.take();
    w.logout(a1);
    return presences(b1.take(), "unavailable").length;
  },
  "directed-no-unavailable": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, pres({ to: b }));
    w.logout(a1);
    return presences(b1.take(), "unavailable").length;
  },
  "offline-drop": (w) => {
    const { a1, b } = pair(w);
    w.send(a1, msg(b, "kept"));
    const b1 = w.login(b, "b1");
    w.send(b1, pres());
    return [bodies(b1.take()), a1.take().length];
  },
  "offline-refused-not-allowed": (w) => {
    const { a1, b } = pair(w);
    w.send(a1, msg(b, "kept"));
    return a1.take().map((e) => stanzaError(e).condition); // stored: no error
  },
  "offline-alter": (w) => {
    const { a1, b } = pair(w);
    w.send(a1, msg(b, "kept"));
    const b1 = w.login(b, "b1");
    w.send(b1, pres());
    return bodies(b1.take());
  },
  "bare-jid-wrong-resource": (w) => {
    const { a1, b } = pair(w);
    const hi = w.login(b, "hi", { presence: 5 });
    const lo = w.login(b, "lo", { presence: 1 });
    w.send(a1, msg(b, "x"));
    return [bodies(hi.take()).length, bodies(lo.take()).length];
  },
  "negative-priority-delivered": (w) => {
    const { a1, b } = pair(w);
    const n = w.login(b, "n", { presence: -1 });
    w.send(a1, msg(b, "x"));
    return [bodies(n.take()).length, w.layer.offlineCount(b)];
  },
  "groupchat-to-bare-delivered": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "g", "groupchat"));
    return [bodies(b1.take()).length, a1.take().length];
  },
  "unescaped-relay": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "<b>bold</b>"));
    w.send(a1, msg(b, "1 < 2 & 3"));
    return of(b1.take(), "message").map((m) => m.getChild("body")!.toString());
  },
  "zwnbsp-stripped": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "a\uFEFFb"));
    return of(b1.take(), "message").map((m) => m.getChildText("body"));
  },
  "full-jid-absence-revealed": (w) => {
    const { a1, b } = pair(w);
    w.login(b, "b1", { presence: true });
    w.send(a1, iq("get", { to: `b@${D}` }, xml("q", { xmlns: "urn:example:x" })));
    w.send(a1, iq("get", { to: `b@${D}/nope` }, xml("q", { xmlns: "urn:example:x" })));
    return a1.take().map((e) => stanzaError(e).condition);
  },
  "remote-domain-accepted": (w) => {
    const { a1 } = pair(w);
    w.send(a1, msg(`x@${NOWHERE}`, "x"));
    w.send(a1, iq("get", { to: `x@${NOWHERE}` }, ping()));
    return a1.take().length;
  },
  "jid-malformed-accepted": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: "@nobody" }, ping()));
    w.send(a1, msg("@nobody", "x"));
    return a1.take().map((e) => stanzaError(e).condition);
  },
  "iq-bad-type-accepted": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("frobnicate", { to: D }, ping()));
    return a1.take()[0].attrs.type; // error, or result
  },
  "server-reply-no-from": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, ping()));
    return a1.take()[0].attrs.from;
  },
  "error-drops-id": (w) => {
    const { a1 } = pair(w);
    w.send(a1, xml("message", { to: `nobody@${D}`, id: "m-id", type: "chat" }, xml("body", {}, "x")));
    return of(a1.take(), "message", "error").map((e) => e.attrs.id);
  },
  "unknown-account-iq-result": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: `nobody@${D}` }, ping()));
    return a1.take().map((e) => e.attrs.type);
  },
  "iq-full-jid-not-routed": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1");
    w.send(b1, pres({ to: a1.jid.toString() })); // shares presence with a1 (RFC 6121 §8.5.3.1)
    a1.take();
    w.send(a1, iq("get", { to: b1.jid.toString() }, xml("q", { xmlns: "urn:example:x" })));
    return [of(b1.take(), "iq").length, a1.take().map((e) => stanzaError(e).condition)];
  },
  "strip-unknown-children": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    const m = msg(b, "x");
    m.append(xml("thing", { xmlns: "urn:example:ext" }));
    w.send(a1, m);
    return of(b1.take(), "message").map((e) => e.getChildren("thing", "urn:example:ext").length);
  },
  "reorder-messages": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    for (const n of ["1", "2", "3", "4"]) w.send(a1, msg(b, n));
    return bodies(b1.take());
  },
  "roster-missing-query": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", {}, rosterQuery()));
    return a1.take().map((e) => e.getChildren("query", NS.roster).length);
  },
  "roster-remove-unknown-ok": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `z@${D}`, subscription: "remove" }))));
    return a1.take().map((e) => e.attrs.type);
  },
  "roster-multi-item-accepted": (w) => {
    const { a, a1 } = pair(w);
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `y@${D}` }), xml("item", { jid: `z@${D}` }))));
    return [stanzaError(a1.take().find((e) => e.attrs.type !== "set")).condition, w.layer.roster(a).length];
  },
  "roster-set-other-user-allowed": (w) => {
    const { a1, b } = pair(w);
    w.send(a1, iq("set", { to: b }, rosterQuery(xml("item", { jid: `z@${D}` }))));
    return [stanzaError(a1.take()[0]).condition, w.layer.roster(b).length];
  },
  "roster-subscription-attr-honoured": (w) => {
    const { a, a1 } = pair(w);
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `z@${D}`, subscription: "both" }))));
    return w.layer.subscription(a, `z@${D}`);
  },
  "deny-ignored": (w) => row(w, "in", "unsubscribed", "None + Pending Out"),
  "deny-delivered-unapplied": (w) => row(w, "in", "unsubscribed", "None + Pending Out"),
  "full-jid-message-dropped": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b1.jid.toString(), "x"));
    return bodies(b1.take());
  },
  "rewrite-to-full-jid": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "x"));
    return of(b1.take(), "message").map((e) => e.attrs.to);
  },
  "headline-stored-offline": (w) => {
    const { a1, b } = pair(w);
    w.send(a1, msg(b, "news", "headline"));
    return w.layer.offlineCount(b);
  },
  "unsolicited-subscribed-honoured": (w) => {
    const { a, a1, b } = pair(w);
    const b1 = w.login(b, "b1", { roster: true, presence: true });
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: b }))));
    a1.take();
    w.send(b1, pres({ to: a, type: "subscribed" }));
    return [w.layer.subscription(a, b), presences(a1.take(), "subscribed").length];
  },
  "message-no-to-dropped": (w) => {
    const { a1 } = pair(w);
    w.send(a1, msg(undefined, "note to self"));
    return bodies(a1.take());
  },
  "account-reply-from-domain": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", {}, ping()));
    return a1.take()[0].attrs.from;
  },
  "error-not-swapped": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("query", { xmlns: "urn:x" })));
    const e = a1.take()[0];
    return [e.attrs.from, e.attrs.to];
  },
  "result-carries-error": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, ping()));
    const [reply] = a1.take();
    return reply.getChildElements().map((c) => c.name);
  },
  "error-type-invalid": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("query", { xmlns: "urn:x" })));
    return stanzaError(a1.take()[0]).type;
  },
  "error-two-conditions": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("query", { xmlns: "urn:x" })));
    return a1.take()[0].getChild("error")!.getChildElements().length;
  },
  "error-text-unqualified": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("query", { xmlns: "urn:x" })));
    const texts = a1.take()[0].getChild("error")!.getChildren("text");
    return texts.map((t) => t.attrs.xmlns ?? null);
  },
  "error-child-missing": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: D }, xml("query", { xmlns: "urn:x" })));
    return a1.take().map((e) => [e.attrs.type, e.getChildren("error").length]);
  },
  "strip-xml-lang": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, xml("message", { to: b, "xml:lang": "de" }, xml("body", { "xml:lang": "fr" }, "x")));
    const m = of(b1.take(), "message")[0];
    return [m.attrs["xml:lang"] ?? null, m.getChild("body")!.attrs["xml:lang"] ?? null];
  },
  "domain-resource-iq-dropped": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: `${D}/res` }, ping()));
    return a1.take().length;
  },
  "bare-jid-iq-delivered": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, iq("get", { to: b }, xml("query", { xmlns: "urn:x" })));
    return [a1.take().length, of(b1.take(), "iq").length];
  },
  "roster-set-deferred": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `c@${D}` }))));
    const get = iq("get", {}, rosterQuery());
    w.send(a1, get);
    const answer = a1.take().find((e) => e.attrs.id === get.attrs.id)!;
    return answer
      .getChild("query")!
      .getChildren("item")
      .map((i) => i.attrs.jid);
  },
  "unmatched-resource-bounced": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(`${b}/ghost`, "x", "chat"));
    return bodies(b1.take());
  },
  "second-domain-remote": (w) => {
    w.host.domains.add("second.test");
    const { a1 } = pair(w);
    w.send(a1, iq("get", { to: "second.test" }, ping()));
    const [reply] = a1.take();
    return [reply.attrs.type, stanzaError(reply).condition];
  },
  "unknown-child-bounced": (w) => {
    const { a1 } = pair(w);
    w.send(a1, xml("message", { to: D, id: "u1" }, xml("x", { xmlns: "urn:unknown" })));
    w.send(a1, pres({ to: D }, xml("x", { xmlns: "urn:unknown" })));
    return a1.take().map((el) => [el.name, stanzaError(el).condition]);
  },
  "roster-push-malformed": (w) => {
    const { a1 } = pair(w);
    w.send(a1, iq("set", {}, rosterQuery(xml("item", { jid: `c@${D}` }))));
    return pushes(a1.take()).map((p) => [p.attrs.id === undefined, p.getChildElements().length]);
  },
  "bare-jid-stanzas-dropped": (w) => {
    const { a1, b } = pair(w);
    const b1 = w.login(b, "b1", { presence: true });
    w.send(a1, msg(b, "x", "chat"));
    w.send(a1, pres({ to: b }));
    return b1.take().map((el) => el.name);
  },
  "unknown-account-presence-bounced": (w) => {
    const { a1 } = pair(w);
    w.send(a1, pres({ to: `nobody@${D}` }));
    return a1.take().map((el) => stanzaError(el).condition);
  },
  "unmatched-resource-recipient-unavailable": (w) => {
    const { a1, b } = pair(w);
    w.login(b, "b1", { presence: true });
    w.send(a1, msg(`${b}/ghost`, "x"));
    return a1.take().map((el) => stanzaError(el).condition);
  },
  "error-kind-placeholder": (w) => {
    const { a1 } = pair(w);
    w.send(a1, msg(D, "x"));
    return a1.take().map((el) => el.name);
  },
};
