// RFC 6120 §4.9.1 Rules: a stream error ends the stream (§4.9.1.1), a header that causes one is still
// answered with a header (§4.9.1.2), and an unknown host is not impersonated (§4.9.1.3).

import { Violation } from "../../harness/errors.ts";
import { type CaseSpec, clip, expectStreamError, NS, section, sentRawHeader } from "../kit/index.ts";

const cases: CaseSpec[] = [
  {
    id: "rfc6120/4.9.1.1/server-closes-after-client-stream-error",
    title: "a stream error sent by the client makes the server close the stream (its closing tag)",
    requirements: ["RFC6120-4.9.1.1-2"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.openSecured();
      await s.send(`<stream:error><undefined-condition xmlns='${NS.streams}'/></stream:error>`);
      // §4.9.1.1: the receiving entity SHALL close the stream as §4.4 says, i.e. with its closing tag
      await s.expectClose();
      if (!s.streamEnded) throw new Violation("the server dropped the connection without closing its stream");
    },
  },
  {
    id: "rfc6120/4.9.1.2/no-to-header-answered-first",
    title: "a header without 'to' gets a response header first (from: empty or a server FQDN), error or not",
    requirements: ["RFC6120-4.9.1.2-1", "RFC6120-4.9.1.3-1"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await sentRawHeader(ctx, `xmlns='${NS.client}' xmlns:stream='${NS.stream}' version='1.0'`);
      const h = await s.readHeader().catch(() => undefined);
      if (!h?.is("stream", NS.stream)) {
        throw new Violation("the server answered a header without 'to' without sending its own header");
      }
      const from = h.attrs.from ?? "";
      if (from !== "" && !/^[^@/\s]+$/.test(from))
        throw new Violation(`the response 'from' '${from}' is not an FQDN`);
      const next = await s.expect(() => true).catch(() => undefined);
      if (s.streamError) await s.expectClose();
      else if (!next?.is("features", NS.stream))
        throw new Violation("neither features nor a stream error followed");
    },
  },
  {
    id: "rfc6120/4.9.1.3/unknown-host-not-impersonated",
    title:
      "a 'to' naming a domain nobody can serve (.invalid) is not answered as that domain: <host-unknown/> (or the server's own FQDN)",
    requirements: ["RFC6120-4.7.1-3", "RFC6120-4.9.1.3-1"],
    async run(ctx) {
      const unknown = `unknown-${Date.now()}.invalid`;
      const s = await ctx.connect();
      // The server may refuse at once (with or without its own header) or answer from one of its FQDNs.
      const header = await s.openStream({ to: unknown }).catch(() => undefined);
      const from = header?.attrs.from;
      // §4.7.1 / §4.9.1.3: 'from' must be an FQDN of the receiving entity (or empty before an error);
      // the reserved .invalid TLD (RFC 2606) cannot be one.
      if (from !== undefined && from.toLowerCase() === unknown) {
        throw new Violation(`the response header claims to be '${from}', the unknown domain we asked for`);
      }
      const grade = ["RFC6120-4.9.3.6"];
      if (!header || s.streamError) return void (await expectStreamError(ctx, s, grade));
      const next = await s.expect(() => true);
      if (s.streamError) return void (await expectStreamError(ctx, s, grade));
      // §4.7.1: answering from another FQDN of its own (e.g. a canonical name) is allowed.
      ctx.note(`the server kept the stream open as '${from ?? "(no from)"}': ${clip(next)}`);
    },
  },
];

export default section("rfc6120", "4.9.1", "Rules", cases);
