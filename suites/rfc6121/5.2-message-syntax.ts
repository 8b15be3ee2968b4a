// RFC 6121 §5.2: what a delivered message keeps — the default type 'normal' for a missing or unknown
// 'type', <body/> and <subject/> alternates with their xml:lang, an opaque <thread/> with its 'parent'.
// (Body text with markup characters arrives as sent: rfc6120/11.3/relay-markup-like-text.)

import { Violation } from "../../harness/errors.ts";
import {
  type CaseSpec,
  type Client,
  clip,
  message,
  messageWithId,
  type RelayRow,
  type Row,
  relayCases,
  section,
  tableCases,
  xml,
} from "../kit/index.ts";

/** A message without 'type' or of a type RFC 6121 does not define, to an account that is offline. */
interface OfflineRow extends Row {
  type?: string;
}

/** Alice sends the row's message to bob, who has no available resource: stored, or an error back. */
const offline = tableCases<OfflineRow>(
  [
    {
      id: "rfc6121/5.2.2/no-type-is-normal",
      title:
        "a message without 'type' is handled as 'normal': an offline account gets it stored (or the sender an error)",
      requirements: ["RFC6121-5.2.2-6", "RFC6121-8.5.2.2.1-1"],
    },
    {
      id: "rfc6121/5.2.2/unknown-type-is-normal",
      title: "a message with an unknown 'type' is handled as 'normal' (stored or bounced), not dropped",
      requirements: ["RFC6121-5.2.2-6", "RFC6121-5.2.2-2"],
      type: "memo",
    },
  ],
  {
    users: ["alice:available", "bob:account"],
    async run({ id: caseId, type }, ctx, { alice }) {
      const id = caseId.split("/")[2];
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
    },
  },
);

/** Alternates of `name` (RFC 6121 §5.2.3, §5.2.4), [xml:lang or "", text] each, in a message of `type`. */
function alternates(name: string, type: string, texts: [string, string][]): Omit<RelayRow, keyof Row> {
  const sent = texts.map(([lang, text]) => xml(name, lang ? { "xml:lang": lang } : {}, text));
  return {
    messageId: `alt-${name}`,
    send: (bob: Client) =>
      xml(
        "message",
        { to: bob.account.jid, id: `alt-${name}`, type },
        ...sent,
        name === "body" ? null : xml("body", {}, "x"),
      ),
    // each alternate with a language arrives with it, and none is lost or added
    check(got, ctx) {
      const delivered = got.getChildren(name).map((e) => `${e.attrs["xml:lang"] ?? ""}=${e.getText()}`);
      const withLang = texts.filter(([lang]) => lang).map(([lang, text]) => `${lang}=${text}`);
      ctx.expect(delivered, `the <${name}/> elements as delivered`).to.include.members(withLang);
      ctx.expect(delivered.length, `number of <${name}/> elements`).to.equal(texts.length);
    },
  };
}

const THREAD = "e0ffe42b28561960c6b12b944a092794b9683a38-ThReAd";
const PARENT = "7edac73ab41e45c4aafa7b2d7b749080-PaRent";

/** What the delivered copy keeps; both users available, but where the row says otherwise. */
const relayed = relayCases([
  {
    id: "rfc6121/5.2.3/body-alternates-relayed",
    title: "several <body/> elements with distinct xml:lang reach the recipient, each with its language",
    requirements: ["RFC6121-5.2.3-2", "RFC6120-8.1.5-6"],
    users: ["alice:available", "bob:available"],
    ...alternates("body", "chat", [
      ["", "default"],
      ["de", "Standard"],
      ["fr", "défaut"],
    ]),
  },
  {
    id: "rfc6121/5.2.4/subject-alternates-relayed",
    title: "several <subject/> elements with distinct xml:lang reach the recipient unchanged",
    requirements: ["RFC6121-5.2.4-1", "RFC6120-8.1.5-6"],
    users: ["alice:available", "bob:available"],
    ...alternates("subject", "normal", [
      ["en", "Hello"],
      ["cs", "Ahoj"],
    ]),
  },
  {
    id: "rfc6121/5.2.5/thread-opaque-with-parent",
    title: "<thread/> and its 'parent' are relayed exactly (opaque, compared only for equality)",
    requirements: ["RFC6121-5.2.5-7", "RFC6121-5.2.5-5"],
    users: ["alice:available", "bob:available"],
    messageId: "thread-1",
    send: (bob) =>
      xml(
        "message",
        { to: bob.account.jid, id: "thread-1", type: "chat" },
        xml("body", {}, "in thread"),
        xml("thread", { parent: PARENT }, THREAD),
      ),
    check(got, ctx) {
      const thread = got.getChild("thread");
      if (!thread) throw new Violation(`the <thread/> was not delivered: ${clip(got)}`);
      ctx.expect(thread.getText(), "the thread id").to.equal(THREAD);
      ctx.expect(thread.attrs.parent, "the 'parent'").to.equal(PARENT);
    },
  },
]);

const unknownTypeDelivered: CaseSpec = {
  id: "rfc6121/5.2.2/unknown-type-delivered",
  title: "a message with an unknown 'type' to a bare JID with an available resource is delivered (as normal)",
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
};

export default section("rfc6121", "5.2", "Message Syntax", [...offline, unknownTypeDelivered, ...relayed]);
