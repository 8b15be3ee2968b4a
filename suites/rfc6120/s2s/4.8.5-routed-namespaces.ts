// RFC 6120 §4.8.5 when the target routes a client's stanza to a peer server: the namespaces of the client's
// stream header stay with that stream (the routed stanza is in 'jabber:server', the s2s content namespace),
// and the extended content's own declarations go along, so every element still resolves to its namespace.
import { HarnessError, Violation } from "../../../harness/errors.ts";
import { type CaseSpec, clip, notExercised, outcomeOf, section, uid, xml } from "../../kit/index.ts";

const NS_E = "urn:xmppspec:prefixed";
const NS_Z = "urn:xmppspec:default";

const CASES: CaseSpec[] = [
  {
    id: "rfc6120/4.8.5/outbound-namespaces-declared",
    title:
      "a message routed to a peer server is in 'jabber:server', and its extensions (prefixed and default-namespaced) keep their namespaces",
    requirements: ["RFC6120-4.8.5-8", "RFC6120-4.8.5-5"],
    needs: ["s2s-outbound"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const domain = ctx.federation.domain();
      const id = `ns-${uid()}`;
      const outcome = outcomeOf(ctx, alice, domain, id);
      await alice.send(
        xml(
          "message",
          { to: `someone@${domain}`, id, type: "chat" },
          xml("body", {}, "namespaces"),
          xml("e:x", { "xmlns:e": NS_E }, xml("e:y")),
          xml("z", { xmlns: NS_Z }),
        ),
      );
      const o = await outcome;
      if ("bounced" in o) notExercised(domain, o.bounced);
      if ("neither" in o)
        throw new HarnessError(
          `not exercised: the message was neither routed to ${domain} nor bounced in time`,
        );
      const el = o.routed;
      if (el.getNS() !== "jabber:server")
        throw new Violation(
          `the routed message is qualified by '${el.getNS() ?? ""}', not the server-to-server content namespace 'jabber:server' (the client stream's namespace applies to that stream only): ${clip(el)}`,
        );
      const x = el.getChild("x", NS_E);
      if (!x?.getChild("y", NS_E) || !el.getChild("z", NS_Z))
        throw new Violation(`the routed message's extensions lost their namespaces: ${clip(el)}`);
    },
  },
];

export default section("rfc6120", "4.8.5", "Namespace Declarations and Prefixes (server-to-server)", CASES);
