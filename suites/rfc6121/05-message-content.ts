// RFC 6121 §5.2-5.3, §9: what a delivered message keeps — the default type, <body/> and <subject/>
// alternates with their xml:lang, an opaque <thread/> with its 'parent', extension content, and plain
// JIDs (no URI scheme) in its addresses.
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import { type Element, xml } from "../../harness/xml/element.ts";
import { clip } from "../helpers.ts";

/** Alice sends `msg` to bob's bare JID (bob has one available resource); bob's copy. */
async function relay(ctx: CaseContext, msg: (to: string) => Element): Promise<Element> {
  const [a, b] = ctx.accounts;
  const [alice, bob] = await Promise.all([
    ctx.login(a, { presence: true }),
    ctx.login(b, { presence: true }),
  ]);
  const el = msg(b.jid);
  await alice.send(el);
  return bob.expect({ name: "message", id: el.attrs.id });
}

/** Alice sends a message of `type` to bob, who has no available resource: stored, or an error back. */
async function offlineOutcome(ctx: CaseContext, type: string | undefined, id: string): Promise<void> {
  const [a, b] = ctx.accounts;
  const alice = await ctx.login(a, { presence: true });
  await alice.send(xml("message", { to: b.jid, id, type }, xml("body", {}, "typed?")));
  const back = await alice.barrier();
  if (back.some((el) => el.name === "message" && el.attrs.id === id && el.attrs.type === "error")) return;
  const bob = await ctx.login(b, { presence: true });
  await alice.send(
    xml("message", { to: bob.jid!.toString(), id: `${id}-marker`, type: "chat" }, xml("body", {}, "m")),
  );
  await bob.expect({ name: "message", id: `${id}-marker` });
  if (!bob.inbox.some((el) => el.name === "message" && el.attrs.id === id))
    throw new Violation(
      "the message was silently dropped like a headline; as type 'normal' it should be stored or bounced",
      true,
    );
}

const langOf = (el: Element) => el.attrs["xml:lang"];

export default section("rfc6121", "5", "Exchanging Messages", [
  {
    id: "rfc6121/5.2.2/no-type-is-normal",
    title:
      "a message without 'type' is handled as 'normal': an offline account gets it stored (or the sender an error)",
    requirements: ["RFC6121-5.2.2-6", "RFC6121-8.5.2.2.1-1"],
    accounts: 2,
    run: (ctx) => offlineOutcome(ctx, undefined, "no-type-1"),
  },
  {
    id: "rfc6121/5.2.2/unknown-type-is-normal",
    title: "a message with an unknown 'type' is handled as 'normal' (stored or bounced), not dropped",
    requirements: ["RFC6121-5.2.2-6", "RFC6121-5.2.2-2"],
    accounts: 2,
    run: (ctx) => offlineOutcome(ctx, "memo", "odd-type-1"),
  },
  {
    id: "rfc6121/5.2.2/unknown-type-delivered",
    title:
      "a message with an unknown 'type' to a bare JID with an available resource is delivered (as normal)",
    requirements: ["RFC6121-5.2.2-6", "RFC6121-5.2.2-4"],
    accounts: 2,
    async run(ctx) {
      const [a, b] = ctx.accounts;
      const [alice, bob] = await Promise.all([
        ctx.login(a, { presence: true }),
        ctx.login(b, { presence: true }),
      ]);
      const got = bob.expect({ name: "message", id: "odd-type-2" });
      await alice.send(xml("message", { to: b.jid, id: "odd-type-2", type: "memo" }, xml("body", {}, "x")));
      const back = await alice.barrier();
      const err = back.find((el) => el.name === "message" && el.attrs.id === "odd-type-2");
      if (err) return; // RFC 6121 §5.2.2 allows only the listed values: refusing the stanza is allowed too
      await got;
    },
  },
  {
    id: "rfc6121/5.2.3/body-alternates-relayed",
    title: "several <body/> elements with distinct xml:lang reach the recipient, each with its language",
    requirements: ["RFC6121-5.2.3-2", "RFC6120-8.1.5-6"],
    accounts: 2,
    async run(ctx) {
      const got = await relay(ctx, (to) =>
        xml(
          "message",
          { to, id: "alt-body", type: "chat" },
          xml("body", {}, "default"),
          xml("body", { "xml:lang": "de" }, "Standard"),
          xml("body", { "xml:lang": "fr" }, "défaut"),
        ),
      );
      const bodies = got.getChildren("body").map((b) => `${langOf(b) ?? ""}=${b.getText()}`);
      ctx.expect(bodies, "the bodies as delivered").to.include.members(["de=Standard", "fr=défaut"]);
      ctx.expect(bodies.length, "number of bodies").to.equal(3);
    },
  },
  {
    id: "rfc6121/5.2.4/subject-alternates-relayed",
    title: "several <subject/> elements with distinct xml:lang reach the recipient unchanged",
    requirements: ["RFC6121-5.2.4-1", "RFC6120-8.1.5-6"],
    accounts: 2,
    async run(ctx) {
      const got = await relay(ctx, (to) =>
        xml(
          "message",
          { to, id: "alt-subject", type: "normal" },
          xml("subject", { "xml:lang": "en" }, "Hello"),
          xml("subject", { "xml:lang": "cs" }, "Ahoj"),
          xml("body", {}, "x"),
        ),
      );
      const subjects = got.getChildren("subject").map((s) => `${langOf(s) ?? ""}=${s.getText()}`);
      ctx.expect(subjects, "the subjects as delivered").to.have.members(["en=Hello", "cs=Ahoj"]);
    },
  },
  {
    id: "rfc6121/5.2.5/thread-opaque-with-parent",
    title: "<thread/> and its 'parent' are relayed exactly (opaque, compared only for equality)",
    requirements: ["RFC6121-5.2.5-7", "RFC6121-5.2.5-5"],
    accounts: 2,
    async run(ctx) {
      const value = "e0ffe42b28561960c6b12b944a092794b9683a38-ThReAd";
      const got = await relay(ctx, (to) =>
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
  {
    id: "rfc6121/5.3/extension-content-relayed",
    title: "a message's extended content (a child in another namespace) reaches the recipient unmodified",
    requirements: ["RFC6121-5.3-1", "RFC6120-8.4-13"],
    accounts: 2,
    async run(ctx) {
      const got = await relay(ctx, (to) =>
        xml(
          "message",
          { to, id: "ext-1", type: "chat" },
          xml("body", {}, "with extension"),
          xml("payload", { xmlns: "urn:xmppspec:message-ext", n: "1" }, xml("item", {}, "kept")),
        ),
      );
      const ext = got.getChild("payload", "urn:xmppspec:message-ext");
      if (!ext) throw new Violation(`the extension element was not delivered: ${clip(got)}`);
      ctx.expect(ext.getChildText("item"), "the extension's content").to.equal("kept");
    },
  },
  {
    id: "rfc6121/9/addresses-without-uri-scheme",
    title: "the 'from' and 'to' of a delivered message are JIDs, not xmpp: URIs",
    requirements: ["RFC6121-9-1"],
    accounts: 2,
    async run(ctx) {
      const got = await relay(ctx, (to) =>
        xml("message", { to, id: "uri-1", type: "chat" }, xml("body", {}, "x")),
      );
      for (const attr of ["from", "to"])
        if (/^[a-z][a-z0-9+.-]*:/i.test(got.attrs[attr] ?? ""))
          throw new Violation(`the '${attr}' carries a URI scheme: '${got.attrs[attr]}'`);
    },
  },
]);
