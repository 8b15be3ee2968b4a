// RFC 6120 §12 Internationalization Considerations (with §4.7.4 and §8.1.5): the languages the server
// declares and the xml:lang it keeps or applies.

import { Violation } from "../../harness/errors.ts";
import {
  type CaseContext,
  type CaseSpec,
  type Client,
  clip,
  type Element,
  message,
  nextId,
  openedWith,
  type Session,
  section,
  xml,
} from "../kit/index.ts";

/** A well-formed language tag (BCP 47: alphanumeric subtags of 1-8, the first alphabetic), an NMTOKEN too. */
const LANG_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

/** Alice logged in on streams whose headers all say xml:lang='de' (§4.7.4: her stanzas' default). */
async function germanAlice(ctx: CaseContext): Promise<Session> {
  const a = ctx.account("alice");
  const alice = await ctx.connect({ label: "alice" });
  alice.streamDefaults["xml:lang"] = "de";
  await alice.openStream();
  await alice.readFeatures();
  await alice.negotiate({
    tls: ctx.target.tls,
    auth: { username: a.username, password: a.password },
    bind: true,
  });
  return alice;
}

/** Send `el` from Alice to Bob and return it as Bob receives it. */
async function relay(alice: Session, bob: Client, el: Element): Promise<Element> {
  const id = nextId("lang");
  el.attrs.id = id;
  const got = bob.expect({ id });
  await alice.send(el);
  return got;
}

const cases: CaseSpec[] = [
  {
    id: "rfc6120/12/stream-lang-applied-when-relaying",
    title:
      "a message without xml:lang from a stream with xml:lang='de' reaches the recipient as German (or unmarked)",
    requirements: ["RFC6120-4.7.4-9", "RFC6120-8.1.5-4", "RFC6120-12-3"],
    users: ["alice:account", "bob:available"],
    async run(ctx, { bob }) {
      const got = await relay(await germanAlice(ctx), bob, message(bob.full, "Guten Tag"));
      const lang = got.attrs["xml:lang"];
      // §4.7.4: SHOULD add the attribute; when added, its value MUST be the sender's stream language.
      if (lang === undefined)
        return void ctx.should(
          false,
          "the server should add the sender's default xml:lang ('de') to the message",
        );
      if (lang.toLowerCase() !== "de") {
        throw new Violation(`the message from a 'de' stream arrived with xml:lang='${lang}': ${clip(got)}`);
      }
    },
  },
  {
    id: "rfc6120/12/explicit-lang-kept",
    title: "xml:lang set on a message and its body is delivered unchanged, whatever the stream's language",
    requirements: ["RFC6120-12-4"],
    users: ["alice:account", "bob:available"],
    async run(ctx, { bob }) {
      const el = xml(
        "message",
        { to: bob.full, type: "chat", "xml:lang": "fr" },
        xml("body", {}, "Bonjour"),
        xml("body", { "xml:lang": "it" }, "Buongiorno"),
      );
      const got = await relay(await germanAlice(ctx), bob, el);
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
      const lang = (await openedWith(ctx, { "xml:lang": "en--" })).header.attrs["xml:lang"];
      if (lang !== undefined && !LANG_TAG.test(lang)) {
        throw new Violation(`the server declared xml:lang='${lang}', not a well-formed language tag`);
      }
    },
  },
];

export default section("rfc6120", "12", "Internationalization Considerations", cases);
