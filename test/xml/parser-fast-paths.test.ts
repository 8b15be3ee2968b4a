// The stream parser's fast paths, each checked against a plain definition of what it replaces: the byte
// search for non-XML characters against the XML 1.0 §2.2 Char production on the decoded text, the piece
// decoder against the text written, and the namespace scopes against saxes' own namespace resolution.
import { expect } from "chai";
import fc from "fast-check";
import { SaxesParser } from "saxes";
import { type Element, escapeXMLText } from "../../harness/xml/element.ts";
import { type Finding, StreamParser } from "../../harness/xml/parser.ts";
import { hasNonXmlChar } from "../../harness/xml/utf8.ts";
import { byteByByte, parse, stream } from "../support/parser-runs.ts";

/** XML 1.0 §2.2: the characters outside Char, as UTF-16 (a lone surrogate becomes U+FFFD in UTF-8). */
const NON_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

/** Text mixing ASCII, controls, the characters around U+FFFE, astral characters and U+FEFF. */
const mixedText = fc
  .array(
    fc.oneof(
      fc.string({ unit: "binary", maxLength: 8 }),
      fc.constantFrom("\u0000", "\u0008", "\t", "\n", "\u000b", "\u001f", " ", "\uFEFF", "\uFFFD"),
      fc.constantFrom("\uFFFE", "\uFFFF", "\uFFBE", "\uFFEF", "\u{1F600}", "\u{10FFFF}", "é", "日"),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

/** The namespace ltx resolves for `el` and each element below it, in document order ("" for none, as saxes). */
function namespacesOf(el: Element, out: string[] = []): string[] {
  out.push(el.getNS() ?? "");
  for (const child of el.children) if (typeof child !== "string") namespacesOf(child, out);
  return out;
}

describe("StreamParser fast paths", () => {
  it("the byte search finds a non-XML character exactly when the Char production does (property)", () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const bytes = Buffer.from(text, "utf8");
        expect(hasNonXmlChar(bytes)).to.equal(NON_CHAR.test(bytes.toString("utf8")));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives back the text written, whole or one byte at a time, a leading U+FEFF included (property)", () => {
    const xmlText = mixedText.map((t) => t.replace(/[\r\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, ""));
    fc.assert(
      fc.property(xmlText, (text) => {
        const input = stream(`<message><body>${escapeXMLText(text)}</body></message>`);
        for (const run of [parse(input), byteByByte(input)]) {
          expect(run.findings).to.deep.equal([]);
          expect(run.elements).to.have.length(1);
          expect(run.elements[0].getChildText("body") ?? "").to.equal(text);
        }
      }),
      { numRuns: 300 },
    );
  });

  describe("namespaces, against saxes' own resolution", () => {
    const prefix = fc.constantFrom("", "", "a", "b", "stream");
    const uri = fc.constantFrom("urn:one", "urn:two", "jabber:client");
    const decl = fc.oneof(
      uri.map((u) => ` xmlns='${u}'`),
      uri.map((u) => ` xmlns:a='${u}'`),
      uri.map((u) => ` xmlns:b='${u}'`),
    );
    type Node = { prefix: string; decls: string[]; attr: string; children: Node[] };
    const node: fc.Memo<Node> = fc.memo((n) =>
      fc.record({
        prefix,
        decls: fc.array(decl, { maxLength: 2 }),
        attr: fc.constantFrom("", " k='v'", " a:k='v'", " b:k='v'", " xml:lang='en'"),
        children: n > 1 ? fc.array(node(n - 1), { maxLength: 3 }) : fc.constant([]),
      }),
    );
    const write = (el: Node, i = 0): string => {
      const name = el.prefix === "" ? `e${i}` : `${el.prefix}:e${i}`;
      // Duplicate declarations of one prefix are a different error; keep each tag's first.
      const decls = [...new Map(el.decls.map((d) => [d.split("=")[0], d])).values()].join("");
      return `<${name}${decls}${el.attr}>${el.children.map((c, k) => write(c, k)).join("")}</${name}>`;
    };
    const headers = fc.constantFrom(
      "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>",
      "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns:a='urn:header'>",
      "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' xmlns:b='urn:b'>",
    );

    it("each element of a stanza is in the namespace saxes gives it, stanzas standing alone (property)", () => {
      fc.assert(
        fc.property(headers, fc.array(node(4), { minLength: 1, maxLength: 3 }), (header, stanzas) => {
          const doc = `${header}${stanzas.map((s) => write(s)).join("")}</stream:stream>`;
          const expected: string[] = [];
          const saxErrors: string[] = [];
          const sax = new SaxesParser({ xmlns: true });
          let depth = 0;
          sax.on("opentag", (tag) => {
            if (depth++ > 0) expected.push(tag.uri);
          });
          sax.on("closetag", () => depth--);
          sax.on("error", (e) => saxErrors.push(e.message));
          sax.write(doc).close();

          const elements: Element[] = [];
          const findings: Finding[] = [];
          const parser = new StreamParser({ recover: true });
          parser.on("element", (el) => elements.push(el));
          parser.on("finding", (f) => findings.push(f));
          parser.write(doc);

          const unbound = saxErrors.some((m) => m.includes("unbound namespace prefix"));
          expect(findings.some((f) => f.kind === "bad-namespace-prefix")).to.equal(unbound);
          expect(findings.filter((f) => f.kind !== "bad-namespace-prefix")).to.deep.equal([]);
          expect(elements).to.have.length(stanzas.length);
          if (unbound) return; // saxes then names the prefix as the namespace; ltx finds none
          // Each stanza is handed on alone (no parent): its namespaces resolve only through the
          // declarations the parser copied onto it from the stream header.
          for (const el of elements) expect(el.parent).to.equal(null);
          expect(elements.flatMap((el) => namespacesOf(el))).to.deep.equal(expected);
        }),
        { numRuns: 1000 },
      );
    });
  });
});
