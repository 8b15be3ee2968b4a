// RFC 6120 §6: more SASL checks — wire format, the mechanisms list, '=' for empty data, the restart, the
// authzid, <abort/>, the syntax of <failure/>, and SASL over direct TLS and WebSocket.
import { SaslFailure, Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { MechanismName } from "../../harness/sasl/index.ts";
import type { Session } from "../../harness/session.ts";
import type { Endpoint } from "../../harness/transport/transport.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { b64, expectStreamErrorNext } from "../helpers.ts";
import { hasInterElementWhitespace, receivedSince, windowStart } from "./wire-window.ts";

/** §6.5.1 to §6.5.11: the defined SASL error conditions. */
const SASL_CONDITIONS = [
  "aborted",
  "account-disabled",
  "credentials-expired",
  "encryption-required",
  "incorrect-encoding",
  "invalid-authzid",
  "invalid-mechanism",
  "malformed-request",
  "mechanism-too-weak",
  "not-authorized",
  "temporary-auth-failure",
];

/** RFC 4422 §3.1: a mechanism name is 1 to 20 characters of upper-case letters, digits, '-' and '_'. */
const MECHANISM_NAME = /^[A-Z0-9_-]{1,20}$/;

const SUCCESS_END = /<success\b[^>]*\/>|<\/success>/;

/** §6.5: one defined condition (in the SASL namespace) and at most one <text/>. */
function checkFailureSyntax(el: Element): void {
  if (el.name !== "failure") throw new Violation(`expected <failure/>, got <${el.name}/>`);
  const children = el.getChildElements();
  const conditions = children.filter((c) => c.name !== "text");
  if (conditions.length !== 1)
    throw new Violation(`<failure/> must carry exactly one condition, found ${conditions.length}`);
  const [cond] = conditions;
  if (cond.getNS() !== NS.sasl)
    throw new Violation(`the condition <${cond.name}/> is not in the SASL namespace`);
  if (!SASL_CONDITIONS.includes(cond.name))
    throw new Violation(`<${cond.name}/> is not a SASL condition defined in §6.5`);
  if (children.filter((c) => c.name === "text").length > 1)
    throw new Violation("<failure/> carries more than one <text/>");
}

/** Send raw SASL XML and return the next SASL element (not <mechanisms/>). */
async function saslAnswer(s: Session, data: string): Promise<Element> {
  await s.send(data);
  return s.expect((e) => e.getNS() === NS.sasl && e.name !== "mechanisms");
}

/** §6.4.1: a <mechanisms/> element with one well-formed <mechanism/> per mechanism. */
function checkMechanismsList(s: Session): void {
  const mechs = s.features!.getChild("mechanisms", NS.sasl);
  if (!mechs) throw new Violation("no <mechanisms/> feature");
  const names = mechs.getChildren("mechanism").map((m) => m.getText().trim());
  if (!names.length) throw new Violation("<mechanisms/> lists no <mechanism/>");
  const bad = names.find((n) => !MECHANISM_NAME.test(n));
  if (bad !== undefined) throw new Violation(`'${bad}' is not one SASL mechanism name`);
  if (new Set(names).size !== names.length)
    throw new Violation(`a mechanism is listed twice: ${names.join(", ")}`);
}

async function noWhitespaceDuringSasl(ctx: CaseContext, mechanism?: MechanismName): Promise<void> {
  const a = ctx.accounts[0];
  const s = await ctx.openSecured();
  const from = windowStart(ctx);
  await s.authenticate({ username: a.username, password: a.password }, mechanism);
  const window = receivedSince(ctx, s, from, SUCCESS_END);
  if (hasInterElementWhitespace(window))
    throw new Violation(`whitespace between elements during SASL: ${JSON.stringify(window)}`);
}

async function failureSyntax(ctx: CaseContext, provoke: (s: Session) => Promise<Element>): Promise<void> {
  const s = await ctx.openSecured();
  checkFailureSyntax(await provoke(s));
}

async function ownAuthzid(ctx: CaseContext, mechanism: MechanismName): Promise<void> {
  const a = ctx.accounts[0];
  const s = await ctx.openSecured();
  try {
    await s.authenticate({ username: a.username, password: a.password, authzid: a.jid }, mechanism);
  } catch (err) {
    if (err instanceof SaslFailure)
      throw new Violation(`the account's own bare JID as authzid was refused: <${err.condition ?? "?"}/>`);
    throw err;
  }
  const jid = await s.bind();
  ctx.expect(jid.bare().toString(), "bound bare JID").to.equal(a.jid.toLowerCase());
}

function endpointOf(ctx: CaseContext, kind: "direct-tls" | "websocket"): Endpoint {
  const e = kind === "direct-tls" ? ctx.target.directTls : ctx.target.websocket;
  return e ?? ctx.target.endpoint;
}

async function successOver(ctx: CaseContext, kind: "direct-tls" | "websocket"): Promise<void> {
  const a = ctx.accounts[0];
  const s = await ctx.open({ endpoint: endpointOf(ctx, kind) });
  checkMechanismsList(s);
  const before = s.header!.attrs.id;
  await s.authenticate({ username: a.username, password: a.password });
  if (!s.header!.attrs.id || s.header!.attrs.id === before)
    throw new Violation(`the stream id after SASL is '${s.header!.attrs.id ?? ""}' (before: '${before}')`);
  ctx.expect(s.features!.getChild("bind", NS.bind), "<bind/> after SASL").to.not.equal(undefined);
}

async function wrongPasswordOver(ctx: CaseContext, kind: "direct-tls" | "websocket"): Promise<void> {
  const a = ctx.accounts[0];
  const s = await ctx.open({ endpoint: endpointOf(ctx, kind) });
  try {
    await s.authenticate({ username: a.username, password: `${a.password}-wrong` });
  } catch (err) {
    if (err instanceof SaslFailure) return void ctx.expect(err.condition).to.equal("not-authorized");
    throw err;
  }
  throw new Violation(`a wrong password was accepted over ${kind}`);
}

export default section("rfc6120", "6", "SASL Negotiation (more)", [
  {
    id: "rfc6120/6.3.5/no-whitespace-during-sasl",
    title: "from our <auth/> to the end of <success/> the target sends no whitespace between elements",
    requirements: ["RFC6120-6.3.5-1"],
    needs: ["tcp"],
    accounts: 1,
    run: (ctx) => noWhitespaceDuringSasl(ctx),
  },
  {
    id: "rfc6120/6.3.5/no-whitespace-during-sasl-plain",
    title: "with PLAIN too, the target sends no whitespace between elements up to <success/>",
    requirements: ["RFC6120-6.3.5-1"],
    needs: ["tcp", "mechanism:PLAIN"],
    accounts: 1,
    run: (ctx) => noWhitespaceDuringSasl(ctx, "PLAIN"),
  },
  {
    id: "rfc6120/6.4.1/one-mechanism-per-element",
    title: "<mechanisms/> has one <mechanism/> per mechanism, each a valid SASL name, none twice",
    requirements: ["RFC6120-6.4.1-5"],
    async run(ctx) {
      const s = await ctx.openSecured();
      if (!s.features!.getChild("mechanisms", NS.sasl)) ctx.skip("no <mechanisms/> on offer here");
      checkMechanismsList(s);
    },
  },
  {
    id: "rfc6120/6.4.2/zero-length-initial-response",
    title: "an initial response of '=' (present, zero-length) is not taken for bad base64, nor authenticates",
    requirements: ["RFC6120-6.4.2-2"],
    needs: ["mechanism:PLAIN"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const el = await saslAnswer(s, `<auth xmlns='${NS.sasl}' mechanism='PLAIN'>=</auth>`);
      if (el.name === "success") throw new Violation("an empty PLAIN message authenticated the client");
      if (el.name === "failure" && el.getChild("incorrect-encoding"))
        throw new Violation("'=' (a zero-length response) was refused as <incorrect-encoding/>");
    },
  },
  {
    id: "rfc6120/6.4.6/new-stream-id-after-sasl",
    title: "the response header after SASL carries a new stream id, unlike those before TLS and before SASL",
    requirements: ["RFC6120-6.4.6-5", "RFC6120-6.4.1-2"],
    needs: ["tls"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.open();
      const plainId = s.header!.attrs.id;
      await s.starttls();
      const tlsId = s.header!.attrs.id;
      await s.authenticate({ username: a.username, password: a.password });
      const saslId = s.header!.attrs.id;
      if (!saslId) throw new Violation("the response header after SASL has no stream id");
      if (saslId === tlsId || saslId === plainId) throw new Violation(`the stream id '${saslId}' was reused`);
      if (tlsId === plainId) throw new Violation(`the stream id '${tlsId}' was reused after TLS`);
    },
  },
  {
    id: "rfc6120/6.4.6/features-after-sasl-sent",
    title: "after SASL the response header is followed by <stream:features/> (possibly empty)",
    requirements: ["RFC6120-6.4.6-6", "RFC6120-6.4.1-3"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.openSecured();
      await s.authenticate({ username: a.username, password: a.password });
      ctx.expect(s.features, "features after SASL").to.not.equal(undefined);
    },
  },
  {
    id: "rfc6120/6.3.8/own-authzid-plain",
    title: "PLAIN with the account's own bare JID as authzid authenticates as that account",
    requirements: ["RFC6120-6.3.8-4", "RFC6120-6.3.8-6"],
    needs: ["mechanism:PLAIN"],
    accounts: 1,
    run: (ctx) => ownAuthzid(ctx, "PLAIN"),
  },
  {
    id: "rfc6120/6.3.8/own-authzid-scram",
    title: "SCRAM-SHA-1 with the account's own bare JID as authzid authenticates as that account",
    requirements: ["RFC6120-6.3.8-4", "RFC6120-6.3.8-6"],
    needs: ["mechanism:SCRAM-SHA-1"],
    accounts: 1,
    run: (ctx) => ownAuthzid(ctx, "SCRAM-SHA-1"),
  },
  {
    id: "rfc6120/6.4.4/abort-without-handshake",
    title: "<abort/> with no handshake in progress is still answered <failure><aborted/></failure>",
    requirements: ["RFC6120-6.4.4-1"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const el = await saslAnswer(s, `<abort xmlns='${NS.sasl}'/>`);
      if (el.name !== "failure") throw new Violation(`<abort/> was answered with <${el.name}/>`);
      ctx.expect(el.getChildElements().find((c) => c.name !== "text")?.name, "condition").to.equal("aborted");
    },
  },
  {
    id: "rfc6120/6.4.4/abort-then-authenticate",
    title: "after an aborted handshake (<aborted/>), a new one on the same stream succeeds",
    requirements: ["RFC6120-6.4.4-1", "RFC6120-6.4.2-3"],
    needs: ["mechanism:SCRAM-SHA-1"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.openSecured();
      const first = await saslAnswer(
        s,
        xml(
          "auth",
          { xmlns: NS.sasl, mechanism: "SCRAM-SHA-1" },
          b64(`n,,n=${a.username},r=xsabort01`),
        ).toString(),
      );
      if (first.name !== "challenge") throw new Violation(`SCRAM client-first got <${first.name}/>`);
      const aborted = await saslAnswer(s, `<abort xmlns='${NS.sasl}'/>`);
      if (aborted.name !== "failure" || !aborted.getChild("aborted"))
        throw new Violation(`<abort/> was answered with ${aborted.toString().slice(0, 200)}`);
      await s.authenticate({ username: a.username, password: a.password });
    },
  },
  {
    id: "rfc6120/6.5/failure-syntax-wrong-password",
    title: "the <failure/> for a wrong password has one defined SASL condition and at most one <text/>",
    requirements: ["RFC6120-6.5-2", "RFC6120-6.4.5-1"],
    accounts: 1,
    needs: ["mechanism:PLAIN"],
    run: (ctx) =>
      failureSyntax(ctx, (s) => {
        const a = ctx.accounts[0];
        ctx.transcript.secret(a.password);
        const wrong = b64(`\0${a.username}\0${a.password}-wrong`);
        return saslAnswer(s, `<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${wrong}</auth>`);
      }),
  },
  {
    id: "rfc6120/6.5/failure-syntax-invalid-mechanism",
    title: "the <failure/> for an unknown mechanism has one defined SASL condition",
    requirements: ["RFC6120-6.5-2", "RFC6120-6.4.5-1"],
    run: (ctx) =>
      failureSyntax(ctx, (s) =>
        saslAnswer(s, `<auth xmlns='${NS.sasl}' mechanism='X-XMPPSPEC-NONE'>=</auth>`),
      ),
  },
  {
    id: "rfc6120/6.5/failure-syntax-bad-base64",
    title: "the <failure/> for a response that is not base64 has one defined SASL condition",
    requirements: ["RFC6120-6.5-2", "RFC6120-6.4.5-1"],
    needs: ["mechanism:PLAIN"],
    run: (ctx) =>
      failureSyntax(ctx, (s) => saslAnswer(s, `<auth xmlns='${NS.sasl}' mechanism='PLAIN'>!!*!!</auth>`)),
  },
  {
    id: "rfc6120/6.4.6/sasl-over-direct-tls",
    title: "over direct TLS: a well-formed mechanisms list, SASL succeeds, a new stream id, <bind/> offered",
    requirements: ["RFC6120-6.4.1-5", "RFC6120-6.4.6-5", "RFC6120-7.4-1"],
    needs: ["direct-tls"],
    accounts: 1,
    run: (ctx) => successOver(ctx, "direct-tls"),
  },
  {
    id: "rfc6120/6.4.6/sasl-over-websocket",
    title: "over WebSocket: a well-formed mechanisms list, SASL succeeds, a new stream id, <bind/> offered",
    requirements: ["RFC6120-6.4.1-5", "RFC6120-6.4.6-5", "RFC6120-7.4-1"],
    needs: ["websocket"],
    accounts: 1,
    run: (ctx) => successOver(ctx, "websocket"),
  },
  {
    id: "rfc6120/6.4.5/wrong-password-over-direct-tls",
    title: "over direct TLS a wrong password fails with <not-authorized/>",
    requirements: ["RFC6120-6.4.5-1", "RFC7590-3.4-2"],
    needs: ["direct-tls"],
    accounts: 1,
    run: (ctx) => wrongPasswordOver(ctx, "direct-tls"),
  },
  {
    id: "rfc6120/6.4.5/wrong-password-over-websocket",
    title: "over WebSocket a wrong password fails with <not-authorized/>",
    requirements: ["RFC6120-6.4.5-1", "RFC7590-3.4-2"],
    needs: ["websocket"],
    accounts: 1,
    run: (ctx) => wrongPasswordOver(ctx, "websocket"),
  },
  {
    id: "rfc6120/6.4.1/stream-ids-unique",
    title: "two streams at the SASL stage (after TLS where offered) get different stream ids",
    requirements: ["RFC6120-6.4.1-1"],
    async run(ctx) {
      const [s1, s2] = await Promise.all([ctx.openSecured(), ctx.openSecured()]);
      const [id1, id2] = [s1.header!.attrs.id, s2.header!.attrs.id];
      if (!id1 || !id2) throw new Violation("a response header at the SASL stage has no stream id");
      if (id1 === id2) throw new Violation(`two streams share the stream id '${id1}'`);
    },
  },
  {
    id: "rfc6120/6.3.1/sasl-mandatory",
    title:
      "SASL is mandatory-to-negotiate: an IQ before authentication closes the stream with <not-authorized/>",
    requirements: ["RFC6120-6.3.1-1", "RFC6120-15-7"],
    async run(ctx) {
      const s = await ctx.openSecured();
      await s.send(xml("iq", { type: "get", id: "before-sasl" }, xml("query", { xmlns: NS.roster })));
      await expectStreamErrorNext(s, ["not-authorized"]);
    },
  },
]);
