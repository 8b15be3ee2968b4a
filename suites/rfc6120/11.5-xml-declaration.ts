// RFC 6120 §11.5 Inclusion of XML Declaration: where a declaration may stand, what it may say, and
// what the server's own declaration looks like.

import { Violation } from "../../harness/errors.ts";
import {
  badBytesCases,
  type CaseSpec,
  clip,
  expectStreamError,
  nextId,
  section,
  sentHeader,
} from "../kit/index.ts";

const cases: CaseSpec[] = [
  ...badBytesCases([
    {
      id: "rfc6120/11.5/xml-declaration-mid-stream",
      title:
        "an XML declaration after the stream has started is not well-formed: stream error, nothing after delivered",
      requirements: ["RFC6120-11.3-2", "RFC6120-11.5-2", "RFC6120-4.9.1.1-1", "RFC6120-11.1-3"],
      bytes: () => "<?xml version='1.0'?>",
      // XML 1.0 allows the XMLDecl only at the very start; read as a processing instruction (its target
      // 'xml' is reserved) it is restricted XML (§11.1) instead.
      gradedBy: ["RFC6120-11.3-2", "RFC6120-11.1-3"],
    },
  ]),
  {
    id: "rfc6120/11.5/standalone-no",
    title: "standalone='no' in the XML declaration is ignored or answered with a stream error",
    requirements: ["RFC6120-11.5-4"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await sentHeader(ctx, undefined, "<?xml version='1.0' standalone='no'?>");
      const header = await s.readHeader().catch(() => undefined);
      const features = header ? await s.readFeatures().catch(() => undefined) : undefined;
      if (features && !s.streamError) return; // ignored: the RFC allows that
      if (!s.streamError) throw new Violation("the target closed the connection without a stream error");
      await expectStreamError(ctx, s, ["RFC6120-11.5-4"]);
    },
  },
  {
    id: "rfc6120/11.5/response-xml-declaration",
    title:
      "the server's stream starts with an XML declaration (SHOULD) without a standalone declaration or a non-UTF-8 encoding",
    requirements: ["RFC6120-11.5-1", "RFC6120-11.5-3", "RFC6120-11.6-2"],
    needs: ["tcp"],
    async run(ctx) {
      const label = nextId("decl");
      const s = await ctx.connect({ label });
      await s.openStream();
      const text = ctx.transcript.entries
        .filter((e) => e.session === label && e.dir === "recv")
        .map((e) => e.data)
        .join("");
      const decl = /^<\?xml\s([^?]*)\?>/.exec(text);
      if (!decl)
        return void ctx.should(false, `no XML declaration before the stream header: ${clip(text, 80)}`);
      if (/\bstandalone\s*=/.test(decl[1]))
        throw new Violation(`the XML declaration carries a standalone document declaration: ${decl[0]}`);
      const enc = /\bencoding\s*=\s*["']([^"']*)["']/.exec(decl[1]);
      if (enc && !/^utf-?8$/i.test(enc[1]))
        throw new Violation(`the XML declaration names encoding '${enc[1]}'`);
    },
  },
];

export default section("rfc6120", "11.5", "Inclusion of XML Declaration", cases);
