// RFC 6120 §10.1 across domains: the routing server keeps the order of what one client sent (bare and full
// JID of the recipient counted as one) and routes it over a single stream; the delivering server keeps the
// order in which the routing server's stream brought it.

import { Violation } from "../../../harness/errors.ts";
import {
  arrivalsAt,
  type CaseSpec,
  type Client,
  countStreams,
  type Element,
  s2sIn,
  section,
  uid,
  xml,
} from "../../kit/index.ts";

const N = 10;

function numbered(to: string, id: string, from?: string): Element {
  return xml("message", { to, id, type: "chat", ...(from ? { from } : {}) }, xml("body", {}, id));
}

/** alice sends N messages back to back to someone@domain, alternating bare and full JID; their ids. */
async function sendAlternating(alice: Client, domain: string, prefix: string): Promise<string[]> {
  const ids = Array.from({ length: N }, (_, i) => `${prefix}${i}`);
  const bare = `someone@${domain}`;
  await alice.send(ids.map((id, i) => numbered(i % 2 ? `${bare}/x` : bare, id).toString()).join(""));
  return ids;
}

function prefixOf(): string {
  return `o${uid()}-`;
}

const CASES: CaseSpec[] = [
  {
    id: "rfc6120/10.1/outbound-order-bare-and-full",
    title:
      "messages one client sends to a remote user's bare and full JID, interleaved, are routed in the order sent",
    requirements: ["RFC6120-10.1-3"],
    needs: ["s2s-outbound"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const domain = ctx.federation.domain();
      const prefix = prefixOf();
      const sent = await sendAlternating(alice, domain, prefix);
      ctx
        .expect(await arrivalsAt(ctx, domain, prefix, N, alice), "the order they reached the remote domain")
        .to.deep.equal(sent);
    },
  },
  {
    id: "rfc6120/10.1/outbound-single-stream",
    title: "stanzas for one remote domain sent back to back travel over a single server-to-server stream",
    requirements: ["RFC6120-10.1-4"],
    needs: ["s2s-outbound"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const domain = ctx.federation.domain();
      const streams = countStreams(ctx, domain);
      const prefix = prefixOf();
      await sendAlternating(alice, domain, prefix);
      await arrivalsAt(ctx, domain, prefix, N, alice);
      if (streams.parallel > 0)
        throw new Violation(
          `the target opened ${streams.opened} streams to ${domain}, ${streams.parallel} while another was open, for ${N} stanzas sent back to back`,
        );
    },
  },
  {
    id: "rfc6120/10.4.1/outbound-reuse-stream",
    title: "a later stanza to the same remote domain goes over the stream already open",
    requirements: ["RFC6120-10.4.1-1"],
    needs: ["s2s-outbound"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const domain = ctx.federation.domain();
      const streams = countStreams(ctx, domain);
      const prefix = prefixOf();
      await alice.send(numbered(`someone@${domain}`, `${prefix}0`));
      await arrivalsAt(ctx, domain, `${prefix}0`, 1, alice);
      await alice.send(numbered(`someone@${domain}`, `${prefix}1`));
      await arrivalsAt(ctx, domain, `${prefix}1`, 1, alice);
      ctx.should(
        streams.parallel === 0,
        `the server SHOULD route over the existing stream; it opened a second stream to ${domain} while the first was open`,
      );
    },
  },
  {
    id: "rfc6120/10.1/inbound-order",
    title:
      "messages from a peer server to a local user's bare and full JID, interleaved, are delivered in the order received",
    requirements: ["RFC6120-10.1-5"],
    needs: ["s2s"],
    users: ["alice:available"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      const from = `romeo@${inbound.domain}/r`;
      const prefix = prefixOf();
      const sent = Array.from({ length: N }, (_, i) => `${prefix}${i}`);
      const marker = `${prefix}marker`;
      const last = alice.expect({ name: "message", id: marker });
      const stanzas = sent.map((id, i) => numbered(i % 2 ? alice.full : alice.bare, id, from));
      stanzas.push(numbered(alice.full, marker, from));
      await inbound.s.send(stanzas.map((s) => s.toString()).join(""));
      await last; // after the marker, whatever came before it on our stream has been delivered (§10.1)
      const got = alice.inbox
        .filter((el) => el.name === "message" && el.attrs.id?.startsWith(prefix))
        .map((el) => el.attrs.id);
      ctx.expect(got, "the order alice received them in").to.deep.equal(sent);
    },
  },
];

export default section("rfc6120", "10.1", "In-Order Processing (server-to-server)", CASES);
