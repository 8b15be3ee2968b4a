// RFC 6120 §8 continued: addressing, xml:lang, IQ and error stanza syntax, defined conditions.
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import { section } from "../../harness/runner/case.ts";
import type { Session } from "../../harness/session.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import {
  assertDefaultErrorType,
  assertStanzaError,
  clip,
  DEFAULT_ERROR_TYPE,
  ping,
  rosterGet,
  rosterSet,
} from "../helpers.ts";

const UNKNOWN_NS = "urn:xmppspec:unknown-payload";
const ERROR_TYPES = ["auth", "cancel", "continue", "modify", "wait"];

/** An IQ get with a payload no server knows, to the server's domain: an error the server must return. */
async function unknownPayloadError(s: Session, domain: string): Promise<Element> {
  const reply = await s.iq(xml("iq", { type: "get", to: domain }, xml("query", { xmlns: UNKNOWN_NS })));
  if (reply.attrs.type !== "error") throw new Violation(`expected an IQ error, got ${clip(reply)}`);
  return reply;
}

function errorChild(reply: Element): Element {
  const error = reply.getChild("error");
  if (!error) throw new Violation(`the error stanza has no <error/> child: ${clip(reply)}`);
  return error;
}

/** The condition's recommended type (RFC 6120 §8.3.3): only the SHOULD part, so a WARN. */
function assertTypeShould(reply: Element): void {
  try {
    assertDefaultErrorType(reply);
  } catch (err) {
    if (err instanceof Violation) throw new Violation(err.message, true);
    throw err;
  }
}

export default section("rfc6120", "8", "XML Stanzas", [
  {
    id: "rfc6120/8.1.1.1/to-not-modified",
    title: "a message to a bare JID is delivered with its 'to' exactly as the sender addressed it",
    requirements: ["RFC6120-8.1.1.1-3", "RFC6120-15-19"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      const to = bob.jid!.bare().toString();
      await alice.send(xml("message", { to, id: "to-kept-1", type: "chat" }, xml("body", {}, "hi")));
      const got = await bob.expect({ name: "message", id: "to-kept-1" });
      ctx.expect(got.attrs.to, "'to' of the delivered message").to.equal(to);
    },
  },
  {
    id: "rfc6120/8.1.2.1/account-reply-from",
    title:
      "a reply on behalf of the account (roster get without 'to') has no 'from' or the account's bare JID",
    requirements: ["RFC6120-8.1.2.1-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(rosterGet());
      const from = reply.attrs.from;
      if (from === undefined) return;
      ctx.expect(from.toLowerCase(), "'from' of the reply").to.equal(s.jid!.bare().toString().toLowerCase());
    },
  },
  {
    id: "rfc6120/8.2.3/result-at-most-one-child",
    title: "an IQ result (roster get) carries zero or one child element",
    requirements: ["RFC6120-8.2.3-8"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(rosterGet());
      ctx.expect(reply.attrs.type).to.equal("result");
      const n = reply.getChildElements().length;
      if (n > 1) throw new Violation(`the IQ result carries ${n} child elements: ${clip(reply)}`);
    },
  },
  {
    id: "rfc6120/8.3.1/no-error-child-in-result",
    title: "an IQ result (ping to the server) carries no <error/> child",
    requirements: ["RFC6120-8.3.1-10"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(ping(ctx.domain));
      if (reply.attrs.type !== "result") ctx.skip("the server does not answer pings with a result");
      if (reply.getChild("error")) throw new Violation(`a result carries an <error/>: ${clip(reply)}`);
    },
  },
  {
    id: "rfc6120/8.3.1/error-has-error-child",
    title: "an IQ error carries an <error/> child",
    requirements: ["RFC6120-8.3.1-6", "RFC6120-8.2.3-9", "RFC6120-15-24"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      errorChild(await unknownPayloadError(s, ctx.domain));
    },
  },
  {
    id: "rfc6120/8.3.1/error-addresses-swapped",
    title: "an error from the server swaps the request's 'from' and 'to'",
    requirements: ["RFC6120-8.3.1-2"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await unknownPayloadError(s, ctx.domain);
      const { from, to } = reply.attrs;
      if (from !== undefined && from.toLowerCase() !== ctx.domain.toLowerCase())
        throw new Violation(`the error's 'from' is '${from}', not the request's 'to' '${ctx.domain}'`);
      if (to !== undefined && to !== s.jid!.toString())
        throw new Violation(`the error's 'to' is '${to}', not the request's sender '${s.jid}'`);
    },
  },
  {
    id: "rfc6120/8.3.1/presence-error-keeps-id",
    title: "a presence to a malformed JID is ignored or bounced with the presence's id",
    requirements: ["RFC6120-8.3.1-3", "RFC6120-8.3.1-5"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      await s.send(`<presence to='a@b@${ctx.domain}' id='pres-err-1'/>`);
      const back = await s.barrier();
      const err = back.find((el) => el.name === "presence" && el.attrs.type === "error");
      if (!err) return; // the RFC only says SHOULD return an error for presence (§8.3.1 rule 1)
      ctx.expect(err.attrs.id, "id of the presence error").to.equal("pres-err-1");
    },
  },
  {
    id: "rfc6120/8.3.2/error-type-defined",
    title: "the <error/> type is one of auth, cancel, continue, modify, wait",
    requirements: ["RFC6120-8.3.2-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const error = errorChild(await unknownPayloadError(s, ctx.domain));
      ctx.expect(error.attrs.type, "error type").to.be.oneOf(ERROR_TYPES);
    },
  },
  {
    id: "rfc6120/8.3.2/one-defined-condition",
    title: "the <error/> carries exactly one defined condition of the stanzas namespace",
    requirements: ["RFC6120-8.3.2-4", "RFC6120-8.3.2-6"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await unknownPayloadError(s, ctx.domain);
      errorChild(reply);
      const conditions = stanzaError(reply)?.conditions ?? [];
      if (conditions.length !== 1)
        throw new Violation(`expected one defined condition, found ${conditions.length}: ${clip(reply)}`);
    },
  },
  {
    id: "rfc6120/8.3.2/error-children-qualified",
    title:
      "every child of <error/> (<text/>, application conditions) is namespace-qualified, not jabber:client",
    requirements: ["RFC6120-8.3.2-7", "RFC6120-8.3.2-8"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const error = errorChild(await unknownPayloadError(s, ctx.domain));
      for (const child of error.getChildElements()) {
        const ns = child.getNS();
        if (ns === undefined || ns === NS.client)
          throw new Violation(`<${child.name}/> inside <error/> is in the content namespace: ${clip(error)}`);
      }
    },
  },
  {
    id: "rfc6120/8.3.3.1/bad-request-type",
    title: "<bad-request/> (IQ get with two payloads) carries type 'modify'",
    requirements: ["RFC6120-8.3.3.1-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(
        xml(
          "iq",
          { type: "get", to: ctx.domain },
          xml("ping", { xmlns: NS.ping }),
          xml("ping", { xmlns: NS.ping }),
        ),
      );
      assertStanzaError(reply, ["bad-request"]);
      assertDefaultErrorType(reply);
    },
  },
  {
    id: "rfc6120/8.3.3.8/jid-malformed",
    title: "an IQ to a malformed 'to' gets an error, which should be <jid-malformed/> of type 'modify'",
    requirements: ["RFC6120-8.3.3.8-1", "RFC6120-8.3.1-1", "RFC6120-8.3.1-4"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      await s.send(`<iq type='get' id='malformed-1' to='a@b@${ctx.domain}'><ping xmlns='${NS.ping}'/></iq>`);
      const reply = await s.expect({ name: "iq", id: "malformed-1" });
      // The error and its id are MUSTs (§8.3.1); §8.3.3.8 describes the condition that fits, so
      // another defined condition is a WARN, as in the RFC 7622 address cases.
      const cond = assertStanzaError(reply, Object.keys(DEFAULT_ERROR_TYPE), "malformed-1");
      if (cond !== "jid-malformed")
        throw new Violation(
          `the error for 'a@b@${ctx.domain}' should be <jid-malformed/>, got <${cond}/>`,
          true,
        );
      assertTypeShould(reply);
    },
  },
  {
    id: "rfc6120/8.3.3.16/remote-server-not-found-type",
    title: "<remote-server-not-found/> for a domain that cannot exist carries type 'cancel'",
    requirements: ["RFC6120-8.3.3.16-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(ping(`nobody@xmppspec-${Date.now()}.invalid`), 20_000);
      if (stanzaError(reply)?.condition !== "remote-server-not-found")
        ctx.skip("the server answered with another condition");
      assertDefaultErrorType(reply);
    },
  },
  {
    id: "rfc6120/8.3.3.4/forbidden-type",
    title: "a roster set on another account's roster is refused; <forbidden/> carries type 'auth'",
    requirements: ["RFC6120-8.3.3.4-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const s = await ctx.login(a);
      const set = rosterSet(`someone@${ctx.domain}`);
      set.attrs.to = b.jid;
      const reply = await s.iq(set);
      // RFC 6121 §2.1.5 names forbidden; service-unavailable hides the account (RFC 6120 §8.3.3.19)
      assertStanzaError(reply, ["forbidden", "service-unavailable", "not-allowed"]);
      assertDefaultErrorType(reply);
    },
  },
  {
    id: "rfc6120/8.3.3.7/item-not-found-type",
    title: "removing a roster item that does not exist gives <item-not-found/> with type 'cancel'",
    requirements: ["RFC6120-8.3.3.7-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const reply = await s.iq(rosterSet(`nobody-${Date.now()}@${ctx.domain}`, { subscription: "remove" }));
      assertStanzaError(reply, ["item-not-found"]);
      assertDefaultErrorType(reply);
    },
  },
  {
    id: "rfc6120/8.1.5/xml-lang-kept",
    title: "a relayed message keeps its 'xml:lang'",
    requirements: ["RFC6120-8.1.5-6", "RFC6120-4.7.4-10", "RFC6120-15-22"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      await alice.send(
        xml(
          "message",
          { to: bob.jid!.toString(), id: "lang-1", type: "chat", "xml:lang": "de" },
          xml("body", {}, "Hallo"),
        ),
      );
      const got = await bob.expect({ name: "message", id: "lang-1" });
      ctx.expect(got.attrs["xml:lang"], "xml:lang of the delivered message").to.equal("de");
    },
  },
  {
    id: "rfc6120/8.1.5/child-xml-lang-kept",
    title: "a relayed message keeps the 'xml:lang' of its children (a <body/> in another language)",
    requirements: ["RFC6120-8.1.5-6"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      await alice.send(
        xml(
          "message",
          { to: bob.jid!.toString(), id: "lang-2", type: "chat", "xml:lang": "en" },
          xml("body", {}, "Hello"),
          xml("body", { "xml:lang": "fr" }, "Bonjour"),
        ),
      );
      const got = await bob.expect({ name: "message", id: "lang-2" });
      const langs = got.getChildren("body").map((b) => b.attrs["xml:lang"]);
      if (!langs.includes("fr")) throw new Violation(`the French <body/> lost its xml:lang: ${clip(got)}`);
    },
  },
  {
    id: "rfc6120/8.4/prefixed-child-routed",
    title: "an extension written with a namespace prefix arrives in the same namespace, declaration included",
    requirements: ["RFC6120-8.4-13", "RFC6120-8.4-5", "RFC6120-8.4-6"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      await alice.send(
        `<message to='${bob.jid}' id='prefix-1' type='chat'><body>p</body>` +
          `<x:thing xmlns:x='urn:xmppspec:prefixed'><x:inner>v</x:inner></x:thing></message>`,
      );
      const got = await bob.expect({ name: "message", id: "prefix-1" });
      // The prefix may change (§8.4: receivers must not depend on it); the namespace may not.
      const ext = got
        .getChildElements()
        .find((c) => c.getName() === "thing" && c.getNS() === "urn:xmppspec:prefixed");
      if (!ext) throw new Violation(`the prefixed extension did not arrive in its namespace: ${clip(got)}`);
      const inner = ext.getChildElements().find((c) => c.getName() === "inner");
      ctx.expect(inner?.getNS(), "namespace of the inner element").to.equal("urn:xmppspec:prefixed");
    },
  },
]);
