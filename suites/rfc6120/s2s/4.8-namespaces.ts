// RFC 6120 §4.8 on server-to-server streams: 'jabber:server' is their content namespace, and the stanzas
// on them carry 'to' and 'from' (§4.8.3), whichever direction the stream goes.
import { Violation } from "../../../harness/errors.ts";
import {
  type CaseSpec,
  clip,
  type Element,
  expectStreamError,
  message,
  NS,
  presence,
  s2sOut,
  section,
  uid,
  xml,
} from "../../kit/index.ts";

/** What alice sends to the case's domain: one stanza of each kind, each with an id of its own. */
function oneOfEach(domain: string): Element[] {
  const to = `someone@${domain}`;
  return [
    message(to, "hello", { id: `out-m-${uid()}` }),
    presence({ to, id: `out-p-${uid()}` }),
    xml(
      "iq",
      { to: `${to}/x`, type: "get", id: `out-q-${uid()}` },
      xml("query", { xmlns: "jabber:iq:version" }),
    ),
  ];
}

const cases: CaseSpec[] = [
  {
    id: "rfc6120/4.8/s2s-outbound-content-namespace",
    title: "the target's outbound s2s stream and its stanzas are qualified by 'jabber:server'",
    // §4.8.2: a content namespace, if declared as the default, is the stream's; a server supports
    // 'jabber:server' (§15 xml-namespace-content-server); without a default namespace (§4.8.2 "prefix-free
    // canonicalization") each stanza names it itself.
    requirements: ["RFC6120-15-55"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const out = await s2sOut(ctx, alice);
      const declared = out.ps.headers[0]?.header.attrs.xmlns;
      if (declared !== undefined && declared !== NS.server)
        throw new Violation(`the target's initial s2s header declares the content namespace '${declared}'`);
      const stanza = await ctx.setUp(
        "the message reaches the harness over the target's stream",
        () => out.arrived,
      );
      const ns = stanza.attrs.xmlns ?? declared;
      if (ns !== NS.server)
        throw new Violation(`a routed stanza in '${ns ?? "no namespace"}': ${clip(stanza)}`);
    },
  },
  {
    id: "rfc6120/4.8.3/s2s-outbound-stanzas-addressed",
    title: "stanzas the target routes over s2s carry 'to' and 'from' (the sender's full JID), for each kind",
    // §4.8.3: 'to' and 'from' "are REQUIRED on stanzas sent over XML streams qualified by the 'jabber:server'
    // namespace"; §8.1.2.1: the 'from' the server stamps is the client's full JID.
    requirements: ["RFC6120-8.1.2.1-1", "RFC6120-4.8.3-1"],
    needs: ["s2s-outbound"],
    targetInitiates: true,
    users: ["alice"],
    async run(ctx, { alice }) {
      const out = await s2sOut(ctx, alice, oneOfEach);
      for (const [i, s] of out.sent.entries()) {
        // the first one is what s2sOut waits for (`arrived`); the inbox hands each stanza out once
        const got = await ctx.setUp(`the <${s.name}/> reaches the harness`, () =>
          i === 0
            ? out.arrived
            : ctx.federation.listener.expect(out.domain, (el) => el.attrs.id === s.attrs.id),
        );
        if (got.attrs.to !== s.attrs.to)
          throw new Violation(
            `the routed <${s.name}/> has 'to' '${got.attrs.to ?? "(absent)"}': ${clip(got)}`,
          );
        if (got.attrs.from !== alice.full)
          throw new Violation(
            `the routed <${s.name}/> has 'from' '${got.attrs.from ?? "(absent)"}', not ${alice.full}`,
          );
      }
    },
  },
  {
    id: "rfc6120/4.8.2/s2s-client-namespace-refused",
    title:
      "a 'jabber:client' stream on the s2s port is refused, or answered in 'jabber:client', never as 'jabber:server'",
    // §4.8.2: "the content namespace MUST be the same for the initial stream and the response stream";
    // §4.9.3.10: a content namespace the receiving entity does not support gets <invalid-namespace/>.
    // §4.8.3 lets a server support other content namespaces: one that serves 'jabber:client' here is skipped.
    requirements: ["RFC6120-4.8.2-2", "RFC6120-4.9.1.1-1"],
    needs: ["s2s"],
    async run(ctx) {
      const s = await ctx.federation.dial({ header: { xmlns: NS.client, "xmlns:db": null }, open: false });
      const header = await s.openStream();
      const first = await s.expect(() => true).catch(() => undefined);
      if (s.streamError || !first) {
        await expectStreamError(ctx, s, ["RFC6120-4.9.3.10"]);
        return;
      }
      const ns = header.attrs.xmlns;
      if (ns === NS.client) ctx.skip("the target serves 'jabber:client' on its s2s port (§4.8.3 allows it)");
      throw new Violation(
        `a 'jabber:client' stream answered in '${ns ?? "no namespace"}' with ${clip(first)}`,
      );
    },
  },
];

export default section("rfc6120", "4.8", "XML Namespaces (server-to-server)", cases);
