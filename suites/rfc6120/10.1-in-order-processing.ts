// RFC 6120 §10.1: the server processes and delivers what one stream sends in the order it was sent.

import { Violation } from "../../harness/errors.ts";
import { clip, itemFor, markerBarrier, message, rosterGet, rosterSet, section } from "../kit/index.ts";

export default section("rfc6120", "10.1", "In-Order Processing", [
  {
    id: "rfc6120/10.1/in-order-delivery",
    title: "twenty messages from one stream arrive in the order sent",
    requirements: ["RFC6120-10.1-1", "RFC6120-10.1-2"],
    users: ["alice", "bob:available"],
    async run(ctx, { alice, bob }) {
      const sent = Array.from({ length: 20 }, (_, i) => `seq-${i}`);
      for (const [i, id] of sent.entries()) await alice.send(message(bob.full, `${i}`, { id }));
      await markerBarrier(alice, bob);
      const ids = bob.inbox
        .filter((el) => el.name === "message" && el.attrs.id?.startsWith("seq-"))
        .map((el) => el.attrs.id);
      ctx.expect(ids).to.deep.equal(sent);
    },
  },
  {
    id: "rfc6120/10.1/iq-processed-in-order",
    title: "a roster get sent right after a roster set (without waiting) already sees the new item",
    requirements: ["RFC6120-10.1-6", "RFC6120-10.1-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const contact = `inorder-${Date.now()}@${ctx.domain}`;
      const set = rosterSet(contact);
      set.attrs.id = "inorder-set";
      const get = rosterGet();
      get.attrs.id = "inorder-get";
      const setReply = alice.expect({ name: "iq", id: "inorder-set" });
      const reply = alice.expect({ name: "iq", id: "inorder-get" });
      await alice.send(`${set.toString()}${get.toString()}`);
      const r = await reply;
      ctx.expect((await setReply).attrs.type, "the roster set").to.equal("result");
      if (!itemFor(r, contact))
        throw new Violation(`the roster get processed before the preceding set: ${clip(r)}`);
    },
  },
]);
