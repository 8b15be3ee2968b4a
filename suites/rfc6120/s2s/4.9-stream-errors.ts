// RFC 6120 §4.9 stream errors on inbound server-to-server streams: the s2s code paths of rules the c2s
// cases check too (TLS required before dialback, restricted XML) and an empty 'to' (I-6120-empty-to).
import { Violation } from "../../../harness/errors.ts";
import { stanzaError } from "../../../harness/match.ts";
import { dialback } from "../../../harness/peer/dialer.ts";
import {
  type CaseSpec,
  clip,
  type Element,
  expectStreamError,
  NS,
  ping,
  s2sIn,
  section,
  uid,
} from "../../kit/index.ts";

const cases: CaseSpec[] = [
  {
    id: "rfc6120/5.3.1/s2s-dialback-before-required-tls",
    title: "a target that requires TLS on s2s streams does not verify a dialback key sent before TLS",
    // §5.3.1: with <required/>, "the parties MUST consider TLS as mandatory-to-negotiate"; §6.4.5 (s2s
    // Implementation Note): where weak verification is insufficient the receiving entity "SHOULD instead
    // close the stream with a <policy-violation/> stream error". XEP-0220 §2.4 lets it answer with a dialback
    // error instead; any refusal passes, a valid verdict fails.
    requirements: ["RFC6120-5.3.1-1", "RFC6120-6.4.5-6"],
    needs: ["s2s"],
    async run(ctx) {
      const s = await ctx.federation.dial();
      if (!s.features?.getChild("starttls", NS.tls)?.getChild("required"))
        ctx.skip("the target does not require TLS on server-to-server streams");
      let answer: Element | undefined;
      try {
        answer = await dialback(s);
      } catch (err) {
        if (!s.closed && !s.streamEnded && !s.streamError) {
          ctx.should(
            false,
            `no answer to a dialback key sent before TLS, and the stream stays open: ${(err as Error).message}`,
          );
        }
        return; // closed, with or without a stream error: the key was not taken
      }
      if (answer.attrs.type === "valid")
        throw new Violation(`the key sent before the required TLS was verified: ${clip(answer)}`);
    },
  },
  {
    id: "rfc6120/8.1.1.2/s2s-empty-to",
    title:
      "a stanza from a peer server with to='' closes the stream (<improper-addressing/>) or gets <jid-malformed/>",
    requirements: ["RFC6120-8.1.1.2-1"],
    needs: ["s2s"],
    async run(ctx) {
      ctx.reading("I-6120-empty-to");
      const inbound = await s2sIn(ctx);
      const id = `empty-to-${uid()}`;
      const iq = ping(undefined, id);
      iq.attrs.to = "";
      iq.attrs.from = `romeo@${inbound.domain}/r`;
      // reading B: the error goes back to romeo by way of the harness's domain (a stream the target opens)
      const replied = ctx.federation.listener.expect(inbound.domain, (el) => el.attrs.id === id);
      replied.catch(() => {});
      await inbound.s.send(iq);
      // the answer: a stream error on our stream, or the iq's reply, over a stream the target opens to the
      // harness's domain or (as some servers do) back over ours
      const mine = (el: Element) => el.attrs.id === id;
      const first = await Promise.race([
        inbound.s.expect(mine).then(
          (el) => el,
          () => "stream" as const,
        ),
        replied.then(
          (el) => el,
          () => new Promise<never>(() => {}),
        ),
      ]);
      if (first === "stream") {
        await expectStreamError(ctx, inbound.s, ["RFC6120-8.1.1.2-1"]);
        return;
      }
      if (first.attrs.type !== "error")
        throw new Violation(`an iq with to='' was answered as one to the server itself: ${clip(first)}`);
      const condition = stanzaError(first)?.condition;
      ctx.should(
        condition === "jid-malformed",
        `an iq with to='' got <${condition ?? "?"}/>, not <jid-malformed/>`,
      );
    },
  },
  {
    id: "rfc6120/11.1/s2s-restricted-xml",
    title: "an XML comment on an authenticated s2s stream closes it with a stream error (<restricted-xml/>)",
    // §11.1: "it MUST close the stream with a stream error, which SHOULD be <restricted-xml/>"
    requirements: ["RFC6120-11.1-3"],
    needs: ["s2s"],
    async run(ctx) {
      const inbound = await s2sIn(ctx);
      await expectStreamError(ctx, inbound.s, ["RFC6120-11.1-3"], "<!-- a comment between stanzas -->");
    },
  },
];

export default section("rfc6120", "4.9", "Stream Errors (server-to-server)", cases);
