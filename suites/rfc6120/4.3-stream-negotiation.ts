// RFC 6120 §4.3 Stream Negotiation: features after the header, a SASL restart on the same connection,
// no stanzas before negotiation completes. (What the header and features after each restart carry is
// checked where the restart is: 5.4.3.3 after TLS, 6.4.6 after SASL; the JID negotiation ends with, by
// rfc6120/7.6.1/result-carries-full-jid.)

import { Violation } from "../../harness/errors.ts";
import {
  authenticated,
  type CaseSpec,
  clip,
  expectStreamError,
  NS,
  nextId,
  ping,
  responseCases,
  section,
} from "../kit/index.ts";

/** A stanza (to bob's full JID, with this id) sent before authentication, and how its refusal is graded. */
interface BeforeAuthRow {
  id: string;
  title: string;
  /** Send it after TLS (else on the very first stream, before TLS). */
  secured?: boolean;
  stanza: (to: string, id: string) => string;
}

/**
 * §4.3.5: before negotiation completes the server MUST NOT accept a stanza and MUST close the stream
 * with <not-authorized/>. A ping follows the stanza, so an answer to it shows the stanza was let by.
 */
function beforeAuthCases(rows: BeforeAuthRow[]): CaseSpec[] {
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    requirements: ["RFC6120-4.3.5-3", "RFC6120-4.9.3.12-1"],
    users: ["bob:available"],
    async run(ctx, { bob }) {
      const s = row.secured ? await ctx.openSecured() : await ctx.open();
      const id = nextId("early");
      await expectStreamError(
        ctx,
        s,
        ["RFC6120-4.3.5-3"],
        row.stanza(bob.full, id) + ping(undefined, nextId("barrier")).toString(),
      );
      await bob.expectNothing({ id }, "the unauthenticated stanza was delivered");
    },
  }));
}

const cases: CaseSpec[] = [
  ...responseCases([
    {
      id: "rfc6120/4.3.2/features-after-header",
      title: "after the response header the server sends <stream:features/>",
      requirements: ["RFC6120-4.3.2-1", "RFC6120-15-45"],
      check: (ctx, s) => ctx.expect(s.features.is("features", NS.stream)).to.equal(true),
    },
  ]),
  // ---- §4.3.3 restarts (the new stream id of each restart: 5.4.3.3 after TLS, 6.4.6 after SASL) ----
  {
    id: "rfc6120/4.3.3/sasl-restart-without-close",
    title: "after SASL success the stream is replaced on the same connection, without a closing tag",
    requirements: ["RFC6120-4.3.3-1", "RFC6120-4.3.4-1"],
    users: ["alice:account"],
    async run(ctx) {
      // authenticate() waits for <success/>, sends the new header and reads the new header and features;
      // a closing tag or a dropped connection in between ends it with a StreamClosed violation.
      const s = await authenticated(ctx);
      if (s.streamEnded || s.closed)
        throw new Violation("the server closed the stream around the SASL restart");
      // the new stream is usable: bind first, as RFC 6120 7.1 wants before any stanza
      await s.bind();
      await s.barrier();
    },
  },
  // ---- §4.3.5 completion ----
  {
    id: "rfc6120/4.3.5/no-features-after-negotiation",
    title:
      "once binding completes negotiation, the server sends no further <stream:features/> (an empty one allowed)",
    requirements: ["RFC6120-4.3.5-1"],
    users: ["alice"],
    async run(_ctx, { alice }) {
      // the ping's answer proves everything sent after the bind result is in the inbox (§10.1: in order)
      const seen = await alice.barrier();
      const extra = seen.find((el) => el.is("features", NS.stream) && el.getChildElements().length > 0);
      if (extra) throw new Violation(`stream features after negotiation completed: ${clip(extra)}`);
    },
  },
  ...beforeAuthCases([
    {
      id: "rfc6120/4.3.5/message-before-tls",
      title:
        "a message to another user on the very first stream (before TLS and SASL) gets <not-authorized/>",
      stanza: (to, id) => `<message to='${to}' id='${id}' type='chat'><body>too early</body></message>`,
    },
    {
      id: "rfc6120/4.3.5/presence-before-auth",
      title: "presence before authentication gets <not-authorized/> and is not delivered",
      stanza: (to, id) => `<presence to='${to}' id='${id}'/>`,
    },
    {
      id: "rfc6120/4.3.5/iq-to-user-before-auth",
      title:
        "an IQ to another user's full JID before authentication gets <not-authorized/> and is not delivered",
      stanza: (to, id) => `<iq to='${to}' id='${id}' type='get'><ping xmlns='${NS.ping}'/></iq>`,
    },
    {
      id: "rfc6120/4.9.3.12/stanza-before-auth",
      title:
        "a stanza to another entity after TLS but before authentication gets <not-authorized/> and is not delivered",
      secured: true,
      stanza: (to, id) => `<message to='${to}' type='chat' id='${id}'><body>before auth</body></message>`,
    },
  ]),
];

export default section("rfc6120", "4.3", "Stream Negotiation", cases);
