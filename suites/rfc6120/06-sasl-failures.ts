// RFC 6120 §6.4: SASL failures the server must not paper over — wrong secrets, bad base64, restarts, retry limits.
import { SaslFailure, StreamClosed, Violation } from "../../harness/errors.ts";
import { streamErrorCondition } from "../../harness/match.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { b64 } from "../helpers.ts";

/** Beyond this many failed attempts without a close, the server has no retry limit (§6.4.5 says 2..5 retries). */
const MAX_ATTEMPTS = 20;

/** Send a PLAIN <auth/> with the given character data; the next SASL element must be <failure/>. */
async function plainMustFail(ctx: CaseContext, s: Session, data: string): Promise<void> {
  await s.send(`<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${data}</auth>`);
  const el = await s.expect((e) => e.getNS() === NS.sasl);
  if (el.name === "success") throw new Violation(`badly encoded base64 '${data}' authenticated the client`);
  if (el.name !== "failure") throw new Violation(`expected <failure/>, got <${el.name}/>`);
  const cond = el.getChildElements().find((c) => c.name !== "text")?.name;
  // §6.5.5: <incorrect-encoding/>; <malformed-request/> is a fair reading for a mangled PLAIN message.
  ctx.expect(cond, "failure condition").to.be.oneOf(["incorrect-encoding", "malformed-request"]);
}

export default section("rfc6120", "6", "SASL Negotiation", [
  {
    id: "rfc6120/6.4.5/other-accounts-password",
    title: "the password of another account does not authenticate (<not-authorized/>)",
    requirements: ["RFC7590-3.4-2", "RFC6120-6.4.5-1"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const s = await ctx.openSecured();
      try {
        await s.authenticate({ username: a.username, password: b.password });
      } catch (err) {
        if (err instanceof SaslFailure) return void ctx.expect(err.condition).to.equal("not-authorized");
        throw err;
      }
      throw new Violation(`authenticated as ${a.username} with the password of ${b.username}`);
    },
  },
  {
    id: "rfc6120/6.3.5/base64-inner-whitespace",
    title: "right PLAIN credentials whose base64 carries a line break fail with <incorrect-encoding/>",
    requirements: ["RFC6120-6.3.5-2", "RFC6120-6.4.5-1"],
    needs: ["mechanism:PLAIN"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.openSecured();
      const good = b64(`\0${a.username}\0${a.password}`);
      // §6.3.5: base64 per RFC 4648 §4, which has no line breaks (§3.1 there).
      const cut = Math.floor(good.length / 2);
      await plainMustFail(ctx, s, `${good.slice(0, cut)}\n${good.slice(cut)}`);
    },
  },
  {
    id: "rfc6120/6.3.5/base64-bad-padding",
    title: "right PLAIN credentials with missing or stray '=' padding fail with <incorrect-encoding/>",
    requirements: ["RFC6120-6.3.5-2", "RFC6120-6.4.5-1"],
    needs: ["mechanism:PLAIN"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.openSecured();
      const good = b64(`\0${a.username}\0${a.password}`);
      // RFC 4648 §4 requires the padding, and allows none where the length is already a multiple of 3.
      const bad = good.endsWith("=") ? good.replace(/=+$/, "") : `${good}==`;
      await plainMustFail(ctx, s, bad);
    },
  },
  {
    id: "rfc6120/6.4.2/new-auth-restarts-handshake",
    title: "a new <auth/> during an unfinished handshake discards it and is processed afresh",
    requirements: ["RFC6120-6.4.2-3"],
    needs: ["mechanism:SCRAM-SHA-1"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.openSecured();
      await s.send(
        xml(
          "auth",
          { xmlns: NS.sasl, mechanism: "SCRAM-SHA-1" },
          b64(`n,,n=${a.username},r=xmppspecnonce0001`),
        ),
      );
      const challenge = await s.expect((e) => e.getNS() === NS.sasl);
      if (challenge.name !== "challenge")
        throw new Violation(`SCRAM client-first for a real account got <${challenge.name}/>`);
      // Abandon that handshake: a complete new one must succeed.
      try {
        await s.authenticate({ username: a.username, password: a.password });
      } catch (err) {
        if (err instanceof SaslFailure)
          throw new Violation(`the new <auth/> was refused with <${err.condition ?? "?"}/>`);
        throw err;
      }
    },
  },
  {
    id: "rfc6120/6.4.5/retry-limit-closes-stream",
    title: "failing SASL over and over ends in a stream error (<policy-violation/>) within a few retries",
    requirements: ["RFC6120-6.4.5-5", "RFC6120-6.4.5-2"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.openSecured();
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        try {
          await s.authenticate({ username: a.username, password: `${a.password}-wrong-${attempt}` });
          throw new Violation(`attempt ${attempt} with a wrong password succeeded`);
        } catch (err) {
          if (err instanceof SaslFailure) continue;
          if (!(err instanceof StreamClosed)) throw err;
        }
        // Closed: §6.4.5 wants a stream error, which SHOULD be <policy-violation/> (<not-authorized/> is known).
        if (!s.streamError) throw new Violation(`closed after ${attempt} attempts without a stream error`);
        const cond = streamErrorCondition(s.streamError);
        if (cond !== "policy-violation" && cond !== "not-authorized")
          throw new Violation(`the retry limit was enforced with <${cond ?? "none"}/>`, true);
        if (attempt > 6)
          throw new Violation(
            `the stream was closed only after ${attempt} attempts (at most 5 retries)`,
            true,
          );
        return;
      }
      // The MUST binds a server that has a limit; having none breaks only the SHOULD of "no more than 5".
      throw new Violation(
        `${MAX_ATTEMPTS} failed SASL attempts and the stream is still open: no retry limit`,
        true,
      );
    },
  },
]);
