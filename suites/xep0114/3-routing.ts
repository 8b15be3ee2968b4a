// XEP-0114 §3 Protocol Flow, after the handshake: "the component can send stanzas through the server and
// receive stanzas from the server". A user's stanza to a JID at the component reaches it with the user's
// full JID as 'from' (RFC 6120 §8.1.2.1); the component's stanzas from any JID at its domain reach the
// user; a 'from' outside its domain is refused; stanzas before the handshake are not processed.
import { Violation } from "../../harness/errors.ts";
import {
  atComponent,
  type CaseContext,
  type Client,
  componentBarrier,
  componentCase,
  componentLogin,
  componentStreamWithId,
  handshakeFor,
  NS,
  nextId,
  type Session,
  section,
  xml,
} from "../kit/index.ts";

/** Wait on the component's stream for a stanza of this id; a miss is the routing SHOULD (RFC 6120 §10.4). */
async function reachesComponent(s: Session, id: string, what: string) {
  return s
    .expect((el) => el.attrs.id === id)
    .catch((err: Error) => {
      throw new Violation(`${what} never reached the component: ${err.message}`, true);
    });
}

/** RFC 6120 §8.1.2.1: what the component got carries the user's full JID, stamped by the server. */
function assertFullFrom(got: { attrs: Record<string, string> }, user: Client, what: string): void {
  if (got.attrs.from !== user.full)
    throw new Violation(
      `${what} reached the component from '${got.attrs.from ?? ""}', not from the user's full JID '${user.full}' (RFC 6120 §8.1.2.1)`,
    );
}

interface SpoofRow {
  slug: string;
  title: string;
  from(ctx: CaseContext, alice: Client): string;
}

const SPOOFS: SpoofRow[] = [
  { slug: "user", title: "a user of the server", from: (ctx) => `mallory@${ctx.domain}` },
  { slug: "server", title: "the server's own domain", from: (ctx) => ctx.domain },
];

function spoofCase(row: SpoofRow) {
  return componentCase({
    id: `xep0114/3/foreign-from-${row.slug}-refused`,
    title: `the component's message with a 'from' of ${row.title} is not delivered`,
    requirements: ["XEP0114-3-9"],
    users: ["alice:available"],
    async run(ctx, { alice }) {
      ctx.reading("I-XEP0114-foreign-from");
      const s = await componentLogin(ctx);
      const id = nextId("spoof");
      const from = row.from(ctx, alice);
      await s.send(xml("message", { from, to: alice.full, id, type: "chat" }, xml("body", {}, "spoofed")));
      // the target handled the message before its answer on the same stream (a closed stream: refused)
      await componentBarrier(ctx, s).catch(() => {});
      await alice.barrier();
      const got = alice.inbox.find((el) => el.attrs.id === id);
      if (got)
        throw new Violation(
          `a message the component sent from '${from}' reached ${alice.full}: "The domain identifier portion of the JID contained in the 'from' attribute MUST match the hostname of the component": ${got.toString().slice(0, 200)}`,
        );
    },
  });
}

export default section("xep0114", "3", "Protocol Flow: routing", [
  componentCase({
    id: "xep0114/3/user-message-reaches-component",
    title: "a user's message to a JID at the component reaches it, from the user's full JID",
    requirements: ["RFC6120-8.1.2.1-1", "RFC6120-10.4-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const s = await componentLogin(ctx);
      const id = nextId("to-comp");
      const arrived = reachesComponent(s, id, "alice's message");
      await alice.send(
        xml("message", { to: atComponent(ctx, "bot"), id, type: "chat" }, xml("body", {}, "hi")),
      );
      assertFullFrom(await arrived, alice, "alice's message");
    },
  }),
  componentCase({
    id: "xep0114/3/user-presence-reaches-component",
    title: "a user's directed presence to a JID at the component reaches it, from the user's full JID",
    requirements: ["RFC6120-8.1.2.1-1", "RFC6121-4.6.3-3"],
    users: ["alice:available"],
    async run(ctx, { alice }) {
      const s = await componentLogin(ctx);
      const id = nextId("pres");
      const arrived = reachesComponent(s, id, "alice's directed presence");
      await alice.send(xml("presence", { to: atComponent(ctx, "bot"), id }));
      assertFullFrom(await arrived, alice, "alice's directed presence");
    },
  }),
  componentCase({
    id: "xep0114/3/iq-round-trip",
    title: "a user's IQ reaches the component, and the component's result reaches the user",
    requirements: ["RFC6121-8.5.3.1-2", "RFC6120-8.1.2.1-1", "RFC6120-10.4-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const s = await componentLogin(ctx);
      const id = nextId("iq-comp");
      const to = atComponent(ctx, "bot");
      const arrived = reachesComponent(s, id, "alice's IQ");
      const reply = alice.iq(xml("iq", { type: "get", to, id }, xml("query", { xmlns: NS.discoInfo })));
      reply.catch(() => {});
      const got = await arrived;
      assertFullFrom(got, alice, "alice's IQ");
      await s.send(
        xml(
          "iq",
          { type: "result", from: to, to: got.attrs.from, id },
          xml("query", { xmlns: NS.discoInfo }),
        ),
      );
      const answer = await reply.catch((err: Error) => {
        throw new Violation(`the component's IQ result never reached ${alice.full}: ${err.message}`);
      });
      if (answer.attrs.type !== "result" || answer.attrs.from !== to)
        throw new Violation(`alice got ${answer.toString().slice(0, 200)} instead of the component's result`);
    },
  }),
  componentCase({
    id: "xep0114/3/component-message-delivered",
    title: "the component's message from any JID at its domain is delivered to the user's full JID",
    requirements: ["RFC6121-8.5.3.1-3", "XEP0114-3-10"],
    users: ["alice:available"],
    async run(ctx, { alice }) {
      const s = await componentLogin(ctx);
      const id = nextId("from-comp");
      const from = atComponent(ctx, `bot-${id}`);
      const arrived = alice.expect({ name: "message", id });
      await s.send(xml("message", { from, to: alice.full, id, type: "chat" }, xml("body", {}, "hello")));
      const got = await arrived;
      if (got.attrs.from !== from)
        throw new Violation(`the component's message arrived from '${got.attrs.from ?? ""}', not '${from}'`);
    },
  }),
  componentCase({
    id: "xep0114/3/component-presence-delivered",
    title: "the component's available presence to the user's full JID is delivered",
    requirements: ["RFC6121-8.5.3.1-4"],
    users: ["alice:available"],
    async run(ctx, { alice }) {
      const s = await componentLogin(ctx);
      const id = nextId("pres-comp");
      const from = atComponent(ctx, "bot");
      const arrived = alice.expect({ name: "presence", id });
      await s.send(xml("presence", { from: `${from}/res`, to: alice.full, id }));
      await arrived;
    },
  }),
  ...SPOOFS.map(spoofCase),
  componentCase({
    id: "xep0114/3/stanza-before-handshake-not-processed",
    title: "a message the component sends before its handshake is not delivered",
    requirements: ["RFC6120-4.9.3.12-1"],
    users: ["alice:available"],
    async run(ctx, { alice }) {
      const { s, id: streamId } = await componentStreamWithId(ctx);
      const id = nextId("early");
      await s.send(
        xml("message", { from: atComponent(ctx, "bot"), to: alice.full, id }, xml("body", {}, "early")),
      );
      // if the stream is still open, the handshake and an answered IQ after it show the message was handled
      await s.send(xml("handshake", {}, handshakeFor(ctx, streamId)), { redact: true }).catch(() => {});
      await componentBarrier(ctx, s).catch(() => {});
      await alice.barrier();
      const got = alice.inbox.find((el) => el.attrs.id === id);
      if (got)
        throw new Violation(
          `a message the component sent before its handshake reached ${alice.full}: "the receiving entity MUST NOT process the outbound stanza" before the stream is authenticated (RFC 6120 §4.9.3.12)`,
        );
    },
  }),
  componentCase({
    id: "xep0114/3/close-answered",
    title: "the server answers the component's closing stream tag with its own",
    requirements: ["RFC6120-4.4-1"],
    async run(ctx) {
      const s = await componentLogin(ctx);
      await s.send("</stream:stream>");
      await s.expectClose();
      if (!s.streamEnded)
        throw new Violation("the server dropped the component's connection without closing its stream");
    },
  }),
]);
