// RFC 6120 §8.1.1.2 and §8.1.2.2 over server-to-server streams: a stanza from a peer server carries 'to' and
// 'from', its 'to' is at a domain the receiving server serves, its 'from' at a domain the peer has proved
// (SASL or dialback); anything else closes the stream with the condition the sentence names.
import {
  type CaseSpec,
  type Element,
  expectStreamError,
  type Inbound,
  s2sIn,
  section,
  xml,
} from "../../kit/index.ts";

type Kind = "message" | "presence" | "iq";
const KINDS: Kind[] = ["message", "presence", "iq"];

/** A stanza of `kind` with the given addresses (an attribute left out when undefined). */
function stanza(kind: Kind, attrs: { from?: string; to?: string }): Element {
  const a = Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  if (kind === "message") return xml("message", { ...a, type: "chat", id: "s2s-m" }, xml("body", {}, "hi"));
  if (kind === "presence") return xml("presence", { ...a, id: "s2s-p" });
  return xml("iq", { ...a, type: "get", id: "s2s-q" }, xml("query", { xmlns: "jabber:iq:version" }));
}

interface Rule {
  slug: string;
  title: string;
  requirements: string[];
  /** The addresses of the faulty stanza, from the inbound stream and the local user's bare JID. */
  addresses(i: Inbound, local: string): { from?: string; to?: string };
}

const RULES: Rule[] = [
  {
    slug: "no-to",
    title: "a stanza from a peer server without 'to' closes the stream with <improper-addressing/>",
    requirements: ["RFC6120-8.1.1.2-1", "RFC6120-15-20"],
    addresses: (i) => ({ from: `romeo@${i.domain}/r` }),
  },
  {
    slug: "foreign-to",
    title:
      "a stanza from a peer server to a domain the target does not serve closes the stream with <host-unknown/> or <host-gone/>",
    requirements: ["RFC6120-8.1.1.2-2", "RFC6120-10.4-2"],
    addresses: (i) => ({ from: `romeo@${i.domain}/r`, to: `juliet@elsewhere-${i.domain}` }),
  },
  {
    slug: "no-from",
    title: "a stanza from a peer server without 'from' closes the stream with <improper-addressing/>",
    requirements: ["RFC6120-8.1.2.2-1"],
    addresses: (_i, local) => ({ to: local }),
  },
  {
    slug: "spoofed-from",
    title:
      "a stanza from a peer server whose 'from' is at a domain the peer never proved closes the stream with <invalid-from/>",
    requirements: ["RFC6120-8.1.2.2-2", "RFC6120-15-17"],
    addresses: (i, local) => ({ from: `juliet@evil-${i.domain}`, to: local }),
  },
  {
    slug: "local-from",
    title:
      "a stanza from a peer server whose 'from' names the target's own domain closes the stream with <invalid-from/>",
    requirements: ["RFC6120-8.1.2.2-2", "RFC6120-15-17"],
    addresses: (_i, local) => ({ from: `admin@${local.split("@")[1] ?? ""}`, to: local }),
  },
  {
    slug: "subdomain-from",
    // "the FQDN of the sending server (or any validated domain thereof)": a subdomain never validated is not one
    title:
      "a stanza from a peer server whose 'from' is at an unvalidated subdomain of its own closes the stream with <invalid-from/>",
    requirements: ["RFC6120-8.1.2.2-2", "RFC6120-15-17"],
    addresses: (i, local) => ({ from: `juliet@chat.${i.domain}`, to: local }),
  },
];

function ruleCase(rule: Rule, kind: Kind): CaseSpec {
  const subsection = rule.slug.endsWith("to") ? "8.1.1.2" : "8.1.2.2";
  return {
    id: `rfc6120/${subsection}/s2s-${rule.slug}-${kind}`,
    title: `${rule.title} (${kind})`,
    requirements: rule.requirements,
    needs: ["s2s"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      const sent = stanza(kind, rule.addresses(inbound, alice.bare));
      await expectStreamError(ctx, inbound.s, [rule.requirements[0]], sent.toString());
      // and the stanza went nowhere: the local user never sees it
      await alice.expectNothing((el) => el.attrs.id === sent.attrs.id, `the refused ${kind}`);
    },
  };
}

export default section(
  "rfc6120",
  "8.1",
  "Common Attributes (server-to-server)",
  RULES.flatMap((r) => KINDS.map((k) => ruleCase(r, k))),
  { generated: true },
);
