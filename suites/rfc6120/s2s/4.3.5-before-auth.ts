// RFC 6120 §4.3.5 on server-to-server streams: no stanza crosses a stream before it is authenticated, in
// either direction: the target refuses ours (<not-authorized/>) and sends none of its own too early.
import { NoAnswer, Violation } from "../../../harness/errors.ts";
import { starttls } from "../../../harness/peer/dialer.ts";
import { NS_DIALBACK_FEATURE } from "../../../harness/peer/index.ts";
import {
  type CaseSpec,
  claimedToTls,
  clip,
  type Element,
  expectStreamError,
  message,
  messageWithId,
  NS,
  s2sOutClaimed,
  section,
  uid,
  xml,
} from "../../kit/index.ts";

const isStanza = (el: Element) => ["message", "presence", "iq"].includes(el.name.replace(/^.*:/, ""));

const cases: CaseSpec[] = [
  {
    id: "rfc6120/4.3.5/s2s-inbound-stanza-before-auth",
    title:
      "a stanza on an inbound s2s stream before authentication closes it with <not-authorized/>, undelivered",
    // §4.3.5: "the receiving entity MUST NOT accept such stanzas and MUST close the stream with a
    // <not-authorized/> stream error"; §4.9.3.12: it "MUST NOT process the offending data" first.
    requirements: ["RFC6120-4.3.5-3", "RFC6120-4.9.3.12-1"],
    needs: ["s2s"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const domain = ctx.federation.domain();
      const s = await ctx.setUp(
        "open a server-to-server stream (STARTTLS if offered, no authentication)",
        async () => {
          const dialed = await ctx.federation.dial({ from: domain });
          if (dialed.features?.getChild("starttls", NS.tls)) await starttls(dialed);
          return dialed;
        },
      );
      const id = `early-${uid()}`;
      const early = message(alice.full, "before authentication", {
        id,
        from: `romeo@${domain}/r`,
        type: "chat",
      });
      // a delivery fails at once rather than after the stream error's wait
      const delivered = alice.expect(messageWithId(id)).then(
        (m) =>
          Promise.reject(
            new Violation(`${alice.bare} received the stanza sent before authentication: ${clip(m)}`),
          ),
        () => new Promise<never>(() => {}),
      );
      await Promise.race([expectStreamError(ctx, s, ["RFC6120-4.3.5-3"], early.toString()), delivered]);
      await alice.expectNothing((el) => el.attrs.id === id, "the stanza sent before authentication");
    },
  },
  {
    id: "rfc6120/4.3.5/s2s-outbound-no-stanza-before-auth",
    title: "the target sends no stanza on its outbound s2s stream before the stream is authenticated",
    // §4.3.5: the initiating entity "MUST NOT attempt to send XML stanzas ... until stream negotiation has
    // been completed"; §4.7.1: each entity "MUST verify the identity of the other entity before exchanging
    // XML stanzas with it". The harness never answers the target's authentication.
    requirements: ["RFC6120-4.3.5-2", "RFC6120-4.7.1-4"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const { ps } = await s2sOutClaimed(ctx, alice);
      const tooEarly = (el: Element, when: string) => {
        if (isStanza(el)) throw new Violation(`a stanza ${when}: ${clip(el)}`);
      };
      const early = await claimedToTls(ctx, ps, isStanza);
      if (early) tooEarly(early, "before STARTTLS");
      await ps.sendFeatures(
        xml("mechanisms", { xmlns: NS.sasl }, xml("mechanism", {}, "EXTERNAL")),
        xml("dialback", { xmlns: NS_DIALBACK_FEATURE }),
      );
      const isAuth = (el: Element) => el.name === "auth" || el.name.endsWith("result");
      tooEarly(await ps.expect((el) => isStanza(el) || isAuth(el)), "before authentication began");
      // the authentication is never answered: nothing may follow it for a while
      const more = await ps.expect(isStanza, 1500).catch((err) => {
        if (err instanceof NoAnswer) return undefined;
        throw err;
      });
      if (more) tooEarly(more, "while its authentication was unanswered");
    },
  },
];

export default section(
  "rfc6120",
  "4.3.5",
  "Restarts and Stanzas Before Authentication (server-to-server)",
  cases,
);
