// RFC 6120 §7: more resource binding checks — the raw result, uniqueness, the conflict policies, no restart
// after binding, stanzas once bound, and binding over direct TLS and WebSocket.
import { Violation } from "../../harness/errors.ts";
import { parseJid } from "../../harness/jid.ts";
import { stanzaError, streamErrorCondition } from "../../harness/match.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Endpoint } from "../../harness/transport/transport.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { assertStanzaError, clip } from "../helpers.ts";

function endpointOf(ctx: CaseContext, kind: "direct-tls" | "websocket"): Endpoint {
  const e = kind === "direct-tls" ? ctx.target.directTls : ctx.target.websocket;
  return e ?? ctx.target.endpoint;
}

/** §7.6.1: a server-generated resource, as a full JID of our own account. */
async function bindOver(ctx: CaseContext, kind: "direct-tls" | "websocket"): Promise<void> {
  const a = ctx.accounts[0];
  const s = await ctx.login(a, { endpoint: endpointOf(ctx, kind) });
  if (!s.jid!.resource) throw new Violation(`the bind result over ${kind} is not a full JID: ${s.jid}`);
  ctx.expect(s.jid!.bare().toString(), "bare JID").to.equal(a.jid.toLowerCase());
}

async function noBindBeforeAuthOver(ctx: CaseContext, kind: "direct-tls" | "websocket"): Promise<void> {
  const s = await ctx.open({ endpoint: endpointOf(ctx, kind) });
  ctx.expect(s.features!.getChild("bind", NS.bind), "<bind/> before SASL").to.equal(undefined);
}

export default section("rfc6120", "7", "Resource Binding (more)", [
  {
    id: "rfc6120/7.6.1/result-carries-full-jid",
    title: "the bind result is an IQ result with our id whose <jid/> is a full JID of our account",
    requirements: ["RFC6120-7.6.1-1", "RFC6120-7.1-2"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.openSecured();
      await s.authenticate({ username: a.username, password: a.password });
      const reply = await s.iq(xml("iq", { type: "set", id: "bind-raw" }, xml("bind", { xmlns: NS.bind })));
      if (reply.attrs.type !== "result") throw new Violation(`binding failed: ${clip(reply)}`);
      const text = reply.getChild("bind", NS.bind)?.getChildText("jid")?.trim();
      if (!text) throw new Violation(`the bind result has no <jid/>: ${clip(reply)}`);
      let jid: ReturnType<typeof parseJid>;
      try {
        jid = parseJid(text);
      } catch (err) {
        throw new Violation(`the bound JID '${text}' is not a JID: ${(err as Error).message}`);
      }
      if (!jid.resource) throw new Violation(`the bound JID '${text}' has no resourcepart`);
      ctx.expect(jid.bare().toString(), "bare JID").to.equal(a.jid.toLowerCase());
    },
  },
  {
    id: "rfc6120/7.5/five-sessions-distinct",
    title: "five sessions of one account with server-generated resources get five distinct full JIDs",
    requirements: ["RFC6120-7.5-1", "RFC6120-7.6-2"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const sessions = await Promise.all([0, 1, 2, 3, 4].map(() => ctx.login(a)));
      const jids = sessions.map((s) => s.jid!.toString());
      if (new Set(jids).size !== jids.length) throw new Violation(`full JIDs repeat: ${jids.join(", ")}`);
    },
  },
  {
    id: "rfc6120/7.7.2.2/conflict-one-of-three",
    title:
      "a resource in use is overridden (old session kept), refused with <conflict/>, or taken over (old one gets <conflict/>)",
    requirements: ["RFC6120-7.7.2.2-1", "RFC6120-7.5-1"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const first = await ctx.login(a, { resource: "xs-dup" });
      const firstJid = first.jid!.toString();
      const second = await ctx.openSecured();
      await second.authenticate({ username: a.username, password: a.password });
      const reply = await second.iq(
        xml("iq", { type: "set" }, xml("bind", { xmlns: NS.bind }, xml("resource", {}, "xs-dup"))),
      );
      if (reply.attrs.type === "error") {
        // behaviour #2: <conflict/>, and the first session carries on
        assertStanzaError(reply, ["conflict"]);
        await first.barrier();
        return;
      }
      const jid = reply.getChild("bind", NS.bind)?.getChildText("jid")?.trim() ?? "";
      if (jid !== firstJid) {
        // behaviour #1: another resource, and the first session carries on
        await first.barrier();
        return;
      }
      // behaviour #3: the first session is terminated with a <conflict/> stream error
      const alive = await first.barrier().then(
        () => true,
        () => false,
      );
      if (alive) throw new Violation(`two connected sessions hold ${jid}`);
      const cond = first.streamError ? streamErrorCondition(first.streamError) : undefined;
      if (cond !== "conflict")
        throw new Violation(
          `the replaced session was closed with <${cond ?? "no stream error"}/>, not <conflict/>`,
        );
    },
  },
  {
    id: "rfc6120/7.3.2/no-restart-after-bind",
    title: "after the bind result the target sends no new stream header or stream features",
    requirements: ["RFC6120-7.3.2-1", "RFC6120-15-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.openSecured();
      const a = ctx.accounts[0];
      await s.authenticate({ username: a.username, password: a.password });
      const [header, features] = [s.header, s.features];
      await s.bind();
      await s.barrier();
      if (s.header !== header) throw new Violation("a new stream header came after binding");
      if (s.features !== features)
        throw new Violation(`new stream features came after binding: ${clip(s.features!)}`);
    },
  },
  {
    id: "rfc6120/7.1/stanza-after-bind-from-full-jid",
    title: "once bound, a message to another account is delivered, stamped with our full JID",
    requirements: ["RFC6120-7.1-2", "RFC6120-8.1.2.1-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([ctx.login(a), ctx.login(b, { presence: true })]);
      const got = bob.expect({ name: "message", id: "after-bind" });
      got.catch(() => {});
      await alice.send(
        xml("message", { to: bob.jid!.toString(), id: "after-bind", type: "chat" }, xml("body", {}, "hi")),
      );
      const msg = await got;
      ctx.expect(msg.attrs.from, "'from' of the delivered message").to.equal(alice.jid!.toString());
    },
  },
  {
    id: "rfc6120/7.6.1/bind-over-direct-tls",
    title: "over direct TLS binding gives a full JID of our account",
    requirements: ["RFC6120-7.6.1-1", "RFC6120-7.4-1"],
    needs: ["direct-tls"],
    accounts: 1,
    run: (ctx) => bindOver(ctx, "direct-tls"),
  },
  {
    id: "rfc6120/7.6.1/bind-over-websocket",
    title: "over WebSocket binding gives a full JID of our account",
    requirements: ["RFC6120-7.6.1-1", "RFC6120-7.4-1"],
    needs: ["websocket"],
    accounts: 1,
    run: (ctx) => bindOver(ctx, "websocket"),
  },
  {
    id: "rfc6120/7.4/no-bind-before-auth-direct-tls",
    title: "over direct TLS <bind/> is not offered before authentication",
    requirements: ["RFC6120-7.4-2"],
    needs: ["direct-tls"],
    run: (ctx) => noBindBeforeAuthOver(ctx, "direct-tls"),
  },
  {
    id: "rfc6120/7.4/no-bind-before-auth-websocket",
    title: "over WebSocket <bind/> is not offered before authentication",
    requirements: ["RFC6120-7.4-2"],
    needs: ["websocket"],
    run: (ctx) => noBindBeforeAuthOver(ctx, "websocket"),
  },
  {
    id: "rfc6120/7.7.1/non-ascii-resource-kept",
    title: "a client-submitted non-ASCII resource (already in NFC) is accepted as is, in a full JID",
    requirements: ["RFC6120-7.7.1-1", "RFC6120-7.6.1-1"],
    accounts: 1,
    async run(ctx) {
      const wanted = "café-ñandú";
      const s = await ctx.login(ctx.accounts[0], { resource: wanted });
      if (!s.jid!.resource) throw new Violation(`the bind result is not a full JID: ${s.jid}`);
      // §7.7.1: SHOULD accept; overriding it is allowed (a MAY), so a different one is a WARN
      if (s.jid!.resource !== wanted)
        throw new Violation(`asked for '${wanted}', bound '${s.jid!.resource}'`, true);
    },
  },
  {
    id: "rfc6120/7.6.2.2/second-bind-refused",
    title: "a second bind request on a bound stream binds no other resource (<not-allowed/>)",
    requirements: ["RFC6120-7.6.2.2-1", "RFC6120-7.1-3"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      const first = s.jid!.toString();
      const reply = await s.iq(xml("iq", { type: "set" }, xml("bind", { xmlns: NS.bind })));
      if (reply.attrs.type === "result") {
        // §7.1: each connected resource has a stream of its own; repeating the same binding is harmless
        const jid = reply.getChild("bind", NS.bind)?.getChildText("jid")?.trim() ?? "";
        if (jid !== first)
          throw new Violation(`a second resource was bound to the stream: ${jid} besides ${first}`);
        return;
      }
      const cond = stanzaError(reply)?.condition;
      if (cond !== "not-allowed")
        throw new Violation(
          `the second bind was refused with <${cond ?? "none"}/>, not <not-allowed/>`,
          true,
        );
    },
  },
]);
