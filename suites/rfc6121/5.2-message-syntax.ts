// RFC 6121 §5.2: what a delivered message keeps — the default type 'normal' for a missing or unknown
// 'type', <body/> text as sent, <body/> and <subject/> alternates with their xml:lang, an opaque
// <thread/> with its 'parent'.
import { Violation } from "../../harness/errors.ts";
import {
  type CaseContext,
  type CaseSpec,
  type Client,
  clip,
  message,
  messageWithId,
  section,
  xml,
} from "../kit/index.ts";
import { relay } from "../kit/messages.ts";

/** Alice sends a message of `type` to bob, who has no available resource: stored, or an error back. */
async function offlineOutcome(
  ctx: CaseContext,
  alice: Client,
  type: string | undefined,
  id: string,
): Promise<void> {
  await alice.send(xml("message", { to: ctx.account("bob").jid, id, type }, xml("body", {}, "typed?")));
  const back = await alice.barrier();
  if (back.some((el) => el.name === "message" && el.attrs.id === id && el.attrs.type === "error")) return;
  const bob = await ctx.login("bob", { presence: true });
  await alice.send(message(bob.full, "m", { id: `${id}-marker` }));
  await bob.expect(messageWithId(`${id}-marker`));
  ctx.should(
    bob.inbox.some((el) => el.name === "message" && el.attrs.id === id),
    "the message was silently dropped like a headline; as type 'normal' it should be stored or bounced",
  );
}

/** A message of `type` (none, or one RFC 6121 does not define) to an account that is offline. */
function offlineCase(o: Pick<CaseSpec, "id" | "title" | "requirements">, type?: string): CaseSpec {
  const stanzaId = o.id.split("/")[2];
  return {
    ...o,
    users: ["alice:available", "bob:account"],
    run: (ctx, { alice }) => offlineOutcome(ctx, alice, type, stanzaId),
  };
}

/** <body/> and <subject/> alternates (RFC 6121 §5.2.3, §5.2.4): [xml:lang or none, text] each. */
const ALTERNATES = [
  {
    id: "rfc6121/5.2.3/body-alternates-relayed",
    title: "several <body/> elements with distinct xml:lang reach the recipient, each with its language",
    requirements: ["RFC6121-5.2.3-2", "RFC6120-8.1.5-6"],
    name: "body",
    type: "chat",
    texts: [
      ["", "default"],
      ["de", "Standard"],
      ["fr", "défaut"],
    ],
  },
  {
    id: "rfc6121/5.2.4/subject-alternates-relayed",
    title: "several <subject/> elements with distinct xml:lang reach the recipient unchanged",
    requirements: ["RFC6121-5.2.4-1", "RFC6120-8.1.5-6"],
    name: "subject",
    type: "normal",
    texts: [
      ["en", "Hello"],
      ["cs", "Ahoj"],
    ],
  },
];

/** Each alternate with a language arrives with it, and none is lost or added. */
const alternates: CaseSpec[] = ALTERNATES.map(({ name, type, texts, ...c }) => ({
  ...c,
  users: ["alice:available", "bob:available"],
  async run(ctx, { alice, bob }) {
    const sent = texts.map(([lang, text]) => xml(name, lang ? { "xml:lang": lang } : {}, text));
    const got = await relay(alice, bob, (to) =>
      xml("message", { to, id: `alt-${name}`, type }, ...sent, name === "body" ? null : xml("body", {}, "x")),
    );
    const delivered = got.getChildren(name).map((e) => `${e.attrs["xml:lang"] ?? ""}=${e.getText()}`);
    const withLang = texts.filter(([lang]) => lang).map(([lang, text]) => `${lang}=${text}`);
    ctx.expect(delivered, `the <${name}/> elements as delivered`).to.include.members(withLang);
    ctx.expect(delivered.length, `number of <${name}/> elements`).to.equal(texts.length);
  },
}));

export default section("rfc6121", "5.2", "Message Syntax", [
  offlineCase({
    id: "rfc6121/5.2.2/no-type-is-normal",
    title:
      "a message without 'type' is handled as 'normal': an offline account gets it stored (or the sender an error)",
    requirements: ["RFC6121-5.2.2-6", "RFC6121-8.5.2.2.1-1"],
  }),
  offlineCase(
    {
      id: "rfc6121/5.2.2/unknown-type-is-normal",
      title: "a message with an unknown 'type' is handled as 'normal' (stored or bounced), not dropped",
      requirements: ["RFC6121-5.2.2-6", "RFC6121-5.2.2-2"],
    },
    "memo",
  ),
  {
    id: "rfc6121/5.2.2/unknown-type-delivered",
    title:
      "a message with an unknown 'type' to a bare JID with an available resource is delivered (as normal)",
    requirements: ["RFC6121-5.2.2-6", "RFC6121-5.2.2-4"],
    users: ["alice:available", "bob:available"],
    async run(_ctx, { alice, bob }) {
      const got = bob.expect(messageWithId("odd-type-2"));
      await alice.send(message(bob.account.jid, "x", { id: "odd-type-2", type: "memo" }));
      const back = await alice.barrier();
      const err = back.find((el) => el.name === "message" && el.attrs.id === "odd-type-2");
      if (err) return; // RFC 6121 §5.2.2 allows only the listed values: refusing the stanza is allowed too
      await got;
    },
  },
  {
    id: "rfc6121/5.2/escaped-body-relayed-intact",
    title: "body text with markup characters is delivered as the same character data",
    requirements: ["RFC6120-11.3-1", "RFC6120-8.4-13"],
    users: ["alice", "bob:available"],
    async run(ctx, { alice, bob }) {
      const text = `<b>bold</b> & "quotes" 'apos' <x:y xmlns:x='urn:x'/> ]]> &amp;`;
      await alice.send(message(bob.full, text, { id: "esc-1" }));
      const got = await bob.expect(messageWithId("esc-1"));
      const body = got.getChild("body");
      if (!body) throw new Violation(`the <body/> was not delivered: ${clip(got)}`);
      ctx.expect(body.getChildElements().length, "child elements inside <body/>").to.equal(0);
      ctx.expect(body.getText(), "the body's character data").to.equal(text);
    },
  },
  ...alternates,
  {
    id: "rfc6121/5.2.5/thread-opaque-with-parent",
    title: "<thread/> and its 'parent' are relayed exactly (opaque, compared only for equality)",
    requirements: ["RFC6121-5.2.5-7", "RFC6121-5.2.5-5"],
    users: ["alice:available", "bob:available"],
    async run(ctx, { alice, bob }) {
      const value = "e0ffe42b28561960c6b12b944a092794b9683a38-ThReAd";
      const got = await relay(alice, bob, (to) =>
        xml(
          "message",
          { to, id: "thread-1", type: "chat" },
          xml("body", {}, "in thread"),
          xml("thread", { parent: "7edac73ab41e45c4aafa7b2d7b749080-PaRent" }, value),
        ),
      );
      const thread = got.getChild("thread");
      if (!thread) throw new Violation(`the <thread/> was not delivered: ${clip(got)}`);
      ctx.expect(thread.getText(), "the thread id").to.equal(value);
      ctx.expect(thread.attrs.parent, "the 'parent'").to.equal("7edac73ab41e45c4aafa7b2d7b749080-PaRent");
    },
  },
]);
