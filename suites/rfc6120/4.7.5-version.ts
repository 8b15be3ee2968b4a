// RFC 6120 §4.7.5 version: the response header answers the lower of the two versions, compares them
// as numbers, ignores leading zeros and an unknown minor version, and reads no 'version' as 0.9.

import { Violation } from "../../harness/errors.ts";
import {
  assertResponseHeader,
  type CaseSpec,
  clip,
  expectStreamError,
  openedWith,
  responseCases,
  section,
  sentHeader,
} from "../kit/index.ts";

const cases: CaseSpec[] = [
  ...responseCases([
    {
      id: "rfc6120/4.7.5/response-version",
      title: "the response header answers version '1.0' to a client offering 1.0",
      requirements: ["RFC6120-4.7.5-5", "RFC6120-4.3.2-1"],
      check: (ctx, s) => ctx.expect(s.header.attrs.version, "version").to.equal("1.0"),
    },
  ]),
  {
    id: "rfc6120/4.7.5/numeric-minor-version",
    title: "a higher minor version (1.12) is compared numerically and answered with 1.x",
    requirements: ["RFC6120-4.7.5-1", "RFC6120-4.7.5-6", "RFC6120-4.7.5-5"],
    needs: ["tcp"],
    async run(ctx) {
      const { s, header } = await openedWith(ctx, { version: "1.12" });
      const v = header.attrs.version ?? "";
      const m = /^1\.(\d+)$/.exec(v);
      if (!m || Number(m[1]) > 12) throw new Violation(`answered version '${v}' to an offer of 1.12`);
      await s.readFeatures();
    },
  },
  {
    id: "rfc6120/4.7.5/unknown-minor-version-ignored",
    title:
      "a header offering version 1.1 is answered like 1.0 (the unknown minor version ignored), features follow",
    requirements: ["RFC6120-4.7.5-3"],
    needs: ["tcp"],
    async run(ctx) {
      // §4.7.5: a 1.0 server ignores the higher minor version; one that knows 1.1 may answer 1.1.
      const { s, header } = await openedWith(ctx, { version: "1.1" });
      const v = header.attrs.version;
      const features = await s.readFeatures().catch(() => undefined);
      if (s.streamError) throw new Violation(`version 1.1 got a stream error: ${clip(s.streamError)}`);
      if (v !== "1.0" && v !== "1.1")
        throw new Violation(`answered version '${v ?? "(none)"}' to an offer of 1.1`);
      if (!features) throw new Violation("no stream features followed the answer to version 1.1");
    },
  },
  {
    id: "rfc6120/4.7.5/leading-zeros-ignored",
    title: "versions '1.00' and '01.0' are read as 1.0 and answered with '1.0' (no leading zeros)",
    requirements: ["RFC6120-4.7.5-2", "RFC6120-4.7.5-6"],
    needs: ["tcp"],
    async run(ctx) {
      for (const offered of ["1.00", "01.0"]) {
        const s = await sentHeader(ctx, `version='${offered}'`);
        const v = (await s.readHeader()).attrs.version;
        if (s.streamError || v !== "1.0") {
          throw new Violation(
            `offered '${offered}', got ${s.streamError ? clip(s.streamError) : `version '${v ?? "(none)"}'`}`,
          );
        }
        await s.readFeatures();
      }
    },
  },
  {
    id: "rfc6120/4.7.5/higher-major-version",
    title:
      "an offer of version 2.0 is answered with the server's lower version (1.x) or <unsupported-version/>",
    requirements: [
      "RFC6120-4.7.5-5",
      "RFC6120-4.7.5-6",
      "RFC6120-4.9.1.2-1",
      "RFC6120-4.7.1-3",
      "RFC6120-4.7.3-4",
    ],
    needs: ["tcp"],
    async run(ctx) {
      const s = await sentHeader(ctx, "version='2.0'");
      const header = await s.readHeader().catch(() => undefined);
      if (s.streamError || !header) {
        await expectStreamError(ctx, s, ["RFC6120-4.9.3.25"]);
        assertResponseHeader(s);
        return;
      }
      // a header to the target's own domain carries 'from' and 'id' whether or not an error follows it
      assertResponseHeader(s);
      // §4.7.5: the response carries the lower of the two versions: the server's own, 1.x
      if (!/^1\.\d+$/.test(header.attrs.version ?? "")) {
        throw new Violation(`answered version '${header.attrs.version ?? "(none)"}' to an offer of 2.0`);
      }
    },
  },
  {
    id: "rfc6120/4.7.5/no-version-is-0.9",
    title: "a header without 'version' is treated as XMPP 0.9: the response does not claim 1.0",
    requirements: ["RFC6120-4.7.5-8", "RFC6120-4.7.5-5"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await sentHeader(ctx, "xml:lang='en'");
      const v = (await s.readHeader()).attrs.version;
      if (v === undefined) return; // stream error (0.9 unsupported) or a 0.9 stream: both allowed
      if (v === "0.9") return void ctx.should(false, "the response should carry no 'version' to a 0.9 peer");
      throw new Violation(`answered version '${v}' to a peer that offered none (0.9)`);
    },
  },
];

export default section("rfc6120", "4.7.5", "version", cases);
