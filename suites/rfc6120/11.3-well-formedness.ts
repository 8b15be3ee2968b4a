// RFC 6120 §11.3 Well-Formedness: data that is not XML-well-formed or not namespace-well-formed is
// refused (the stream closes, nothing in or after it is delivered), and the server never sends any.

import { Violation } from "../../harness/errors.ts";
import {
  assertStanzaError,
  type BadBytesRow,
  badBytesCases,
  type CaseContext,
  type CaseSpec,
  type Client,
  expectStreamError,
  messageWithId,
  nextId,
  rawMessage,
  relayIntact,
  section,
  streamBytesCases,
  xml,
} from "../kit/index.ts";

/** §11.3 rule 2 puts <not-well-formed/> inside the MUST (fixtures/rfc/condition-grades.tsv). */
const NOT_WELL_FORMED = ["RFC6120-11.3-2"];

const msg = (to: string, id: string, body: string) => rawMessage(to, id, `<body>${body}</body>`);

const REFUSES = ["RFC6120-11.3-2", "RFC6120-4.9.1.1-1"];

const rows: BadBytesRow[] = [
  {
    id: "rfc6120/11.3/unclosed-attribute-quote",
    title:
      "an attribute value left open (a '<' inside it) gets <not-well-formed/>; nothing after is delivered",
    requirements: REFUSES,
    bytes: (to, id) => `<message to='${to}' id='${id}' type='chat><body>open quote</body></message>`,
    gradedBy: NOT_WELL_FORMED,
  },
  {
    id: "rfc6120/11.3/duplicate-attribute",
    title: "an element with the same attribute twice gets <not-well-formed/>; nothing after is delivered",
    requirements: REFUSES,
    bytes: (to, id) => `<message to='${to}' id='${id}' type='chat' type='normal'><body>x</body></message>`,
    gradedBy: NOT_WELL_FORMED,
  },
  {
    id: "rfc6120/11.3/control-character",
    title: "a raw control character (U+0001) gets <not-well-formed/>; nothing after is delivered",
    requirements: REFUSES,
    bytes: (to, id) => msg(to, id, "a\u0001b"),
    gradedBy: NOT_WELL_FORMED,
  },
  {
    id: "rfc6120/11.3/char-ref-nul",
    title: "a character reference to U+0000 (&#0;) gets <not-well-formed/>; nothing after is delivered",
    requirements: REFUSES,
    bytes: (to, id) => msg(to, id, "a&#0;b"),
    gradedBy: NOT_WELL_FORMED,
  },
  {
    id: "rfc6120/11.3/unescaped-lt-in-text",
    title: "an unescaped '<' in character data gets <not-well-formed/>; nothing after is delivered",
    requirements: REFUSES,
    bytes: (to, id) => msg(to, id, "1 < 2"),
    gradedBy: NOT_WELL_FORMED,
  },
  {
    id: "rfc6120/11.3/stray-end-tag",
    title: "an end tag for an element never opened gets <not-well-formed/>; nothing after is delivered",
    requirements: REFUSES,
    bytes: () => "</message>",
    gradedBy: NOT_WELL_FORMED,
  },
  {
    id: "rfc6120/11.3/char-ref-fffe",
    title: "a character reference to U+FFFE is not well-formed: stream error, nothing delivered",
    requirements: ["RFC6120-11.3-2"],
    bytes: (to, id) => msg(to, id, "&#xFFFE;"),
    gradedBy: NOT_WELL_FORMED,
  },
  {
    id: "rfc6120/11.3/raw-nul",
    title: "a raw U+0000 in character data is not well-formed: stream error, nothing delivered",
    requirements: ["RFC6120-11.3-2"],
    bytes: (to, id) => msg(to, id, "a\u0000b"),
    gradedBy: NOT_WELL_FORMED,
  },
  {
    id: "rfc6120/11.3/raw-fffe",
    title: "a raw U+FFFE (EF BF BE) in character data is not well-formed: stream error, nothing delivered",
    requirements: ["RFC6120-11.3-2"],
    bytes: (to, id) => msg(to, id, "a\uFFFEb"),
    // EF BF BE is valid UTF-8 (§11.6 does not apply): U+FFFE is only outside XML's Char production
    gradedBy: NOT_WELL_FORMED,
  },
];

const cases: CaseSpec[] = [
  ...badBytesCases(rows),
  ...streamBytesCases([
    {
      id: "rfc6120/11.3/not-well-formed",
      title: "mismatched tags on a stream not yet authenticated get <not-well-formed/> and the stream closes",
      requirements: [
        "RFC6120-11.3-2",
        "RFC6120-4.9.1.1-1",
        "RFC6120-15-42",
        "RFC6120-15-62",
        "RFC6120-4.9-2",
      ],
      on: "open",
      bytes: () => "<message><body>x</bodx></message>",
      gradedBy: NOT_WELL_FORMED,
    },
  ]),
  // ---- namespace well-formedness (§11.3-4) ----
  {
    id: "rfc6120/11.3/undeclared-element-prefix",
    title: "a child element with an undeclared prefix is not delivered (not-acceptable or not-well-formed)",
    requirements: ["RFC6120-11.3-4", "RFC6120-11.3-2", "RFC6120-15-63"],
    needs: ["tcp"],
    users: ["alice", "bob:available"],
    run: (ctx, { alice, bob }) => refusesIllFormedNamespaces(ctx, alice, bob, "<body>x</body><foo:bar/>", ""),
  },
  {
    id: "rfc6120/11.3/undeclared-attribute-prefix",
    title: "an attribute with an undeclared prefix is not delivered (not-acceptable or not-well-formed)",
    requirements: ["RFC6120-11.3-4"],
    needs: ["tcp"],
    users: ["alice", "bob:available"],
    run: (ctx, { alice, bob }) =>
      refusesIllFormedNamespaces(ctx, alice, bob, "<body>x</body>", " foo:flag='1'"),
  },
  // ---- what the server sends (§11.3-1, §11.3-3) ----
  {
    id: "rfc6120/11.3/relay-markup-like-text",
    title: "body text that looks like markup, comments and PIs is relayed escaped, unchanged and well-formed",
    requirements: ["RFC6120-11.3-1", "RFC6120-11.1-2"],
    users: ["alice", "bob:available"],
    run: (_ctx, { alice, bob }) =>
      relayIntact(
        alice,
        bob,
        `<b>bold</b> & "quotes" 'apos' <!-- not a comment --> <?not-a-pi?> &amp;lt; ]]> <![CDATA[x]]>`,
      ),
  },
  {
    id: "rfc6120/11.3/relay-prefix-like-text",
    title: "body text that looks like a prefixed element (<x:y/>) is relayed escaped, namespace-well-formed",
    requirements: ["RFC6120-11.3-3", "RFC6120-11.3-1"],
    users: ["alice", "bob:available"],
    run: (_ctx, { alice, bob }) => relayIntact(alice, bob, "<x:y z:a='1'/> </x:y>"),
  },
  {
    id: "rfc6120/11.3/relay-escaped-attributes",
    title: "attribute values and text with < & ' \" > arrive unchanged and well-formed",
    requirements: ["RFC6120-11.3-1"],
    users: ["alice", "bob:available"],
    async run(_ctx, { alice, bob }) {
      const special = `a<b&c'd"e>f`;
      const id = `${nextId("q")}-${special}`;
      await relayIntact(alice, bob, "x & y < z", { id }, xml("thread", {}, special));
    },
  },
];

/**
 * §11.3-4: data that is not namespace-well-formed is never delivered, and is answered either with a
 * <not-acceptable/> stanza error or by closing the stream with <not-well-formed/> (rule 4's MUST).
 */
async function refusesIllFormedNamespaces(
  ctx: CaseContext,
  alice: Client,
  bob: Client,
  inner: string,
  attrs: string,
): Promise<void> {
  const id = nextId("ns");
  alice.inbox.length = 0;
  await alice.send(rawMessage(bob.full, id, inner, attrs));
  const first = await alice.expect(() => true).catch(() => undefined);
  if (first && !alice.streamError) {
    if (first.name !== "message")
      throw new Violation(`expected <not-acceptable/> or a stream error, got <${first.name}/>`);
    assertStanzaError(first, ["not-acceptable"], id);
  } else {
    await expectStreamError(ctx, alice, ["RFC6120-11.3-4"]);
  }
  await bob.expectNothing(messageWithId(id), "the stanza that is not namespace-well-formed was delivered");
}

export default section("rfc6120", "11.3", "Well-Formedness", cases);
