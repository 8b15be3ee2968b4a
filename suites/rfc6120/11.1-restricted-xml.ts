// RFC 6120 §11.1 XML Restrictions: comments, processing instructions, DTD subsets and entity
// references are refused with a stream error (SHOULD be <restricted-xml/>), and the server never
// sends any of them.
import {
  type BadBytesRow,
  badBytesCases,
  type CaseSpec,
  clientHeaderAttrs,
  nextId,
  noServerFindings,
  rawHeader,
  rawMessage,
  section,
  streamBytesCases,
  xml,
} from "../kit/index.ts";

/** §11.1: MUST close with a stream error, which SHOULD be <restricted-xml/> (fixtures/rfc/condition-grades.tsv). */
const RESTRICTED = ["RFC6120-11.1-3"];
/** An undeclared entity (or a DTD where none may be) is also not well-formed (XML 1.0, Entity Declared). */
const RESTRICTED_OR_NWF = ["RFC6120-11.1-3", "RFC6120-11.3-2"];

const rows: BadBytesRow[] = [
  {
    id: "rfc6120/11.1/entity-reference-in-text",
    title: "an undefined entity reference (&foo;) in a stanza closes the stream; nothing is delivered",
    requirements: ["RFC6120-11.1-3", "RFC6120-15-61", "RFC6120-4.9.1.1-1"],
    bytes: (to, id) => rawMessage(to, id, "<body>a &foo; b</body>"),
    gradedBy: RESTRICTED_OR_NWF,
  },
  {
    id: "rfc6120/11.1/entity-reference-in-attribute",
    title: "an entity reference in an attribute value closes the stream; nothing is delivered",
    requirements: ["RFC6120-11.1-3"],
    bytes: (to, id) => rawMessage(to, id, "<body>x</body>", " xml:lang='&lang;'"),
    gradedBy: RESTRICTED_OR_NWF,
  },
  {
    id: "rfc6120/11.1/pi-inside-stanza",
    title: "a processing instruction inside a stanza closes the stream; nothing is delivered",
    requirements: ["RFC6120-11.1-3"],
    bytes: (to, id) => rawMessage(to, id, "<?xmppspec probe?><body>x</body>"),
    gradedBy: RESTRICTED,
  },
  {
    id: "rfc6120/11.1/comment-inside-stanza",
    title: "a comment inside a stanza closes the stream; nothing is delivered",
    requirements: ["RFC6120-11.1-3"],
    bytes: (to, id) => rawMessage(to, id, "<body>x<!-- hidden -->y</body>"),
    gradedBy: RESTRICTED,
  },
  {
    id: "rfc6120/11.1/doctype-mid-stream",
    title: "a document type declaration between stanzas closes the stream; nothing after it is delivered",
    requirements: ["RFC6120-11.1-3"],
    bytes: () => `<!DOCTYPE message [<!ENTITY x "boom">]>`,
    gradedBy: RESTRICTED_OR_NWF,
  },
];

const cases: CaseSpec[] = [
  ...badBytesCases(rows),
  ...streamBytesCases([
    {
      id: "rfc6120/11.1/restricted-xml-comment",
      title: "an XML comment between elements, before authentication, gets <restricted-xml/>",
      requirements: ["RFC6120-11.1-3", "RFC6120-15-58"],
      on: "open",
      bytes: () => "<!-- a comment -->",
      gradedBy: RESTRICTED,
    },
    {
      id: "rfc6120/11.1/restricted-xml-pi",
      title: "a processing instruction between elements, before authentication, gets <restricted-xml/>",
      requirements: ["RFC6120-11.1-3", "RFC6120-15-60"],
      on: "open",
      bytes: () => "<?xmppspec probe?>",
      gradedBy: RESTRICTED,
    },
    {
      id: "rfc6120/11.1/restricted-xml-dtd",
      title: "a DTD (with an internal entity) at stream start gets <restricted-xml/>",
      requirements: ["RFC6120-11.1-3", "RFC6120-15-59"],
      on: "start",
      // the header after the DTD carries its own XML declaration, as this case has always sent it
      bytes: (domain) =>
        `<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY x "boom">]>${rawHeader(clientHeaderAttrs(domain))}`,
      gradedBy: RESTRICTED,
    },
    {
      id: "rfc6120/11.1/external-dtd-at-start",
      title:
        "an external DTD subset (SYSTEM identifier) before the stream header is refused with a stream error",
      requirements: ["RFC6120-11.1-3"],
      on: "start",
      bytes: (domain) =>
        `<?xml version='1.0'?><!DOCTYPE stream:stream SYSTEM 'http://example.invalid/x.dtd'>${rawHeader(clientHeaderAttrs(domain), "")}`,
      gradedBy: RESTRICTED,
    },
  ]),
  // ---- what the server sends (§11.1-2) ----
  {
    id: "rfc6120/11.1/server-output-clean",
    title:
      "over a whole session (features, bind, roster, errors, relayed stanzas) the server sends no restricted or ill-formed XML",
    requirements: ["RFC6120-11.1-2", "RFC6120-11.3-1", "RFC6120-11.3-3", "RFC6120-11.1-1", "RFC6120-11.6-4"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      // server-generated errors: an unknown payload and an unknown recipient
      await alice.iq(xml("iq", { type: "get", to: ctx.domain }, xml("query", { xmlns: "urn:example:none" })));
      const nobody = `nobody-${nextId("u")}@${ctx.domain}/r`;
      await alice.send(xml("message", { to: nobody, type: "chat" }, xml("body", {}, "<?x?>")));
      const id = nextId("m");
      const got = bob.expect({ name: "message", id });
      await alice.send(
        xml("message", { to: bob.full, type: "chat", id }, xml("body", {}, "<!--c--> <?p?> <q:r/>")),
      );
      await got;
      await Promise.all([alice.barrier(), bob.barrier()]);
      noServerFindings([alice, bob]);
    },
  },
];

export default section("rfc6120", "11.1", "XML Restrictions", cases);
