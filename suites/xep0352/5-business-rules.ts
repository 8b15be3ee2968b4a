// XEP-0352 §5: a stream is active until the client says otherwise; the CSI state is not presence (the
// server treats the two apart: an inactive client's own presence goes out as ever, and going inactive
// changes nobody's view of the user's presence); and whatever the server holds back from an inactive
// client, it loses nothing that must be delivered: messages with a body, answers to the client's IQs.
// (§3.2 lets it discard messages holding only chat states, so those are not checked.)
import { Violation } from "../../harness/errors.ts";
import {
  chatMessage,
  indicate,
  lc,
  markerBarrier,
  messageWithId,
  NS,
  presence,
  presenceFromFull,
  requireCsi,
  section,
  subscribe,
  xml,
} from "../kit/index.ts";

export default section("xep0352", "5", "Business Rules", [
  {
    id: "xep0352/5/active-by-default",
    title: "a stream that sent no CSI element is active: a contact's chat state reaches it without delay",
    requirements: ["XEP0352-5-2"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      requireCsi(ctx, alice);
      // a message holding only a chat state is what an inactive client may be spared (§3.2); waiting for
      // it is the check: an active stream gets it at once, with nothing else to push it out
      const state = alice.expect(messageWithId("csi-state"));
      await bob.send(
        xml(
          "message",
          { to: alice.full, type: "chat", id: "csi-state" },
          xml("composing", { xmlns: "http://jabber.org/protocol/chatstates" }),
        ),
      );
      await state;
    },
  },
  {
    id: "xep0352/5/inactive-own-presence-broadcast",
    title: "presence an inactive client sends is broadcast to its contacts as ever",
    requirements: ["XEP0352-5-3", "RFC6121-4.4.2-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      requireCsi(ctx, alice);
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice));
      await indicate(alice, "inactive");
      const seen = bob.expect({
        ...presenceFromFull(alice.full),
        where: (p) => p.getChildText("show") === "dnd",
        what: "with <show>dnd</show>",
      });
      await alice.send(presence({ show: "dnd" }));
      await seen;
    },
  },
  {
    id: "xep0352/5/state-is-not-presence",
    title: "going inactive and active again changes nothing the user's other resource sees of its presence",
    requirements: ["XEP0352-5-3"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      requireCsi(ctx, alice);
      const other = await ctx.setUp("log in a second resource", () => ctx.login("alice", "online"));
      await markerBarrier(alice, other);
      other.inbox.splice(0);
      await indicate(alice, "inactive");
      await indicate(alice, "active");
      await markerBarrier(alice, other);
      const p = other.inbox.find((el) => el.name === "presence" && lc(el.attrs.from) === lc(alice.full));
      if (p) throw new Violation(`the CSI state changed the user's presence: ${p.toString().slice(0, 200)}`);
    },
  },
  {
    id: "xep0352/5/messages-not-lost",
    title:
      "messages with a body sent to an inactive client all reach it, at the latest once it is active again",
    requirements: ["RFC6121-8.5.3.1-3", "XEP0352-5.1-1"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      requireCsi(ctx, alice);
      await indicate(alice, "inactive");
      const ids = ["csi-m1", "csi-m2", "csi-m3"];
      for (const id of ids) await bob.send(chatMessage(alice.full, id));
      await bob.barrier();
      await indicate(alice, "active");
      const missing = ids.filter(
        (id) => !alice.inbox.some((el) => el.name === "message" && el.attrs.id === id),
      );
      if (missing.length)
        throw new Violation(
          `messages sent while the client was inactive never arrived: ${missing.join(", ")}`,
        );
    },
  },
  {
    id: "xep0352/5/iqs-answered-while-inactive",
    title: "the server answers an inactive client's IQ requests (a ping, its roster) while it stays inactive",
    requirements: ["RFC6120-8.2.3-4"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      requireCsi(ctx, alice);
      await indicate(alice, "inactive");
      await alice.iqResult(
        xml("iq", { type: "get" }, xml("query", { xmlns: NS.roster })),
        "roster get while inactive",
      );
      await alice.iq(xml("iq", { type: "get", to: ctx.domain }, xml("ping", { xmlns: NS.ping })));
    },
  },
]);
