// What the oracles accept and what they refuse, rule by rule, on stanzas written out here: each change
// the RFC lets a server make passes, each other change fails (fixtures/rfc/interpretations.tsv, oracle-*).
import { expect } from "chai";
import { parseJid } from "../harness/jid.ts";
import { differences } from "../harness/runner/oracles/fidelity.ts";
import { passedVerdict } from "../harness/runner/oracles/index.ts";
import { isolationFindings } from "../harness/runner/oracles/isolation.ts";
import { StanzaLog } from "../harness/runner/oracles/stanza-log.ts";
import type { Session } from "../harness/session.ts";
import { childDiff } from "../harness/xml/canonical.ts";
import type { Element } from "../harness/xml/element.ts";
import { StreamParser } from "../harness/xml/parser.ts";

/** A stanza as a client stream delivers it (the parser copies the stream's default namespace onto it). */
function parse(text: string): Element {
  const p = new StreamParser();
  let el: Element | undefined;
  p.on("element", (e: Element) => {
    el = e;
  });
  p.write(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>${text}`);
  if (!el) throw new Error(`no element in ${text}`);
  return el;
}

const BOB = { full: "bob@localhost/phone" };
const diff = (sent: string, got: string, receiver = BOB) =>
  differences(parse(sent), parse(got), receiver).map((d) => d.what);

describe("fidelity: what a server may change in a routed stanza", () => {
  it("accepts a stamped 'from', an added xml:lang, a 'to' on broadcast presence, and its own extensions", () => {
    expect(
      diff(
        "<presence id='p'><show>dnd</show></presence>",
        "<presence id='p' from='a@localhost/r' to='bob@localhost' xml:lang='en'><show>dnd</show><delay xmlns='urn:xmpp:delay' stamp='x'/></presence>",
      ),
    ).to.deep.equal([]);
    expect(
      diff(
        "<message to='bob@localhost' id='m'><body>x</body></message>",
        "<message to='bob@localhost' id='m' type='normal' xmlns:s='urn:x:s' s:n='1'><stanza-id xmlns='urn:xmpp:sid:0' id='1'/><body>x</body></message>",
      ),
    ).to.deep.equal([]);
  });

  it("accepts other prefixes and another order of the children (RFC 6120 §8.4-6; I-oracle-fidelity-child-order)", () => {
    const sent =
      "<message to='bob@localhost' id='m'><body>b</body><x:a xmlns:x='urn:p' x:k='v'><x:b>t</x:b></x:a></message>";
    expect(
      diff(
        sent,
        "<message to='bob@localhost' id='m'><a xmlns='urn:p' xmlns:y='urn:p' y:k='v'><b>t</b></a><body>b</body></message>",
      ),
    ).to.deep.equal([]);
  });

  it("refuses a changed 'type', 'id', text or child, an added <body/> and a dropped extension", () => {
    const sent =
      "<message to='bob@localhost/phone' type='chat' id='m'><body>b</body><x xmlns='urn:e'/></message>";
    expect(
      diff(
        sent,
        "<message to='bob@localhost/phone' type='normal' id='m'><body>b</body><x xmlns='urn:e'/></message>",
      ),
    ).to.deep.equal(["'type' 'chat' arrived as 'normal'"]);
    expect(
      diff(
        sent,
        "<message to='bob@localhost/phone' type='chat' id='n'><body>b</body><x xmlns='urn:e'/></message>",
      ),
    ).to.deep.equal(["'id' 'm' arrived as 'n'"]);
    expect(
      diff(
        sent,
        "<message to='bob@localhost/phone' type='chat' id='m'><body>B</body><x xmlns='urn:e'/></message>",
      )[0],
    ).to.match(/^the child <body>b<\/body> did not arrive unchanged/);
    expect(
      diff(sent, "<message to='bob@localhost/phone' type='chat' id='m'><body>b</body></message>")[0],
    ).to.match(/^the child <x xmlns="urn:e"\/>/);
    expect(
      diff(
        "<message to='bob@localhost' id='m'/>",
        "<message to='bob@localhost' id='m'><body>hi</body></message>",
      ),
    ).to.deep.equal(["a child <body>hi</body> was added"]);
    expect(
      diff("<message to='bob@localhost' id='m'/>", "<message to='bob@localhost' id='m' kind='x'/>"),
    ).to.deep.equal(["'kind' 'x' was added"]);
  });

  it("cites the rule that delivers the stanza, §8.4-13 when it has an extension child, §8.1.5 for xml:lang", () => {
    const breaks = (sent: string, got: string) =>
      differences(parse(sent), parse(got), BOB).flatMap((d) => d.breaks);
    expect(
      breaks(
        "<message to='bob@localhost/phone' type='chat'><x xmlns='urn:e'/></message>",
        "<message to='bob@localhost/phone' type='headline'><x xmlns='urn:e'/></message>",
      ),
    ).to.deep.equal(["RFC6120-8.4-13", "RFC6121-8.5.3.1-3"]);
    expect(breaks("<presence id='p'><status>s</status></presence>", "<presence id='p'/>")).to.deep.equal([
      "RFC6121-4.4.2-1",
      "RFC6121-4.3.2-9",
    ]);
    expect(
      breaks("<presence to='bob@localhost' id='p'/>", "<presence to='bob@localhost/phone' id='p'/>"),
    ).to.deep.equal(["RFC6120-8.1.1.1-3", "RFC6121-8.5.2.1.2-4"]);
    expect(
      breaks("<message to='bob@localhost' xml:lang='cs'/>", "<message to='bob@localhost' xml:lang='en'/>"),
    ).to.deep.equal(["RFC6120-8.1.5-6", "RFC6120-4.7.4-10"]);
  });

  it("refuses a bare 'to' made full, accepts one readdressed from an unmatched resource (I-oracle-fidelity-readdressed)", () => {
    expect(
      diff("<message to='bob@localhost' id='m'/>", "<message to='bob@localhost/phone' id='m'/>"),
    ).to.deep.equal(["'to' 'bob@localhost' arrived as 'bob@localhost/phone'"]);
    expect(
      diff("<message to='bob@localhost/gone' id='m'/>", "<message to='bob@localhost/phone' id='m'/>"),
    ).to.deep.equal([]);
    expect(
      diff("<message to='Bob@LOCALHOST' id='m'/>", "<message to='bob@localhost' id='m'/>"),
    ).to.deep.equal([]);
    expect(
      diff("<message to='bob@localhost/gone' id='m'/>", "<message to='eve@localhost/x' id='m'/>"),
    ).to.have.length(1);
  });

  it("accepts an unknown message type delivered as 'normal' and an overridden <priority/> (RFC 6121 §5.2.2, §4.7.2.3)", () => {
    expect(diff("<message to='bob@localhost' type='memo'/>", "<message to='bob@localhost'/>")).to.deep.equal(
      [],
    );
    expect(
      diff("<message to='bob@localhost' type='memo'/>", "<message to='bob@localhost' type='chat'/>"),
    ).to.have.length(1);
    expect(
      diff("<presence><priority>5</priority></presence>", "<presence><priority>0</priority></presence>"),
    ).to.deep.equal([]);
  });

  it("childDiff pairs equal children whatever their order, counting repeats", () => {
    const d = childDiff(parse("<m><a/><a/><b/></m>"), parse("<m><b/><a/><c/></m>"));
    expect(d.missing.map(String)).to.deep.equal(["<a/>"]);
    expect(d.extra.map(String)).to.deep.equal(["<c/>"]);
  });
});

/** A stand-in for a bound session: the oracles read only its label and JID. */
function session(label: string, jid: string): Session {
  return { opts: { label }, jid: parseJid(jid) } as unknown as Session;
}

describe("isolation: who may speak to a case", () => {
  const alice = session("alice", "alice@localhost/r");
  const input = (log: StanzaLog, pooled?: string[]) => ({
    log,
    accounts: ["alice@localhost", "bob@localhost"],
    domains: ["localhost"],
    pooled,
  });

  it("lets the case's accounts, the server, other domains and what the case addressed through", () => {
    const log = new StanzaLog();
    log.sent(alice, "<message to='carol@localhost' id='q'><body>hi</body></message>");
    for (const from of [
      "bob@localhost/x",
      "localhost",
      "conference.localhost",
      "x@remote.test",
      "carol@localhost/y",
    ])
      log.received(alice, parse(`<message from='${from}'/>`));
    log.received(alice, parse("<iq type='error' id='q' from='Cärol@localhost'/>"));
    expect(isolationFindings(input(log))).to.deep.equal([]);
  });

  it("fails an outsider's stanza, once per outsider and session, and counts the rest", () => {
    const log = new StanzaLog();
    for (let i = 0; i < 3; i++) log.received(alice, parse("<presence from='eve@localhost/x'/>"));
    const [f, ...more] = isolationFindings(input(log));
    expect(more).to.deep.equal([]);
    expect(f.grade).to.equal("FAIL");
    expect(f.message).to.match(
      /^isolation: alice received <presence .*from eve@localhost, an account that is not part of this case \(RFC6121-11-2, RFC6121-11-3, RFC6120-13\.10\.2-1\); 2 more from that account$/,
    );
  });

  it("only doubts a stanza from another account of a pool (WARN: perhaps left over from an earlier case)", () => {
    const log = new StanzaLog();
    log.received(alice, parse("<message from='pool-eve@localhost/x'><body>old</body></message>"));
    const [f] = isolationFindings(input(log, ["pool-eve@localhost"]));
    expect(f.grade).to.equal("WARN");
    expect(f.message).to.include("another account of the pool: perhaps left over from an earlier case");
  });
});

describe("the verdict once the oracles spoke", () => {
  const fail = { oracle: "fidelity" as const, grade: "FAIL" as const, message: "changed" };
  const doubt = { oracle: "isolation" as const, grade: "WARN" as const, message: "doubt" };
  it("FAIL over WARN over PASS, nothing lost from the message", () => {
    expect(passedVerdict([], [])).to.deep.equal({ verdict: "PASS" });
    expect(passedVerdict(["missed"], [doubt])).to.deep.equal({ verdict: "WARN", message: "doubt; missed" });
    expect(passedVerdict(["missed"], [fail, doubt])).to.deep.equal({
      verdict: "FAIL",
      message: "changed (also: doubt; missed)",
    });
  });
});
