// RFC 6120 §6.4 (but §6.4.5, in its own file): the SASL process — the mechanisms offered, the initial
// response, <abort/>, and success per mechanism and per transport with the restarted stream.

import { SaslFailure, Violation } from "../../harness/errors.ts";
import type { Account } from "../../harness/runner/accounts.ts";
import {
  afterSasl,
  authenticateAs,
  type CaseContext,
  failureCondition,
  type LoginRow,
  loginCases,
  loginRows,
  NS,
  type Opened,
  saslAnswer,
  scramStarted,
  section,
} from "../kit/index.ts";

/** RFC 4422 §3.1: a mechanism name is 1 to 20 characters of upper-case letters, digits, '-' and '_'. */
const MECHANISM_NAME = /^[A-Z0-9_-]{1,20}$/;

/** §6.4.1: a <mechanisms/> element with one well-formed <mechanism/> per mechanism. */
function checkMechanismsList(s: Opened): void {
  const mechs = s.features.getChild("mechanisms", NS.sasl);
  if (!mechs) throw new Violation("no <mechanisms/> feature");
  const names = mechs.getChildren("mechanism").map((m) => m.getText().trim());
  if (!names.length) throw new Violation("<mechanisms/> lists no <mechanism/>");
  const bad = names.find((n) => !MECHANISM_NAME.test(n));
  if (bad !== undefined) throw new Violation(`'${bad}' is not one SASL mechanism name`);
  if (new Set(names).size !== names.length)
    throw new Violation(`a mechanism is listed twice: ${names.join(", ")}`);
}

/**
 * §6.4.6 per mechanism and per transport: a well-formed mechanisms list, SASL succeeds, the restarted
 * stream has a new id and offers <bind/>. No mechanism: the one the harness prefers among those offered.
 */
const SUCCESS = {
  title: ({ mechanism, via }: LoginRow) =>
    mechanism
      ? `${mechanism} with the right password succeeds, and the restarted stream offers <bind/>`
      : `over ${via.label}: a well-formed mechanisms list, SASL succeeds, a new stream id, <bind/> offered`,
  requirements: ["RFC6120-6.4.1-5", "RFC6120-6.4.6-5", "RFC6120-6.4.6-6", "RFC6120-7.4-1"],
  async scenario(ctx: CaseContext, s: Opened, a: Account, { mechanism }: LoginRow) {
    checkMechanismsList(s);
    const before = s.header.attrs.id;
    await s.authenticate({ username: a.username, password: a.password }, mechanism);
    if (!s.header.attrs.id || s.header.attrs.id === before)
      throw new Violation(`the stream id after SASL is '${s.header.attrs.id ?? ""}' (before: '${before}')`);
    ctx.expect(s.features.getChild("bind", NS.bind), "<bind/> after SASL").to.not.equal(undefined);
  },
};

export default section("rfc6120", "6.4", "SASL Process", [
  {
    id: "rfc6120/6.4.1/stream-ids-unique",
    title: "two streams at the SASL stage (after TLS where offered) get different stream ids",
    requirements: ["RFC6120-6.4.1-1"],
    async run(ctx) {
      const [s1, s2] = await Promise.all([ctx.openSecured(), ctx.openSecured()]);
      const [id1, id2] = [s1.header.attrs.id, s2.header.attrs.id];
      if (!id1 || !id2) throw new Violation("a response header at the SASL stage has no stream id");
      if (id1 === id2) throw new Violation(`two streams share the stream id '${id1}'`);
    },
  },
  {
    id: "rfc6120/6.4.1/one-mechanism-per-element",
    title: "<mechanisms/> has one <mechanism/> per mechanism, each a valid SASL name, none twice",
    requirements: ["RFC6120-6.4.1-5"],
    async run(ctx) {
      const s = await ctx.openSecured();
      if (!s.features.getChild("mechanisms", NS.sasl)) ctx.skip("no <mechanisms/> on offer here");
      checkMechanismsList(s);
    },
  },
  {
    id: "rfc6120/6.4.2/zero-length-initial-response",
    title:
      "an initial response of '=' (present, zero-length) does not authenticate, nor is taken for bad base64",
    // §6.4.2's MUST binds the initiating entity; what binds the server is to report the failure (§6.4.5)
    requirements: ["RFC6120-6.4.5-1", "RFC6120-6.4.2-2"],
    needs: ["mechanism:PLAIN"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const el = await saslAnswer(s, `<auth xmlns='${NS.sasl}' mechanism='PLAIN'>=</auth>`);
      if (el.name === "success") throw new Violation("an empty PLAIN message authenticated the client");
      // "=" "indicates that the response is present but contains no data": no sentence binds the receiving
      // entity to that reading, so taking it for bad base64 is an interoperability miss, not a MUST broken
      ctx.should(
        !(el.name === "failure" && el.getChild("incorrect-encoding")),
        "'=' (a zero-length response, RFC 6120 §6.4.2) was refused as <incorrect-encoding/>",
      );
    },
  },
  {
    id: "rfc6120/6.4.2/new-auth-restarts-handshake",
    title: "a new <auth/> during an unfinished handshake discards it and is processed afresh",
    requirements: ["RFC6120-6.4.2-3"],
    needs: ["mechanism:SCRAM-SHA-1"],
    users: ["alice:account"],
    async run(ctx) {
      const s = await scramStarted(ctx, "xmppspecnonce0001");
      // Abandon that handshake: a complete new one must succeed.
      try {
        await authenticateAs(ctx, s);
      } catch (err) {
        if (err instanceof SaslFailure)
          throw new Violation(`the new <auth/> was refused with <${err.condition ?? "?"}/>`);
        throw err;
      }
    },
  },
  {
    id: "rfc6120/6.4.4/abort-without-handshake",
    title: "<abort/> with no handshake in progress is still answered <failure><aborted/></failure>",
    requirements: ["RFC6120-6.4.4-1"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const el = await saslAnswer(s, `<abort xmlns='${NS.sasl}'/>`);
      if (el.name !== "failure") throw new Violation(`<abort/> was answered with <${el.name}/>`);
      ctx.expect(failureCondition(el), "condition").to.equal("aborted");
    },
  },
  {
    id: "rfc6120/6.4.4/abort-then-authenticate",
    title:
      "<abort/> during a handshake is answered <failure><aborted/></failure>, and a new handshake on the stream succeeds",
    requirements: ["RFC6120-6.4.4-1", "RFC6120-6.4.3-1", "RFC6120-6.4.2-3"],
    needs: ["mechanism:SCRAM-SHA-1"],
    users: ["alice:account"],
    async run(ctx) {
      const s = await scramStarted(ctx, "xsabort01");
      const aborted = await saslAnswer(s, `<abort xmlns='${NS.sasl}'/>`);
      if (aborted.name !== "failure" || !aborted.getChild("aborted"))
        throw new Violation(`<abort/> was answered with ${aborted.toString().slice(0, 200)}`);
      await authenticateAs(ctx, s);
    },
  },
  ...loginCases(
    loginRows(
      (m) => `rfc6120/6.4.6/success-${m}`,
      (t) => `rfc6120/6.4.6/sasl-over-${t}`,
    ),
    SUCCESS,
  ),
  afterSasl({
    id: "rfc6120/6.4.6/features-after-sasl-fresh",
    title: "after SASL the new header is followed by fresh features: <bind/>, no mechanisms, no <starttls/>",
    requirements: [
      "RFC6120-6.4.6-6",
      "RFC6120-6.4.1-3",
      "RFC6120-6.3.2-1",
      "RFC6120-7.4-1",
      "RFC6120-15-8",
      "RFC6120-15-9",
      "RFC6120-6.2-1",
      "RFC6120-6.3.10-1",
      "RFC6120-13.5-1",
    ],
    async run(ctx, s) {
      ctx.expect(s.features.getChild("mechanisms", NS.sasl), "<mechanisms/> after SASL").to.equal(undefined);
      ctx.expect(s.features.getChild("starttls", NS.tls), "<starttls/> after SASL").to.equal(undefined);
      ctx.expect(s.features.getChild("bind", NS.bind), "<bind/> after SASL").to.not.equal(undefined);
    },
  }),
  {
    id: "rfc6120/6.4.6/new-stream-id-after-sasl",
    title: "the response header after SASL carries a new stream id, unlike those before TLS and before SASL",
    requirements: ["RFC6120-6.4.6-5", "RFC6120-6.4.1-2"],
    needs: ["tls"],
    users: ["alice:account"],
    async run(ctx) {
      const s = await ctx.open();
      const plainId = s.header.attrs.id;
      await s.starttls();
      const tlsId = s.header.attrs.id;
      await authenticateAs(ctx, s);
      const saslId = s.header.attrs.id;
      if (!saslId) throw new Violation("the response header after SASL has no stream id");
      if (saslId === tlsId || saslId === plainId) throw new Violation(`the stream id '${saslId}' was reused`);
      if (tlsId === plainId) throw new Violation(`the stream id '${tlsId}' was reused after TLS`);
    },
  },
]);
