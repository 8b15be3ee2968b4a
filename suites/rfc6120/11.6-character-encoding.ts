// RFC 6120 §11.6 Character Encoding: UTF-8 only. Other encodings and broken UTF-8 are refused with a
// stream error (SHOULD be <unsupported-encoding/>); U+FEFF is a character; non-ASCII text is relayed
// unchanged.
import {
  type BadBytesRow,
  badBytesCases,
  type CaseSpec,
  clientHeaderAttrs,
  rawHeader,
  relayIntact,
  section,
  streamBytesCases,
} from "../kit/index.ts";

/**
 * Bytes that break UTF-8: §4.9.3.22 names "violating the rules of the [UTF-8] encoding" as
 * <unsupported-encoding/>; XML 1.0 §4.3.3 makes it a fatal (well-formedness) error: either sentence answers.
 */
const BAD_UTF8 = ["RFC6120-11.6-3", "RFC6120-11.3-2"];
/** §11.6: another encoding MUST get a stream error, which SHOULD be <unsupported-encoding/>. */
const OTHER_ENCODING = ["RFC6120-11.6-3"];

/** A message whose body holds these raw bytes between 'a' and 'b'. */
function withBytes(to: string, id: string, bytes: number[], around = ["a", "b"]): Buffer {
  return Buffer.concat([
    Buffer.from(`<message to='${to}' id='${id}' type='chat'><body>${around[0]}`),
    Buffer.from(bytes),
    Buffer.from(`${around[1]}</body></message>`),
  ]);
}

/** A sequence UTF-8 forbids (XML 1.0 §4.3.3: a fatal error) inside a message body: the rows differ only in it. */
function malformedUtf8(id: string, title: string, sequence: number[]): BadBytesRow {
  return {
    id,
    title,
    requirements: ["RFC6120-11.6-3", "RFC6120-11.3-2"],
    bytes: (to, stanzaId) => withBytes(to, stanzaId, sequence),
    gradedBy: BAD_UTF8,
  };
}

const rows: BadBytesRow[] = [
  {
    id: "rfc6120/11.6/invalid-utf8",
    title:
      "bytes that are not UTF-8 get a stream error (<unsupported-encoding/>); nothing after is delivered",
    requirements: ["RFC6120-11.6-3", "RFC6120-4.9.1.1-1"],
    bytes: (to, id) => withBytes(to, id, [0xc3, 0x28, 0xff, 0xfe], ["", ""]),
    gradedBy: BAD_UTF8,
  },
  malformedUtf8(
    "rfc6120/11.6/overlong-utf8",
    "an overlong UTF-8 sequence (C0 BC for '<') closes the stream; nothing is delivered",
    [0xc0, 0xbc],
  ),
  malformedUtf8(
    "rfc6120/11.6/surrogate-utf8",
    "a UTF-8-encoded surrogate (ED A0 80) closes the stream; nothing is delivered",
    [0xed, 0xa0, 0x80],
  ),
  malformedUtf8(
    "rfc6120/11.6/truncated-utf8",
    "a truncated UTF-8 sequence (E2 82 then ASCII) closes the stream; nothing is delivered",
    [0xe2, 0x82],
  ),
];

const cases: CaseSpec[] = [
  ...badBytesCases(rows),
  ...streamBytesCases([
    {
      id: "rfc6120/11.6/utf16-declaration",
      title: "an XML declaration naming UTF-16 gets a stream error, which should be <unsupported-encoding/>",
      requirements: ["RFC6120-11.6-3"],
      on: "start",
      bytes: (domain) => rawHeader(clientHeaderAttrs(domain), "<?xml version='1.0' encoding='UTF-16'?>"),
      gradedBy: OTHER_ENCODING,
    },
    {
      id: "rfc6120/11.6/non-utf8-declared",
      title:
        "an XML declaration naming ISO-8859-1 is refused with a stream error (SHOULD be unsupported-encoding)",
      requirements: ["RFC6120-11.6-3"],
      on: "start",
      bytes: (domain) => rawHeader(clientHeaderAttrs(domain), "<?xml version='1.0' encoding='ISO-8859-1'?>"),
      gradedBy: OTHER_ENCODING,
    },
    {
      id: "rfc6120/11.6/utf16-bytes",
      title:
        "a stream sent in UTF-16 (with a byte order mark) gets a stream error, which should be <unsupported-encoding/>",
      requirements: ["RFC6120-11.6-3", "RFC6120-11.3-2"],
      on: "start",
      bytes: (domain) => Buffer.from(`\ufeff${rawHeader(clientHeaderAttrs(domain))}`, "utf16le"),
      gradedBy: BAD_UTF8,
    },
  ]),
  {
    id: "rfc6120/11.6/zwnbsp-mid-stream",
    title: "U+FEFF inside a message body is a zero width no-break space and is relayed as such",
    requirements: ["RFC6120-11.6-5"],
    users: ["alice", "bob:available"],
    run: (_ctx, { alice, bob }) => relayIntact(alice, bob, "zero\uFEFFwidth \uFEFF"),
  },
  {
    id: "rfc6120/11.6/relay-non-ascii",
    title: "non-ASCII text (accents, CJK, astral plane, ZWSP) is relayed as UTF-8, unchanged",
    requirements: ["RFC6120-11.6-1", "RFC6120-11.6-2", "RFC6120-12-1"],
    users: ["alice", "bob:available"],
    run: (_ctx, { alice, bob }) => relayIntact(alice, bob, "héllo wörld ✓ 中文 𝄞 😀 a\u200Bb"),
  },
];

export default section("rfc6120", "11.6", "Character Encoding", cases);
