import { expect } from "chai";
import fc from "fast-check";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { type Finding, StreamParser } from "../../harness/xml/parser.ts";
import {
  escapeAttr,
  escapeText,
  findForbidden,
  frameClose,
  frameOpen,
  serialize,
  streamFooter,
  streamHeader,
} from "../../harness/xml/serialize.ts";

interface Parsed {
  headers: Element[];
  elements: Element[];
  ends: number;
  findings: Finding[];
}

function parse(text: string, framed = false): Parsed {
  const out: Parsed = { headers: [], elements: [], ends: 0, findings: [] };
  const parser = new StreamParser({ framed });
  parser.on("header", (el) => out.headers.push(el));
  parser.on("element", (el) => out.elements.push(el));
  parser.on("end", () => out.ends++);
  parser.on("finding", (f) => out.findings.push(f));
  parser.write(text);
  return out;
}

/** Parse one element back, as a stanza inside a stream. */
function roundTrip(el: Element): Element {
  const out = parse(`${streamHeader({ xmlns: NS.client })}${serialize(el)}`);
  expect(out.findings).to.deep.equal([]);
  expect(out.elements).to.have.length(1);
  return out.elements[0];
}

type Tree = [string, Record<string, string>, (Tree | string)[]];

/** Structure only: name, attributes, children (adjacent text merged, as a parser gives it). */
function tree(el: Element, drop: string[] = []): Tree {
  const attrs = Object.fromEntries(
    Object.entries(el.attrs).filter(([k, v]) => !drop.includes(k) && v != null),
  );
  const children: (Tree | string)[] = [];
  for (const c of el.children) {
    if (typeof c === "string") {
      if (c === "") continue;
      if (typeof children.at(-1) === "string") children[children.length - 1] += c;
      else children.push(c);
    } else children.push(tree(c));
  }
  return [el.name, attrs, children];
}

describe("serialize", () => {
  it("writes the stream header with the declaration, escaping attribute values", () => {
    const header = streamHeader({ xmlns: NS.client, to: "a'b&c<d>\"e", version: "1.0", "xml:lang": "en" });
    expect(header).to.equal(
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client' to='a&apos;b&amp;c&lt;d&gt;&quot;e' " +
        `version='1.0' xml:lang='en' xmlns:stream='${NS.stream}'>`,
    );
    const out = parse(header + streamFooter());
    expect(out.findings).to.deep.equal([]);
    expect(out.headers[0].attrs.to).to.equal("a'b&c<d>\"e");
    expect(out.headers[0].is("stream", NS.stream)).to.equal(true);
    expect(out.ends).to.equal(1);
  });

  it("keeps a given xmlns:stream, leaves out undefined attributes", () => {
    expect(streamHeader({ "xmlns:stream": NS.stream, xmlns: NS.server, from: undefined })).to.equal(
      `<?xml version='1.0'?><stream:stream xmlns:stream='${NS.stream}' xmlns='jabber:server'>`,
    );
    expect(streamHeader({ xmlns: NS.client, "xmlns:stream": undefined })).to.equal(
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client'>",
    );
    expect(streamFooter()).to.equal("</stream:stream>");
  });

  it("writes RFC 7395 <open/> and <close/>, which a framed parser reads as header and end", () => {
    const open = frameOpen({ to: "example.com", version: "1.0" });
    expect(open).to.equal(`<open xmlns='${NS.framing}' to='example.com' version='1.0'/>`);
    expect(frameClose()).to.equal(`<close xmlns='${NS.framing}'/>`);
    expect(frameClose({ "see-other-uri": "wss://x/?a=1&b=2" })).to.equal(
      `<close xmlns='${NS.framing}' see-other-uri='wss://x/?a=1&amp;b=2'/>`,
    );
    const out = parse(open + serialize(xml("message", { xmlns: NS.client })) + frameClose(), true);
    expect(out.findings).to.deep.equal([]);
    expect(out.headers.map((h) => h.attrs)).to.deep.equal([
      { xmlns: NS.framing, to: "example.com", version: "1.0" },
    ]);
    expect(out.elements.map((e) => e.name)).to.deep.equal(["message"]);
    expect(out.ends).to.equal(1);
  });

  it("escapes what a parser would otherwise change: markup, quotes, and whitespace in attributes, CR in text", () => {
    expect(escapeAttr(`a&<>"'\t\n\rb`)).to.equal("a&amp;&lt;&gt;&quot;&apos;&#x9;&#xA;&#xD;b");
    expect(escapeText("a&<>\r\n]]>b")).to.equal("a&amp;&lt;&gt;&#xD;\n]]&gt;b");
    const el = xml(
      "message",
      { to: "j@x/r", id: "a\tb\nc\r\nd  e", "xml:lang": "fr" },
      xml("body", {}, "x < y && z > w ]]> \"q\" 'a' \r\n 😀 ünï"),
      xml(
        "html",
        { xmlns: "http://jabber.org/protocol/xhtml-im" },
        xml("p", {}, "a", xml("b", {}, "c"), "d"),
      ),
      xml("x:y", { "xmlns:x": "urn:x", "x:a": "1" }),
    );
    const back = roundTrip(el);
    expect(tree(back, ["xmlns"])).to.deep.equal(tree(el));
    expect(back.getChildText("body")).to.equal("x < y && z > w ]]> \"q\" 'a' \r\n 😀 ünï");
    expect(back.attrs.id).to.equal("a\tb\nc\r\nd  e");
    expect(back.getChild("y", "urn:x")!.attrs["x:a"]).to.equal("1");
  });

  it("writes empty elements self-closed and skips null children", () => {
    const el = xml("iq", { type: "get", id: "1" }, xml("ping", { xmlns: NS.ping }));
    el.children.push(null as unknown as string);
    expect(serialize(el)).to.equal(`<iq type='get' id='1'><ping xmlns='${NS.ping}'/></iq>`);
  });

  it("round-trips arbitrary elements (property)", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9._-]{0,6}$/);
    // Any XML 1.0 characters, including the ones that need escaping and astral ones.
    const xmlChar = fc.oneof(
      fc.constantFrom("&", "<", ">", '"', "'", "\t", "\n", "\r", " ", "]", "é", "😀", "\u2028", "\uFFFD"),
      fc.integer({ min: 0x20, max: 0xd7ff }).map((c) => String.fromCharCode(c)),
    );
    const text = fc.array(xmlChar, { maxLength: 12 }).map((cs) => cs.join(""));
    const attrs = fc.dictionary(name, text, { maxKeys: 4 });
    const { element } = fc.letrec((tie) => ({
      element: fc
        .tuple(name, attrs, fc.array(fc.oneof(text, tie("element")), { maxLength: 4 }), fc.nat(3))
        .map(([n, a, children]) => xml(n, a, ...(children as (Element | string)[]))),
    }));
    fc.assert(
      fc.property(element, (el) => {
        expect(tree(roundTrip(el), ["xmlns"])).to.deep.equal(tree(el, ["xmlns"]));
      }),
      { numRuns: 300 },
    );
  });

  it("re-exports findForbidden for oracles", () => {
    const findings = findForbidden(`${streamHeader({ xmlns: NS.client })}<message><!--x--><?y?></message>`);
    expect(findings.map((f) => [f.kind, f.fatal])).to.deep.equal([
      ["comment", false],
      ["processing-instruction", false],
    ]);
    expect(findForbidden(Buffer.from(`${streamHeader({ xmlns: NS.client })}<message/>`))).to.deep.equal([]);
  });
});
