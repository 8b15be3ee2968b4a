// What the streaming parser (harness/xml/parser.ts) finds against RFC 6120 §11: each finding's kind, offset
// and bytes whatever the split, fatal findings, recovery, and what stays allowed.
import { expect } from "chai";
import { type Finding, findForbidden, type ParserOptions } from "../../harness/xml/parser.ts";
import { bytesOf, expectSplitInvariant, HEADER, parse, stream, TRANSCRIPT } from "../support/parser-runs.ts";

describe("StreamParser", () => {
  describe("RFC 6120 §11 findings", () => {
    interface Case {
      name: string;
      input: Buffer;
      kind: Finding["kind"];
      /** The offending bytes; the finding's offset is where they first occur in the input. */
      bytes: string | Buffer;
      opts?: ParserOptions;
      end?: boolean;
    }
    const s = (x: string) => Buffer.from(x, "utf8");
    const withBytes = (before: string, bad: number[], after: string) =>
      Buffer.concat([stream(before), Buffer.from(bad), s(after)]);
    const cases: Case[] = [
      {
        name: "DTD before the stream header",
        input: s(`<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY x 'y'>]>${HEADER}`),
        kind: "dtd",
        bytes: "<!DOCTYPE",
      },
      {
        name: "DTD inside the stream",
        input: stream("<!DOCTYPE message><message/>"),
        kind: "dtd",
        bytes: "<!DOCTYPE",
      },
      {
        name: "comment in a stanza",
        input: stream("<message><!-- <subject/> --><body>x</body></message>"),
        kind: "comment",
        bytes: "<!-- <subject/> -->",
      },
      {
        name: "comment between stanzas",
        input: stream("<message/><!--x--><message/>"),
        kind: "comment",
        bytes: "<!--x-->",
      },
      {
        name: "comment with -- inside",
        input: stream("<message><!-- a -- b --></message>"),
        kind: "comment",
        bytes: "<!-- a -- b -->",
      },
      {
        name: "processing instruction",
        input: stream("<message><?php echo 1; ?></message>"),
        kind: "processing-instruction",
        bytes: "<?php echo 1; ?>",
      },
      {
        name: "processing instruction before the header",
        input: s(`<?xml version='1.0'?><?xml-stylesheet href='a'?>${HEADER}`),
        kind: "processing-instruction",
        bytes: "<?xml-stylesheet href='a'?>",
      },
      {
        name: "undefined entity in text",
        input: stream("<message><body>a&nbsp;b</body></message>"),
        kind: "entity-reference",
        bytes: "&nbsp;",
      },
      {
        name: "undefined entity in an attribute",
        input: stream("<message to='&juliet;'/>"),
        kind: "entity-reference",
        bytes: "&juliet;",
      },
      {
        // saxes alone reads on to the next ';' and swallows the rest of the stream
        name: "a reference cut short by markup",
        input: stream("<message><body>&lt<b/></body></message><message/>"),
        kind: "not-well-formed",
        bytes: "&lt",
      },
      {
        name: "a bare '&' in an attribute",
        input: stream("<message to='a& b'/>"),
        kind: "not-well-formed",
        bytes: "&",
      },
      {
        name: "second XML declaration mid-stream",
        input: stream("<message/><?xml version='1.0'?><message/>"),
        kind: "xml-declaration",
        bytes: "<?xml version='1.0'?>",
      },
      {
        name: "XML declaration after leading whitespace",
        input: s(`\n<?xml version='1.0'?>${HEADER}`),
        kind: "xml-declaration",
        bytes: "<?xml version='1.0'?>",
      },
      {
        name: "stray continuation byte",
        input: withBytes("<message><body>a", [0x80], "b</body></message>"),
        kind: "invalid-utf8",
        bytes: Buffer.from([0x80]),
      },
      {
        name: "overlong 2-byte sequence",
        input: withBytes("<message><body>", [0xc0, 0xbc], "</body></message>"),
        kind: "invalid-utf8",
        bytes: Buffer.from([0xc0, 0xbc]),
      },
      {
        name: "overlong 3-byte sequence",
        input: withBytes("<message><body>", [0xe0, 0x80, 0xbc], "</body></message>"),
        kind: "invalid-utf8",
        bytes: Buffer.from([0xe0, 0x80, 0xbc]),
      },
      {
        name: "encoded surrogate",
        input: withBytes("<message><body>é", [0xed, 0xa0, 0x80], "</body></message>"),
        kind: "invalid-utf8",
        bytes: Buffer.from([0xed, 0xa0, 0x80]),
      },
      {
        name: "code point above U+10FFFF",
        input: withBytes("<message><body>", [0xf4, 0x90, 0x80, 0x80], "</body></message>"),
        kind: "invalid-utf8",
        bytes: Buffer.from([0xf4, 0x90, 0x80, 0x80]),
      },
      {
        name: "truncated sequence",
        input: withBytes("<message><body>", [0xe2, 0x82], "x</body></message>"),
        kind: "invalid-utf8",
        bytes: Buffer.from([0xe2, 0x82]),
      },
      {
        name: "byte 0xFF",
        input: withBytes("<message to='", [0xff], "'/>"),
        kind: "invalid-utf8",
        bytes: Buffer.from([0xff]),
      },
      {
        name: "truncated sequence at the end of the input",
        input: withBytes("<message><body>", [0xf0, 0x9f, 0x98], ""),
        kind: "invalid-utf8",
        bytes: Buffer.from([0xf0, 0x9f, 0x98]),
        end: true,
      },
      {
        name: "C0 control character",
        input: stream("<message><body>a\u0001b</body></message>"),
        kind: "invalid-char",
        bytes: Buffer.from([0x01]),
      },
      {
        name: "NUL",
        input: stream("<message><body>\u0000</body></message>"),
        kind: "invalid-char",
        bytes: Buffer.from([0x00]),
      },
      {
        name: "U+FFFE",
        input: stream("<message><body>\uFFFE</body></message>"),
        kind: "invalid-char",
        bytes: Buffer.from([0xef, 0xbf, 0xbe]),
      },
      {
        name: "character reference to a control character",
        input: stream("<message><body>&#x1;</body></message>"),
        kind: "invalid-char",
        bytes: "&#x1;",
      },
      {
        name: "UTF-16 in the declaration",
        input: s(`<?xml version='1.0' encoding='UTF-16'?>${HEADER}`),
        kind: "unsupported-encoding",
        bytes: "<?xml version='1.0' encoding='UTF-16'?>",
      },
      {
        name: "a UTF-16 stream",
        input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<?xml version='1.0'?>`, "utf16le")]),
        kind: "unsupported-encoding",
        bytes: Buffer.from([0xff, 0xfe]),
      },
      {
        name: "undeclared element prefix",
        input: stream("<message><foo:body>What is this foo?</foo:body></message>"),
        kind: "bad-namespace-prefix",
        bytes: "<foo:body>",
      },
      {
        name: "undeclared attribute prefix",
        input: stream("<message foo:x='1'/>"),
        kind: "bad-namespace-prefix",
        bytes: "<message foo:x='1'/>",
      },
      {
        name: "mismatched close tag",
        input: stream("<message><body>hi</message>"),
        kind: "not-well-formed",
        bytes: "</message>",
      },
      {
        name: "wrong stream close",
        input: stream("<message/></stream>"),
        kind: "not-well-formed",
        bytes: "</stream>",
      },
      {
        name: "unquoted attribute",
        input: stream("<message to=juliet/>"),
        kind: "not-well-formed",
        bytes: "<message to=j",
      },
      {
        name: "< in an attribute value",
        input: stream("<message to='a<b'/>"),
        kind: "not-well-formed",
        bytes: "<message to='a<",
      },
      {
        name: "duplicate attribute",
        input: stream("<message to='a' to='b'/>"),
        kind: "not-well-formed",
        bytes: "<message to='a' to='b'/>",
      },
      {
        name: "duplicate expanded attribute name",
        input: stream("<message xmlns:a='urn:x' xmlns:b='urn:x' a:n='1' b:n='2'/>"),
        kind: "not-well-formed",
        bytes: "<message xmlns:a='urn:x' xmlns:b='urn:x' a:n='1' b:n='2'/>",
      },
      {
        name: "]]> in text",
        input: stream("<message><body>a]]>b</body></message>"),
        kind: "not-well-formed",
        bytes: "<body>a]]>",
      },
      {
        name: "a name that is not a QName",
        input: stream("<a:b:c xmlns:a='urn:x'/>"),
        kind: "not-well-formed",
        bytes: "<a:b:c xmlns:a='urn:x'/>",
      },
      {
        name: "undeclaring a prefix",
        input: stream("<message xmlns:a=''/>"),
        kind: "not-well-formed",
        bytes: "<message xmlns:a=''/>",
      },
      {
        name: "text before the stream header",
        input: s(`  \n hello${HEADER}`),
        kind: "not-well-formed",
        bytes: "h",
      },
    ];

    for (const c of cases) {
      it(`${c.name}: ${c.kind} at the right offset, with the offending bytes, whatever the split`, () => {
        const run = expectSplitInvariant(c.input, c.opts, c.end);
        const bytes = Buffer.from(c.bytes as string);
        const f = run.findings[0];
        expect(f, run.log.join("\n")).to.not.equal(undefined);
        expect(f.kind).to.equal(c.kind);
        expect(f.bytes.toString("hex")).to.equal(bytesOf(bytes));
        expect(f.offset).to.equal(c.input.indexOf(bytes));
        expect(f.fatal).to.equal(true);
        expect(run.findings).to.have.length(1);
        expect(run.parser.failed).to.equal(true);
        expect(f.message).to.be.a("string").that.is.not.equal("");
      });
    }

    it("a fatal finding stops the parser: nothing after it is emitted, later writes are ignored", () => {
      const run = parse(stream("<message><!--x--><body/></message><message/>"));
      expect(run.elements).to.deep.equal([]);
      expect(run.parser.failed).to.equal(true);
      run.parser.write("<message/>");
      expect(run.elements).to.deep.equal([]);
      expect(run.parser.bytesIn).to.equal(stream("<message><!--x--><body/></message><message/>").length + 10);
    });

    it("with recover, restricted but recoverable XML is reported without stopping", () => {
      const input = stream(
        "<message><!--c--><?pi x?><body>a&nbsp;b\u0001c</body><foo:x/></message><?xml version='1.0'?>" +
          "<message><body>after</body></message>",
      );
      const run = expectSplitInvariant(input, { recover: true });
      expect(run.findings.map((f) => [f.kind, f.fatal])).to.deep.equal([
        ["comment", false],
        ["processing-instruction", false],
        ["entity-reference", false],
        ["invalid-char", false],
        ["bad-namespace-prefix", false],
        ["xml-declaration", false],
      ]);
      expect(run.parser.failed).to.equal(false);
      expect(run.elements).to.have.length(2);
      expect(run.elements[0].getChildText("body")).to.equal("a&nbsp;b\uFFFDc");
      expect(run.elements[0].getChild("x")!.name).to.equal("foo:x");
      expect(run.elements[0].getChild("x")!.getNS()).to.equal(undefined);
      expect(run.elements[1].getChildText("body")).to.equal("after");
    });

    it("findForbidden lists every violation in a buffer", () => {
      const kinds = findForbidden(stream("<message><!--c--><body>&x;</body><?p?></message>")).map(
        (f) => f.kind,
      );
      expect(kinds).to.deep.equal(["comment", "entity-reference", "processing-instruction"]);
      expect(findForbidden(TRANSCRIPT)).to.deep.equal([]);
      expect(findForbidden("<a/><b><!--x--></b>", { framed: true }).map((f) => f.kind)).to.deep.equal([
        "comment",
      ]);
    });

    it("never expands a billion laughs: the DTD is refused before it is read", () => {
      let dtd = "<!ENTITY lol 'lol'>";
      for (let i = 1; i <= 9; i++) {
        const prev = i === 1 ? "lol" : `lol${i - 1}`;
        dtd += `<!ENTITY lol${i} '${`&${prev};`.repeat(10)}'>`;
      }
      const input = Buffer.from(
        `<?xml version='1.0'?><!DOCTYPE lolz [${dtd}${" ".repeat(5_000_000)}]>${HEADER}<message><body>&lol9;</body></message>`,
      );
      const t0 = performance.now();
      const run = parse(input);
      expect(performance.now() - t0).to.be.below(1000);
      expect(run.findings.map((f) => f.kind)).to.deep.equal(["dtd"]);
      expect(run.elements).to.deep.equal([]);
      expect(run.headers).to.deep.equal([]);
      // Mid-stream too: a DTD can never be reached through a stanza.
      const mid = parse(stream(`<!DOCTYPE lolz [${dtd}]><message>&lol9;</message>`));
      expect(mid.findings.map((f) => f.kind)).to.deep.equal(["dtd"]);
    });

    it("keeps any attribute name, even __proto__", () => {
      const run = parse(stream("<message __proto__='x' constructor='y'/>"));
      expect(run.findings).to.deep.equal([]);
      expect(Object.keys(run.elements[0].attrs)).to.deep.equal(["__proto__", "constructor", "xmlns"]);
      expect(run.elements[0].toString()).to.contain('__proto__="x"');
    });

    it("character references and the five predefined entities are allowed", () => {
      const run = parse(
        stream("<message a='&#60;&#x3E;'><body>&amp;&lt;&gt;&quot;&apos;&#128512;</body></message>"),
      );
      expect(run.findings).to.deep.equal([]);
      expect(run.elements[0].attrs.a).to.equal("<>");
      expect(run.elements[0].getChildText("body")).to.equal("&<>\"'😀");
    });
  });
});
