// XML level: near-well-formed streams after a normal stream header. Restricted XML (comments, PIs,
// DTD, entity references), invalid UTF-8 and code points, unescaped markup, deep nesting, huge and
// many attributes, prefixed namespaces, a second XML declaration or stream header, writes split
// anywhere, element names outside XML's name range. The project's own parser says what a receiving entity must make of the bytes; the
// target must then close the stream with a stream error that fits (RFC 6120 §11, §4.9.3).
import fc from "fast-check";
import type { Session } from "../../session.ts";
import { escapeXMLText, NS } from "../../xml/element.ts";
import { type FindingKind, STREAM_ERROR_CONDITIONS } from "../../xml/findings.ts";
import { StreamParser } from "../../xml/parser.ts";
import { streamHeader } from "../../xml/serialize.ts";
import { note, type ObservedStream } from "../effects.ts";
import { checkWellFormed } from "../oracles.ts";
import type { Rig } from "../rig.ts";
import { OracleFailure } from "../types.ts";
import type { LevelSpec } from "./level.ts";
import { MALFORMED_NAMES, nameArb, textArb } from "./text.ts";
import { closingTags } from "./xml-close.ts";
import { NOT_CLOSED, noStreamErrorBreaks, wrongConditionBreaks } from "./xml-rules.ts";

/** A piece of the bytes after the header: text (UTF-8) or raw bytes in hex (invalid UTF-8). */
export type Piece = { s: string } | { hex: string };

export interface XmlSpec {
  pieces: Piece[];
  /** Where the bytes are cut into separate writes, as fractions of the length. */
  splits: number[];
}

export const INVALID_UTF8 = ["c328", "ff", "c0af", "eda080", "f888808080", "80", "e282", "fe"];
export const BAD_CHARS = ["&#1;", "&#xFFFE;", "\u0001", "\uFFFE", "&#0;", "\u001b"];
export const RESTRICTED = ["<!--c-->", "<?pi data?>", "<!DOCTYPE x>", "&foo;", "&lt", "<![CDATA[x]]>"];
export const UNESCAPED = ["<", "& ", "]]>", "</b>", "<a b='1' b='2'/>", "<x:y/>", "<a", "<1a/>", "< a/>"];
export const SECOND_HEADER = [
  "<?xml version='1.0'?>",
  `<stream:stream xmlns='jabber:client' xmlns:stream='${NS.stream}' to='localhost' version='1.0'>`,
];

const s = (x: string): Piece => ({ s: x });

function defectArb(): fc.Arbitrary<Piece[]> {
  return fc.oneof(
    fc.constantFrom(...INVALID_UTF8).map((hex) => [{ hex }]),
    fc.constantFrom(...BAD_CHARS).map((x) => [s(x)]),
    fc.constantFrom(...RESTRICTED).map((x) => [s(x)]),
    fc.constantFrom(...UNESCAPED).map((x) => [s(x)]),
    // element names XML 1.0 §2.3 forbids
    fc.constantFrom(...MALFORMED_NAMES).map((n) => [s(`<${n}/>`)]),
    fc.constantFrom(...SECOND_HEADER).map((x) => [s(x)]),
    // deep nesting
    fc.integer({ min: 1, max: 300 }).map((n) => [s("<a>".repeat(n)), s("</a>".repeat(n))]),
    // a huge attribute
    fc.integer({ min: 1, max: 120_000 }).map((n) => [s(`<h v='${"x".repeat(n)}'/>`)]),
    // many attributes
    fc
      .integer({ min: 1, max: 1500 })
      .map((n) => [s(`<m ${Array.from({ length: n }, (_, i) => `a${i}='${i}'`).join(" ")}/>`)]),
    // prefixed namespaces, declared
    fc.tuple(nameArb, nameArb).map(([p, n]) => [s(`<${p}:${n} xmlns:${p}='urn:xmppspec:fuzz:p'/>`)]),
    // well-formed text with the escapes done right
    textArb().map((t) => [s(escapeXMLText(t))]),
  );
}

/** A stanza with defects inside, or defects between first-level elements. */
export function xmlArb(): fc.Arbitrary<XmlSpec> {
  const inside = fc
    .tuple(
      fc.constantFrom("message", "presence", "iq"),
      fc.array(defectArb(), { minLength: 1, maxLength: 3 }),
    )
    .map(([name, ds]) => [s(`<${name} type='get' id='x'><body>`), ...ds.flat(), s(`</body></${name}>`)]);
  const between = fc.array(defectArb(), { minLength: 1, maxLength: 2 }).map((ds) => ds.flat());
  return fc.record({
    pieces: fc.oneof({ weight: 3, arbitrary: inside }, { weight: 1, arbitrary: between }),
    splits: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
  });
}

export function bytesOf(spec: XmlSpec): Buffer {
  return Buffer.concat(
    spec.pieces.map((p) => ("hex" in p ? Buffer.from(p.hex, "hex") : Buffer.from(p.s, "utf8"))),
  );
}

export function chunksOf(spec: XmlSpec): Buffer[] {
  const bytes = bytesOf(spec);
  const cuts = [...new Set(spec.splits.map((f) => Math.floor(f * bytes.length)))]
    .filter((c) => c > 0 && c < bytes.length)
    .sort((a, b) => a - b);
  const out: Buffer[] = [];
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(bytes.subarray(at, c));
    at = c;
  }
  return out.filter((b) => b.length > 0);
}

/**
 * What a receiving entity must do with these bytes, by the project's parser: the first fatal finding
 * before any complete first-level element (after one, the target may fairly answer that element
 * first). Size and depth limits are the target's own policy, so they set no expectation.
 */
export function expectedStreamError(
  header: string,
  bytes: Buffer,
): { kind: FindingKind; accepted: readonly string[] } | undefined {
  const { first, element } = firstFatal(header, bytes);
  if (!first || element || first === "too-large" || first === "too-deep") return undefined;
  return { kind: first, accepted: STREAM_ERROR_CONDITIONS[first] };
}

/** The parser's first fatal finding in these bytes, and whether a complete first-level element came before it. */
export function firstFatal(header: string, bytes: Buffer): { first?: FindingKind; element: boolean } {
  const p = new StreamParser({});
  let first: FindingKind | undefined;
  let element = false;
  p.on("element", () => {
    if (!first) element = true;
  });
  p.on("finding", (f) => {
    if (!first && f.fatal) first = f.kind;
  });
  p.write(Buffer.from(header, "utf8"));
  p.write(bytes);
  return { first, element };
}

/**
 * RFC 6120 §13.12: a server may limit stanza size to as little as 10,000 bytes and refuse more with
 * <policy-violation/>; past that many bytes the target may have hit its limit before the defect.
 */
const MIN_STANZA_LIMIT = 10_000;

function acceptedAfter(expected: { accepted: readonly string[] }, bytes: Buffer): readonly string[] {
  return bytes.length > MIN_STANZA_LIMIT
    ? [...expected.accepted, ...STREAM_ERROR_CONDITIONS["too-large"]]
    : expected.accepted;
}

const SETTLE_ID = "fuzz-settle";
/** Sent after bytes that call for no stream error: its answer comes after the target read them. */
const SETTLE = `<iq type='get' id='${SETTLE_ID}'><ping xmlns='${NS.ping}'/></iq>`;

/**
 * Waits (bounded, no verdict) until the target has read what was sent: its answer to a probe sent after
 * the input (not any answer: one to an element of the input may come before the target reaches a defect
 * after it, and the stream's state would then depend on the machine's load), or the stream's end.
 * Liveness and the stream's state are read after this, whatever the load (the probe may go unanswered
 * inside an element left open: the open elements are closed before it). False when neither came in time.
 */
async function processed(s: Session, timeoutMs: number, close: string): Promise<boolean> {
  if (s.closed) return true;
  const answer = s
    .expect((el) => el.name === "iq" && el.attrs.id === SETTLE_ID, timeoutMs)
    .then(() => true)
    .catch(() => s.closed || s.streamEnded);
  await s.send(close + SETTLE).catch(() => {});
  return answer;
}

export async function runXml(rig: Rig, spec: XmlSpec): Promise<void> {
  const s = await rig.connect("raw");
  const observed: ObservedStream = { kind: "stream", session: s };
  note(rig, observed);
  {
    await s.openStream();
    await s.readFeatures();
    const header = streamHeader({
      xmlns: NS.client,
      "xmlns:stream": NS.stream,
      to: rig.target.domain,
      version: "1.0",
    });
    const expected = expectedStreamError(header, bytesOf(spec));
    for (const chunk of chunksOf(spec)) {
      if (s.closed) break;
      await s.send(chunk).catch(() => {});
    }
    if (expected) {
      let condition: string | undefined;
      try {
        condition = await s.expectStreamError();
      } catch (err) {
        throw new OracleFailure(
          "stream-error",
          `after ${expected.kind} the target sent no stream error (${(err as Error).message})`,
          noStreamErrorBreaks(expected.kind),
        );
      }
      if (!condition || !acceptedAfter(expected, bytesOf(spec)).includes(condition))
        throw new OracleFailure(
          "stream-error",
          `after ${expected.kind} the stream error is <${condition ?? "none"}/>, not <${expected.accepted.join("/> or <")}/>`,
          condition === undefined ? noStreamErrorBreaks(expected.kind) : wrongConditionBreaks(expected.kind),
        );
      await s.expectClose().catch(() => {
        throw new OracleFailure(
          "stream-error",
          `after <${condition}/> the target did not close the stream`,
          NOT_CLOSED,
        );
      });
    } else {
      const answered = await processed(s, rig.timeoutMs, closingTags(header, bytesOf(spec)));
      observed.probe = answered ? "answered" : "unanswered";
    }
    checkWellFormed(rig, [s]);
  }
}

export const xmlLevel: LevelSpec<XmlSpec> = {
  level: "xml",
  arbitrary: xmlArb,
  run: runXml,
  encode: (i) => i,
  decode: (j) => j as XmlSpec,
};
