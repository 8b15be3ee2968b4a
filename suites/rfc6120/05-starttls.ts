// RFC 6120 §5: STARTTLS negotiation.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import { NS, xml } from "../../harness/xml/element.ts";

export default section("rfc6120", "5", "STARTTLS Negotiation", [
  {
    id: "rfc6120/5.4.1/starttls-offered",
    title: "the first features of a plain TCP stream advertise <starttls/>",
    requirements: ["RFC6120-5.2-1", "RFC6120-5.4.1-3"],
    async run(ctx) {
      const s = await ctx.open();
      ctx.expect(s.features!.getChild("starttls", NS.tls), "<starttls/> feature").to.not.equal(undefined);
    },
  },
  {
    id: "rfc6120/5.4.2.3/proceed",
    title: "<starttls/> is answered with <proceed/> and TLS follows on the same connection",
    requirements: [
      "RFC6120-5.2-1",
      "RFC6120-5.4.2.1-1",
      "RFC6120-5.4.2.3-1",
      "RFC6120-5.4.3.1-1",
      "RFC6120-15-52",
      "RFC6120-5.4.3.1-8",
      "RFC6120-13.4-1",
    ],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      await s.starttls();
      ctx.expect(s.transport.secure, "TLS is up").to.equal(true);
    },
  },
  {
    id: "rfc6120/5.4.3.3/features-after-tls-fresh",
    title: "after TLS the server sends a new header with a new id and features without <starttls/>",
    requirements: [
      "RFC6120-5.4.3.3-5",
      "RFC6120-5.4.3.3-6",
      "RFC6120-5.3.2-1",
      "RFC6120-15-51",
      "RFC6120-5.4.3.3-1",
    ],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      const before = s.header!.attrs.id;
      await s.starttls();
      ctx.expect(s.header!.attrs.id, "stream id after TLS").to.not.equal(before);
      ctx.expect(s.features!.getChild("starttls", NS.tls), "<starttls/> after TLS").to.equal(undefined);
    },
  },
  {
    id: "rfc6120/5.4.3.3/mechanisms-after-tls",
    title: "after TLS the features offer SASL mechanisms",
    requirements: ["RFC6120-6.4.1-4", "RFC6120-6.4.1-5"],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      await s.starttls();
      ctx.expect(s.offeredMechanisms(), "mechanisms").to.not.be.empty;
    },
  },
  {
    id: "rfc6120/5.4.2.2/starttls-twice",
    title:
      "a second <starttls/> on a secured stream is refused (a failure or a stream error), never a <proceed/>",
    requirements: ["RFC6120-5.4.3.3-6", "RFC6120-5.4.2.1-1"],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      await s.starttls();
      await s.send(xml("starttls", { xmlns: NS.tls }));
      const answer = await s
        .expect((el) => el.getNS() === NS.tls || el.name === "stream:error")
        .catch((err) => {
          if (s.streamError) return s.streamError;
          throw err;
        });
      if (answer.name === "proceed")
        throw new Violation("the server answered a second <starttls/> with <proceed/>");
    },
  },
  {
    id: "rfc6120/5.4.1/required-flag-when-mandatory",
    title: "when the server refuses authentication before TLS, its <starttls/> carries <required/>",
    requirements: ["RFC6120-5.4.1-4", "RFC6120-15-50"],
    needs: ["tls"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.open();
      const flagged = !!s.features!.getChild("starttls", NS.tls)?.getChild("required");
      if (flagged) return;
      // Probe whether TLS is in fact mandatory: authenticate in the clear (RFC 6120 §6.5.4
      // encryption-required says so). A server that lets us in, or fails for another reason, does not require it.
      const a = ctx.accounts[0];
      ctx.transcript.secret(a.password);
      const plain = Buffer.from(`\u0000${a.username}\u0000${a.password}`).toString("base64");
      await s.send(`<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${plain}</auth>`);
      const answer = await s
        .expect((el) => el.getNS() === NS.sasl || el.name === "stream:error")
        .catch(() => s.streamError);
      const refusedForTls =
        (answer?.name === "failure" && !!answer.getChild("encryption-required")) ||
        /TLS|encrypt/i.test(s.streamError?.toString() ?? "");
      if (refusedForTls) {
        throw new Violation(
          "authentication in the clear is refused for want of TLS, but <starttls/> lacks <required/>",
        );
      }
    },
  },
  {
    id: "rfc6120/6.3.4/no-mechanisms-before-required-tls",
    title: "when <starttls/> is flagged <required/>, no SASL mechanism is offered before TLS",
    requirements: ["RFC6120-6.3.4-1", "RFC6120-5.3.1-2"],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      if (!s.features!.getChild("starttls", NS.tls)?.getChild("required")) return;
      const offered = s.offeredMechanisms();
      if (offered.length)
        throw new Violation(`TLS is flagged required, yet ${offered.join(", ")} are offered before it`);
    },
  },
]);
