// RFC 6120 §6: SASL negotiation — success per mechanism and every failure a client can provoke.
import { SaslFailure, Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { MechanismName } from "../../harness/sasl/index.ts";
import type { Session } from "../../harness/session.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { b64 } from "../helpers.ts";

/** Send raw SASL XML on a secured stream and return the <failure/> condition. */
async function saslFailure(s: Session, data: string): Promise<string | undefined> {
  await s.send(data);
  const el = await s.expect((e) => e.getNS() === NS.sasl && e.name !== "mechanisms");
  if (el.name !== "failure") throw new Violation(`expected <failure/>, got <${el.name}/>`);
  return el.getChildElements().find((c) => c.name !== "text")?.name;
}

async function authOk(ctx: CaseContext, mechanism: MechanismName): Promise<void> {
  const s = await ctx.openSecured();
  if (!s.offeredMechanisms().includes(mechanism)) ctx.skip(`the target does not offer ${mechanism}`);
  const a = ctx.accounts[0];
  await s.authenticate({ username: a.username, password: a.password }, mechanism);
  ctx.expect(s.features!.getChild("bind", NS.bind), "<bind/> after SASL").to.not.equal(undefined);
}

async function wrongPassword(ctx: CaseContext, mechanism: MechanismName): Promise<void> {
  const s = await ctx.openSecured();
  if (!s.offeredMechanisms().includes(mechanism)) ctx.skip(`the target does not offer ${mechanism}`);
  const a = ctx.accounts[0];
  try {
    await s.authenticate({ username: a.username, password: `${a.password}-wrong` }, mechanism);
  } catch (err) {
    if (err instanceof SaslFailure) {
      ctx.expect(err.condition, "SASL failure condition").to.equal("not-authorized");
      return;
    }
    throw err;
  }
  throw new Violation(`the server accepted a wrong password with ${mechanism}`);
}

export default section("rfc6120", "6", "SASL Negotiation", [
  ...(["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"] as MechanismName[]).flatMap((m) => [
    {
      id: `rfc6120/6.4.6/success-${m.toLowerCase()}`,
      title: `${m} with the right password succeeds, and the restarted stream offers <bind/>`,
      requirements: ["RFC6120-6.4.6-5", "RFC6120-6.4.6-6", "RFC6120-7.4-1"],
      needs: [`mechanism:${m}` as const],
      accounts: 1,
      run: (ctx: CaseContext) => authOk(ctx, m),
    },
    {
      id: `rfc6120/6.5.10/wrong-password-${m.toLowerCase()}`,
      title: `${m} with a wrong password fails with <not-authorized/>`,
      requirements: ["RFC6120-6.4.5-1"],
      needs: [`mechanism:${m}` as const],
      accounts: 1,
      run: (ctx: CaseContext) => wrongPassword(ctx, m),
    },
  ]),
  {
    id: "rfc6120/6.5.10/unknown-user",
    title: "an unknown user fails with <not-authorized/>",
    requirements: ["RFC6120-6.4.5-1"],
    async run(ctx) {
      const s = await ctx.openSecured();
      try {
        await s.authenticate({ username: `nobody-${Date.now()}`, password: "nothing" });
      } catch (err) {
        if (err instanceof SaslFailure) return void ctx.expect(err.condition).to.equal("not-authorized");
        throw err;
      }
      throw new Violation("the server authenticated a user that does not exist");
    },
  },
  {
    id: "rfc6120/6.5.1/abort",
    title: "<abort/> during a handshake is answered with <failure><aborted/></failure>",
    requirements: ["RFC6120-6.4.4-1", "RFC6120-6.4.3-1"],
    needs: ["mechanism:SCRAM-SHA-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.openSecured();
      const user = ctx.accounts[0].username;
      await s.send(
        xml("auth", { xmlns: NS.sasl, mechanism: "SCRAM-SHA-1" }, b64(`n,,n=${user},r=abcdefghijklmnop`)),
      );
      const challenge = await s.expect((e) => e.getNS() === NS.sasl);
      if (challenge.name !== "challenge")
        throw new Violation(`SCRAM client-first for a real account got <${challenge.name}/>`);
      ctx
        .expect(await saslFailure(s, `<abort xmlns='${NS.sasl}'/>`), "failure condition")
        .to.equal("aborted");
    },
  },
  {
    id: "rfc6120/6.5.7/invalid-mechanism",
    title: "a mechanism the server does not offer fails with <invalid-mechanism/>",
    requirements: ["RFC6120-6.4.5-1", "RFC6120-15-6"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const cond = await saslFailure(s, `<auth xmlns='${NS.sasl}' mechanism='X-XMPPSPEC-NONE'>=</auth>`);
      ctx.expect(cond, "failure condition").to.equal("invalid-mechanism");
    },
  },
  {
    id: "rfc6120/6.5.5/incorrect-encoding",
    title:
      "an initial response that is not base64 fails with <incorrect-encoding/> (or <malformed-request/>)",
    requirements: ["RFC6120-6.3.5-2", "RFC6120-6.4.5-1"],
    needs: ["mechanism:PLAIN"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const cond = await saslFailure(s, `<auth xmlns='${NS.sasl}' mechanism='PLAIN'>!!not*base64!!</auth>`);
      ctx.expect(cond, "failure condition").to.be.oneOf(["incorrect-encoding", "malformed-request"]);
    },
  },
  {
    id: "rfc6120/6.5.8/malformed-plain",
    title: "a PLAIN message without its NUL separators fails (<malformed-request/> or <not-authorized/>)",
    requirements: ["RFC6120-6.4.5-1"],
    needs: ["mechanism:PLAIN"],
    async run(ctx) {
      const s = await ctx.openSecured();
      const cond = await saslFailure(
        s,
        `<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${b64("no-separators-here")}</auth>`,
      );
      ctx.expect(cond, "failure condition").to.be.oneOf(["malformed-request", "not-authorized"]);
    },
  },
  {
    id: "rfc6120/6.5.6/invalid-authzid",
    title: "an authzid naming another account fails with <invalid-authzid/> (or <not-authorized/>)",
    requirements: ["RFC6120-6.3.8-6", "RFC6120-6.4.5-1"],
    accounts: 2,
    async run(ctx) {
      const s = await ctx.openSecured();
      const [a, b] = ctx.accounts;
      try {
        await s.authenticate({ username: a.username, password: a.password, authzid: b.jid });
      } catch (err) {
        if (err instanceof SaslFailure) {
          ctx.expect(err.condition, "failure condition").to.be.oneOf(["invalid-authzid", "not-authorized"]);
          return;
        }
        throw err;
      }
      // accepted: say as whom, since acting as another account is worse than ignoring the authzid
      const jid = await s.bind().then(
        (j) => j.bare().toString(),
        (e: Error) => `(binding failed: ${e.message})`,
      );
      throw new Violation(`authenticated as ${a.jid} with authzid ${b.jid}: accepted, bound as ${jid}`);
    },
  },
  {
    id: "rfc6120/6.4.5/retry-after-failure",
    title: "after one failed attempt the client may retry and succeed on the same stream",
    requirements: ["RFC6120-6.4.5-2"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.openSecured();
      const a = ctx.accounts[0];
      await s.authenticate({ username: a.username, password: "wrong-password" }).then(
        () => {
          throw new Violation("a wrong password was accepted");
        },
        (err) => {
          if (!(err instanceof SaslFailure)) throw err;
        },
      );
      await s.authenticate({ username: a.username, password: a.password });
    },
  },
  {
    id: "rfc6120/6.4.6/features-after-sasl-fresh",
    title: "after SASL the features are fresh: <bind/>, no mechanisms, no <starttls/>",
    requirements: [
      "RFC6120-6.4.6-6",
      "RFC6120-6.3.2-1",
      "RFC6120-7.4-1",
      "RFC6120-15-8",
      "RFC6120-15-9",
      "RFC6120-6.2-1",
      "RFC6120-6.3.10-1",
      "RFC6120-13.5-1",
    ],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.openSecured();
      const a = ctx.accounts[0];
      await s.authenticate({ username: a.username, password: a.password });
      ctx.expect(s.features!.getChild("mechanisms", NS.sasl), "<mechanisms/> after SASL").to.equal(undefined);
      ctx.expect(s.features!.getChild("starttls", NS.tls), "<starttls/> after SASL").to.equal(undefined);
      ctx.expect(s.features!.getChild("bind", NS.bind), "<bind/> after SASL").to.not.equal(undefined);
    },
  },
  {
    id: "rfc6120/7.4/no-bind-before-auth",
    title: "the <bind/> feature is not offered before authentication",
    requirements: ["RFC6120-7.4-2"],
    async run(ctx) {
      const s = await ctx.openSecured();
      ctx.expect(s.features!.getChild("bind", NS.bind), "<bind/> before SASL").to.equal(undefined);
    },
  },
]);
