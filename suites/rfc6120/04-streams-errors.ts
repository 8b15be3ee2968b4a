// RFC 6120 §4.9: stream errors for an unknown host and for stanzas in a content namespace a client stream lacks.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import { clip, expectStreamErrorNext, NS, xml } from "../helpers.ts";

export default section("rfc6120", "4", "XML Streams", [
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
      if (!header || s.streamError) return void (await expectStreamErrorNext(s, ["host-unknown"]));
      const next = await s.expect(() => true);
      if (s.streamError) return void (await expectStreamErrorNext(s, ["host-unknown"]));
      // §4.7.1: answering from another FQDN of its own (e.g. a canonical name) is allowed.
      ctx.note(`the server kept the stream open as '${from ?? "(no from)"}': ${clip(next)}`);
    },
  },
  {
    id: "rfc6120/4.9.3.10/jabber-server-stanza-on-client-stream",
    title: "an <iq/> qualified by 'jabber:server' on a client stream gets <invalid-namespace/>",
    requirements: ["RFC6120-4.8.3-4", "RFC6120-4.9.1.1-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      // §4.8.3: 'jabber:server' is out of scope on a client stream; a first-level element in a content
      // namespace the stream does not support MUST close it with <invalid-namespace/>. Any answer to the
      // iq (result or error) shows it was processed instead.
      await s.send(
        xml(
          "iq",
          { xmlns: NS.server, type: "get", id: "server-ns", to: ctx.domain, from: s.jid!.toString() },
          xml("ping", { xmlns: NS.ping }),
        ),
      );
      await expectStreamErrorNext(s, ["invalid-namespace"]);
    },
  },
]);
