// A realistic transcript and runs of the StreamParser for its tests: everything it emits as comparable lines,
// fed whole, cut at given offsets or one byte at a time, and the check that every chunking gives the same events.
import { expect } from "chai";
import type { Element } from "../../harness/xml/element.ts";
import { type Finding, type ParserOptions, StreamParser } from "../../harness/xml/parser.ts";

export const HEADER =
  "<stream:stream from='im.example.com' id='t7AMCin9zjMNwQKDnplntZPIDEI=' to='juliet@im.example.com' " +
  "version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' " +
  "xmlns:db='jabber:server:dialback'>";
export const OPEN = `<?xml version='1.0' encoding='UTF-8'?>${HEADER}`;

/** A server-to-client transcript with namespaces, prefixes, multi-byte UTF-8, references, CDATA, CRLF. */
export const TRANSCRIPT = Buffer.from(
  `${OPEN}\n` +
    "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><sm xmlns='urn:xmpp:sm:3'/></stream:features>\n" +
    "<iq id='b1' type='result'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>juliet@im.example.com/balcony</jid></bind></iq>" +
    "<message from='romeo@example.net/orchard' to='juliet@im.example.com/balcony' type='chat' xml:lang='fr'\n" +
    "    id='a&amp;b&lt;&quot;&apos;&#x9;'>\n" +
    "  <body>Ça va ? 😀 — 日本語 &amp; &lt;tags&gt; &quot;q&quot; &apos;a&apos; &#x263A; &#9731;</body>\n" +
    "  <html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>" +
    "<p>Hi <![CDATA[<raw> & ]]]]><![CDATA[> stuff]]> there</p></body></html>\n" +
    "  <x:data xmlns:x='urn:example:x' x:attr='v'/>\n" +
    "</message>   \r\n\t" +
    "<presence from='romeo@example.net/orchard'><show>away</show><status>Ζzz\r\nline2\rline3</status>" +
    "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='v='/></presence>" +
    "<iq type='get' id='x'><query xmlns='jabber:iq:private'><db:thing db:n='1'/></query></iq>" +
    "<db:result from='a.example' to='b.example'>key</db:result>" +
    "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>" +
    "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Replaced by new connection</text></stream:error>\n" +
    "</stream:stream>",
  "utf8",
);
export interface Run {
  log: string[];
  elements: Element[];
  headers: Element[];
  findings: Finding[];
  parser: StreamParser;
}

/** Everything a parser emits, as comparable lines. */
export function attach(parser: StreamParser): Run {
  const run: Run = { log: [], elements: [], headers: [], findings: [], parser };
  parser.on("declaration", (d) => run.log.push(`declaration ${JSON.stringify(d)}`));
  parser.on("header", (el) => {
    run.headers.push(el);
    run.log.push(`header ${el.toString()} children=${el.children.length}`);
  });
  parser.on("element", (el) => {
    run.elements.push(el);
    run.log.push(`element ${el.toString()} ns=${el.getNS()} parent=${el.parent === null}`);
  });
  parser.on("end", () => run.log.push("end"));
  parser.on("finding", (f) => {
    run.findings.push(f);
    run.log.push(`finding ${f.kind} @${f.offset} ${f.bytes.toString("hex")} fatal=${f.fatal} ${f.message}`);
  });
  return run;
}

/** Parse `input` cut at the given offsets (ascending). */
export function parse(input: Buffer, cuts: number[] = [], opts: ParserOptions = {}, end = false): Run {
  const run = attach(new StreamParser(opts));
  let prev = 0;
  for (const cut of [...cuts, input.length]) {
    run.parser.write(input.subarray(prev, cut));
    prev = cut;
  }
  if (end) run.parser.end();
  return run;
}

export function byteByByte(input: Buffer, opts: ParserOptions = {}, end = false): Run {
  return parse(
    input,
    Array.from({ length: Math.max(0, input.length - 1) }, (_, i) => i + 1),
    opts,
    end,
  );
}

/** Whole, cut at every single position, and one byte at a time: all the same events. */
export function expectSplitInvariant(input: Buffer, opts: ParserOptions = {}, end = false): Run {
  const whole = parse(input, [], opts, end);
  for (let cut = 1; cut < input.length; cut++) {
    const split = parse(input, [cut], opts, end);
    if (split.log.join("\n") !== whole.log.join("\n")) {
      expect(split.log, `split at byte ${cut}`).to.deep.equal(whole.log);
    }
  }
  expect(byteByByte(input, opts, end).log, "one byte at a time").to.deep.equal(whole.log);
  return whole;
}

export const stream = (body: string): Buffer => Buffer.from(`${OPEN}${body}`, "utf8");
export const bytesOf = (s: string | Buffer): string => Buffer.from(s as string).toString("hex");
