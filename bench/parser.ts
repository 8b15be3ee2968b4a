// Throughput of StreamParser against bare saxes (namespaces on, only counting events) on the same ~20 MB
// stanza stream, fed in the same chunks, in the same process. Run directly: node --import tsx bench/parser.ts
// Time is this process's CPU time, not the wall clock: on a shared machine the wall clock mostly measures
// the neighbours, and the ratio is what matters.
import { pathToFileURL } from "node:url";
import { SaxesParser } from "saxes";
import { StreamParser } from "../harness/xml/parser.ts";

const TARGET_BYTES = 20 * 1024 * 1024;
const CHUNK = 16 * 1024; // a typical socket read
// 15 rounds: on a shared machine single rounds swing from 0.6 to 1.4 of saxes; the median of 7 moved by 0.05
const ROUNDS = 15;

/** A deterministic PRNG (mulberry32), so every run parses the same bytes. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BODIES = [
  "Are you coming to the meeting at 10? Bring the slides &amp; the notes.",
  "Ça va très bien, merci ! On se voit à la gare à 18h30.",
  "Größe der Datei: 3 MB — bitte prüfen.",
  "今日は会議がありますか？資料を送ります。",
  "Прекрасная погода сегодня, пойдём гулять?",
  "ok 👍 see you there 🎉",
  "x &lt; y &amp;&amp; y &gt; z, so x &lt; z",
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.",
];

function stanza(rand: () => number, n: number): string {
  const user = `user${Math.floor(rand() * 500)}@example.com`;
  const peer = `contact${Math.floor(rand() * 500)}@example.org/phone`;
  const body = BODIES[Math.floor(rand() * BODIES.length)];
  switch (n % 6) {
    case 0:
    case 1:
      return (
        `<message from='${peer}' to='${user}' type='chat' id='m${n}' xml:lang='en'>` +
        `<body>${body}</body><active xmlns='http://jabber.org/protocol/chatstates'/>` +
        `<origin-id xmlns='urn:xmpp:sid:0' id='o${n}'/></message>`
      );
    case 2:
      return (
        `<presence from='${peer}' to='${user}'><show>away</show><status>${body}</status>` +
        `<priority>5</priority><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' ` +
        `node='https://example.org/client' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>`
      );
    case 3: {
      let items = "";
      for (let i = 0; i < 4; i++) {
        items +=
          `<item jid='friend${i}@example.net' name='Friend ${i}' subscription='both'>` +
          `<group>Friends</group></item>`;
      }
      return `<iq to='${user}' type='result' id='r${n}'><query xmlns='jabber:iq:roster' ver='v${n}'>${items}</query></iq>`;
    }
    case 4:
      return (
        `<message from='pubsub.example.com' to='${user}' id='e${n}'>` +
        `<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='urn:xmpp:microblog:0'>` +
        `<item id='i${n}'><entry xmlns='http://www.w3.org/2005/Atom' xmlns:thr='http://purl.org/syndication/thread/1.0'>` +
        `<title type='text'>${body}</title><thr:in-reply-to ref='tag:example.org,2024:${n}'/>` +
        `<published>2024-05-01T12:00:00Z</published></entry></item></items></event>` +
        `<delay xmlns='urn:xmpp:delay' from='example.com' stamp='2024-05-01T12:00:01Z'/></message>`
      );
    default:
      return `<iq from='${peer}' to='${user}' type='get' id='p${n}'><ping xmlns='urn:xmpp:ping'/></iq>`;
  }
}

/** The bytes of one client-to-server stream: header, features, ~20 MB of stanzas with whitespace, footer. */
export function buildStream(targetBytes = TARGET_BYTES): Buffer {
  const rand = prng(6120);
  const parts: string[] = [
    "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' " +
      "from='example.com' id='bench' version='1.0' xml:lang='en'>",
    "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>",
  ];
  let size = 0;
  for (let n = 0; size < targetBytes; n++) {
    const s = `${stanza(rand, n)}${n % 10 === 0 ? "\n" : ""}`;
    parts.push(s);
    size += Buffer.byteLength(s);
  }
  parts.push("</stream:stream>");
  return Buffer.from(parts.join(""), "utf8");
}

function chunks(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += CHUNK) out.push(data.subarray(i, i + CHUNK));
  return out;
}

/** Bare saxes: bytes decoded as a socket user would (streaming TextDecoder), events only counted. */
function runSaxes(input: Buffer[]): number {
  const sax = new SaxesParser({ xmlns: true });
  const decoder = new TextDecoder("utf-8");
  let events = 0;
  sax.on("opentag", () => events++);
  sax.on("closetag", () => events++);
  sax.on("text", () => events++);
  sax.on("error", () => events++);
  for (const chunk of input) sax.write(decoder.decode(chunk, { stream: true }));
  return events;
}

function runStreamParser(input: Buffer[]): number {
  const parser = new StreamParser();
  let events = 0;
  parser.on("element", () => events++);
  parser.on("finding", () => events++);
  for (const chunk of input) parser.write(chunk);
  return events;
}

function timeMBps(fn: () => number, bytes: number): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return bytes / 1024 / 1024 / ((used.user + used.system) / 1e6);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchParser(): Promise<{
  saxesMBps: number;
  parserMBps: number;
  ratio: number;
  /** The ratio in each round (the two parsers timed back to back). */
  ratios: number[];
}> {
  const data = buildStream();
  const input = chunks(data);
  // Warm both up once so the JIT has seen each before timing.
  runSaxes(input);
  runStreamParser(input);
  const saxes: number[] = [];
  const parser: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate the order so neither always runs right after a collection caused by the other.
    if (r % 2 === 0) {
      saxes.push(timeMBps(() => runSaxes(input), data.length));
      parser.push(timeMBps(() => runStreamParser(input), data.length));
    } else {
      parser.push(timeMBps(() => runStreamParser(input), data.length));
      saxes.push(timeMBps(() => runSaxes(input), data.length));
    }
  }
  const saxesMBps = median(saxes);
  const parserMBps = median(parser);
  const ratios = parser.map((p, i) => p / saxes[i]);
  return { saxesMBps, parserMBps, ratio: median(ratios), ratios };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await benchParser();
  console.log(
    `bare saxes ${r.saxesMBps.toFixed(1)} MB/s, StreamParser ${r.parserMBps.toFixed(1)} MB/s, ratio ${r.ratio.toFixed(2)}`,
  );
}
