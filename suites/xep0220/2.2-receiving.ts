// XEP-0220 §2.2, the target as receiving server and as authoritative server: the harness sends a dialback
// key from a domain of the case (the listener, as that domain's authoritative server, vouches for it or
// not), and asks the target about a key the target itself sent.
import { NoAnswer, StreamClosed, Violation } from "../../harness/errors.ts";
import {
  answerStream,
  clip,
  dialback,
  dialbackErrorsAdvertised,
  type Element,
  expectStreamError,
  isDialbackKey,
  isVerifyRequest,
  NS,
  NS_DIALBACK,
  requireDialback,
  s2sMessage,
  s2sOutbound,
  s2sSecured,
  section,
  xml,
} from "../kit/index.ts";

export default section(
  "xep0220",
  "2.2",
  "Server Dialback: receiving and authoritative server",
  [
    {
      id: "xep0220/2.2.1/inbound-valid-key",
      title:
        "a key its authoritative server vouches for is answered <db:result type='valid'/> with 'from' and 'to' swapped, and the domain's stanzas are then accepted",
      requirements: ["XEP0220-2.2.1-4", "XEP0220-2.2.1-5", "XEP0220-2.2.1-1"],
      needs: ["s2s"],
      users: ["alice"],
      async run(ctx, { alice }) {
        const { s, domain } = await s2sSecured(ctx, { certificate: "when-required" });
        requireDialback(ctx, s);
        const answer = await dialback(s);
        const { type, from, to } = answer.attrs;
        if (type !== "valid")
          throw new Violation(`a key its authoritative server vouched for came back type='${type}'`);
        const target = ctx.federation.targetDomain;
        if (from !== target || to !== domain)
          throw new Violation(
            `the result has from='${from ?? ""}' to='${to ?? ""}', not from='${target}' to='${domain}'`,
          );
        const got = alice.expect({ name: "message", id: "db-valid" });
        await s.send(s2sMessage(domain, alice.full, "db-valid"));
        await got;
      },
    },
    {
      id: "xep0220/2.2.1/inbound-invalid-key",
      title:
        "a key its authoritative server calls invalid is not accepted: the first pair's stream is closed (after type='invalid'), or a dialback error comes back, and no stanza is taken",
      requirements: ["XEP0220-2.2.1-7", "XEP0220-2.2.1-6", "RFC6120-4.7.1-4", "RFC6120-4.7.2-5"],
      needs: ["s2s"],
      users: ["alice"],
      async run(ctx, { alice }) {
        const { s, domain } = await s2sSecured(ctx, { certificate: "none" });
        requireDialback(ctx, s);
        let answer: Element | undefined;
        try {
          answer = await dialback(s, { key: "0".repeat(64) });
        } catch (err) {
          if (!(err instanceof StreamClosed)) throw err;
        }
        const type = answer?.attrs.type;
        if (type === "valid")
          throw new Violation("a key its authoritative server called invalid came back type='valid'");
        ctx.should(answer !== undefined, "the stream was closed without a result of type 'invalid' first");
        if (type === "invalid") {
          // "MUST close the XML stream" (no other pair is verified on it)
          await s.expectClose().catch((err: Error) => {
            throw new Violation(
              `after type='invalid' on the stream's first pair the stream stayed open: ${err.message}`,
            );
          });
          return;
        }
        if (answer === undefined) return; // closed: nothing can be sent on it
        // type='error' (XEP-0220 §2.2.1 allows <forbidden/> instead of closing): the stream stays, unauthorized
        await s.send(s2sMessage(domain, alice.full, "db-invalid")).catch(() => {});
        await alice.expectNothing(
          { name: "message", id: "db-invalid" },
          "the message from the unverified domain",
        );
      },
    },
    {
      id: "xep0220/2.2.1/inbound-unverified-sender",
      title:
        "over a stream where dialback verified one domain, a stanza from a domain never verified closes the stream with <invalid-from/> and is not delivered",
      requirements: ["RFC6120-8.1.2.2-2", "XEP0220-2.2.1-6"],
      needs: ["s2s"],
      users: ["alice"],
      async run(ctx, { alice }) {
        const { s } = await s2sSecured(ctx, { certificate: "when-required" });
        requireDialback(ctx, s);
        await ctx.setUp("verify our domain with dialback", async () => {
          const answer = await dialback(s);
          if (answer.attrs.type !== "valid")
            throw new Violation(`our valid key came back type='${answer.attrs.type}'`);
        });
        const sent = s2sMessage(ctx.federation.domain("other"), alice.full, "db-unverified");
        await expectStreamError(ctx, s, ["RFC6120-8.1.2.2-2"], sent.toString());
        await alice.expectNothing(
          { name: "message", id: "db-unverified" },
          "the message from the unverified domain",
        );
      },
    },
    {
      id: "xep0220/2.2.1/inbound-unknown-target",
      title:
        "a key for a domain the target does not host, dialback errors advertised: a type='error' result with a stanza error condition, and the stream goes on",
      requirements: [
        "XEP0220-2.2.1-3",
        "XEP0220-2.5-4",
        "XEP0220-2.4.2-1",
        "XEP0220-2.2.1-2",
        "XEP0220-2.5-1",
      ],
      needs: ["s2s"],
      async run(ctx) {
        const { s, domain } = await s2sSecured(ctx, { certificate: "when-required" });
        requireDialback(ctx, s);
        const advertised = dialbackErrorsAdvertised(s);
        let answer: Element | undefined;
        try {
          answer = await dialback(s, { to: `elsewhere-${domain}` });
        } catch (err) {
          if (err instanceof NoAnswer) {
            // no MUST asks for an answer here; §2.5 asks for the dialback error (SHOULD)
            ctx.should(false, "the key for a domain the target does not host got no answer at all");
          } else {
            if (!(err instanceof StreamClosed)) throw err;
            if (advertised)
              throw new Violation(
                `dialback errors are advertised, yet the stream was closed: ${err.message}`,
              );
            // RFC 3920's stream error: "SHOULD still attempt to send the dialback error instead" (§2.5)
            ctx.should(false, `the stream was closed instead of a dialback error: ${err.message}`);
            return;
          }
        }
        const type = answer?.attrs.type;
        if (type === "valid")
          throw new Violation("a key for a domain the target does not host came back type='valid'");
        if (answer && type === "error") {
          if (!advertised)
            throw new Violation(
              "the target sent a dialback error but does not advertise <dialback><errors/></dialback>",
            );
          const condition = answer
            .getChild("error")
            ?.getChildElements()
            .find((c) => c.getNS() === NS.stanzas);
          if (!condition)
            throw new Violation(
              `the dialback error carries no <error/> with a stanza error condition: ${clip(answer)}`,
            );
        }
        // the stream goes on: our own domain's key is still processed (XEP-0220 §2.2.1)
        const again = await dialback(s);
        if (again.attrs.type !== "valid")
          throw new Violation(
            `after the error, a valid key for our domain came back type='${again.attrs.type}'`,
          );
      },
    },
    {
      id: "xep0220/2.1.2/verify-connection-closed",
      title:
        "a connection the target opened to our domain only to verify our key is closed once the answer came",
      requirements: ["XEP0220-2.1.2-3"],
      needs: ["s2s"],
      async run(ctx) {
        const { s, domain } = await s2sSecured(ctx, { certificate: "none" });
        requireDialback(ctx, s);
        const claimed = ctx.federation.claim(domain);
        const answer = dialback(s);
        answer.catch(() => {});
        const ps = await claimed.catch(() =>
          ctx.skip("the target opened no connection of its own to our domain to verify the key"),
        );
        const first = await ctx.setUp("answer the target's connection to our domain", () =>
          answerStream(ps, "dialback"),
        );
        if (!isVerifyRequest(first))
          ctx.skip(
            `the target's connection to our domain starts with <${first.name}/>: not one for verification only`,
          );
        // the listener's authoritative role answers the question as it arrives
        await ctx.setUp("the target accepts our valid key", async () => {
          const type = (await answer).attrs.type;
          if (type !== "valid") throw new Violation(`our valid key came back type='${type}'`);
        });
        const after = await ps.expect(() => true, 3000).catch((err: Error) => err);
        if (!(after instanceof Error)) return; // the connection goes on carrying traffic: not verification only
        ctx.should(
          after instanceof StreamClosed,
          "the verification connection was still open 3 s after the answer",
        );
      },
    },
    {
      id: "xep0220/2.2.2/authoritative-answers-by-key",
      title:
        "as authoritative server, the target answers <db:verify/> valid for the key it sent and invalid for another, 'from'/'to' swapped and 'id' copied",
      requirements: ["XEP0220-2.2.2-2"],
      needs: ["s2s", "s2s-outbound"],
      users: ["alice"],
      async run(ctx, { alice }) {
        const out = await s2sOutbound(ctx, alice, "dialback");
        ctx.require(
          isDialbackKey(out.next),
          `the target did not send a dialback key (it sent <${out.next.name}/>)`,
        );
        const key = out.next.getText().trim();
        const id = out.ps.streamId ?? "";
        const { s: v } = await s2sSecured(ctx, { from: out.domain, certificate: "when-required" });
        const target = ctx.federation.targetDomain;
        const ask = async (k: string): Promise<string | undefined> => {
          const answer = v.expect(
            (e) => e.getNS() === NS_DIALBACK && e.name.endsWith("verify") && e.attrs.id === id,
          );
          await v.send(xml("db:verify", { from: out.domain, to: target, id }, k));
          const a = await answer;
          if (a.attrs.from !== target || a.attrs.to !== out.domain)
            throw new Violation(
              `the verify answer has from='${a.attrs.from ?? ""}' to='${a.attrs.to ?? ""}', not swapped`,
            );
          return a.attrs.type;
        };
        const right = await ask(key);
        if (right !== "valid")
          throw new Violation(`the key the target itself sent came back type='${right}'`);
        const wrong = await ask(`0${key}`);
        if (wrong === "valid") throw new Violation("a key the target never sent came back type='valid'");
        if (wrong !== "invalid" && wrong !== "error")
          throw new Violation(`a key the target never sent came back type='${wrong}', not 'invalid'`);
      },
    },
  ],
  { generated: true },
);
