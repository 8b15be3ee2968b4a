// RFC 6120 §12 (with §4.7.4 and §8.1.5): the languages the server declares and the xml:lang it keeps or applies.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Session } from "../../harness/session.ts";
import type { Element } from "../../harness/xml/element.ts";
import { clip, message, xml } from "../helpers.ts";

const uid = () => Math.random().toString(36).slice(2, 10);

/** A well-formed language tag (BCP 47 syntax: alphanumeric subtags of 1-8, the first alphabetic), also an NMTOKEN. */
const LANG_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

/** Alice logged in on streams whose headers all say xml:lang='de' (§4.7.4: her stanzas' default), and Bob. */
async function germanAliceAndBob(ctx: CaseContext): Promise<[Session, Session]> {
  const [a, b] = ctx.accounts;
  const bobP = ctx.login(b, { presence: true });
  const alice = await ctx.connect({ label: a.username.slice(0, 8) });
  alice.streamDefaults["xml:lang"] = "de";
  await alice.openStream();
  await alice.readFeatures();
  await alice.negotiate({
    tls: ctx.target.tls,
    auth: { username: a.username, password: a.password },
    bind: true,
  });
  return [alice, await bobP];
}

/** Send `el` from Alice to Bob and return it as Bob receives it. */
async function relay(alice: Session, bob: Session, el: Element): Promise<Element> {
  const id = `lang-${uid()}`;
  el.attrs.id = id;
  const got = bob.expect((m) => m.attrs.id === id);
  got.catch(() => {});
  await alice.send(el);
  return got;
}

export default section("rfc6120", "12", "Internationalization Considerations", [
  {
    id: "rfc6120/12/stream-header-has-lang",
    title: "the server's stream header declares a default language (xml:lang)",
    requirements: ["RFC6120-12-2"],
    async run(ctx) {
      const s = await ctx.open();
      const lang = s.header!.attrs["xml:lang"];
      if (lang === undefined) throw new Violation("the response stream header carries no 'xml:lang'");
    },
  },
  {
    id: "rfc6120/12/stream-lang-applied-when-relaying",
    title:
      "a message without xml:lang from a stream with xml:lang='de' reaches the recipient as German (or unmarked)",
    requirements: ["RFC6120-4.7.4-9", "RFC6120-8.1.5-4", "RFC6120-12-3"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await germanAliceAndBob(ctx);
      const got = await relay(alice, bob, message(bob.jid!.toString(), "Guten Tag"));
      const lang = got.attrs["xml:lang"];
      // §4.7.4: SHOULD add the attribute; when added, its value MUST be the sender's stream language.
      if (lang === undefined) {
        throw new Violation(
          "the server should add the sender's default xml:lang ('de') to the message",
          true,
        );
      }
      if (lang.toLowerCase() !== "de") {
        throw new Violation(`the message from a 'de' stream arrived with xml:lang='${lang}': ${clip(got)}`);
      }
    },
  },
  {
    id: "rfc6120/12/explicit-lang-kept",
    title: "xml:lang set on a message and its body is delivered unchanged, whatever the stream's language",
    requirements: ["RFC6120-12-4"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await germanAliceAndBob(ctx);
      const el = xml(
        "message",
        { to: bob.jid!.toString(), type: "chat", "xml:lang": "fr" },
        xml("body", {}, "Bonjour"),
        xml("body", { "xml:lang": "it" }, "Buongiorno"),
      );
      const got = await relay(alice, bob, el);
      if (got.attrs["xml:lang"] !== "fr") {
        throw new Violation(`the message's xml:lang 'fr' arrived as '${got.attrs["xml:lang"] ?? "(none)"}'`);
      }
      const langs = got.getChildren("body").map((b) => b.attrs["xml:lang"]);
      if (!langs.includes("it")) throw new Violation(`the body's xml:lang 'it' was not kept: ${clip(got)}`);
    },
  },
  {
    id: "rfc6120/12/response-lang-is-language-tag",
    title:
      "to a malformed xml:lang ('en--') the server answers with a well-formed language tag, or a stream error",
    requirements: ["RFC6120-8.1.5-5"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.openStream({ "xml:lang": "en--" });
      const lang = s.header!.attrs["xml:lang"];
      if (lang !== undefined && !LANG_TAG.test(lang)) {
        throw new Violation(`the server declared xml:lang='${lang}', not a well-formed language tag`);
      }
    },
  },
]);
