// XEP-0313 §3 Message archives: ids unique within the archive (§3, §6.2), the order the messages came
// in (§3.1), and the <stanza-id/> a delivered message carries naming its archive id (§3.5, XEP-0359).
import { Violation } from "../../harness/errors.ts";
import {
  clip,
  FRESH_ARCHIVE,
  idsOf,
  mamQuery,
  message,
  messageWithId,
  NS_SID,
  requireMam,
  section,
  sendMany,
  uid,
  xml,
} from "../kit/index.ts";

export default section("xep0313", "3", "Message archives", [
  {
    id: "xep0313/3/ids-unique",
    title: "every message in an archive of 20 has an id of its own",
    requirements: ["XEP0313-3-1", "XEP0313-6.2-1"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      await sendMany(ctx, bob, alice, 20);
      const { results } = await mamQuery(alice);
      const ids = idsOf(results);
      const seen = new Set<string>();
      for (const id of ids) {
        if (!id) throw new Violation("a result carries no archive id (§4.2: <result id=.../>)");
        if (seen.has(id)) throw new Violation(`the archive id '${id}' names two messages`);
        seen.add(id);
      }
    },
  },
  {
    id: "xep0313/3.1/archive-order",
    title: "the archive keeps messages sent and received in the order the server handled them",
    requirements: ["XEP0313-3.1-1", "XEP0313-4.2-5"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      // each message waits for the one before it to arrive: the order is the server's, not a race
      const tag = uid();
      const bodies: string[] = [];
      await ctx.setUp("alice and bob take turns sending six messages", async () => {
        for (let i = 0; i < 6; i++) {
          const [from, to] = i % 2 === 0 ? [bob, alice] : [alice, bob];
          const id = `${tag}-${i}`;
          bodies.push(`${tag} turn ${i}`);
          await from.send(message(to.bare, `${tag} turn ${i}`, { id }));
          await to.expect(messageWithId(id));
        }
      });
      const { results } = await mamQuery(alice);
      const got = results
        .map((r) => r.message.getChild("body")?.getText() ?? "")
        .filter((b) => bodies.includes(b));
      if (
        !ctx.should(
          got.length === bodies.length,
          `alice's archive holds ${got.length} of the 6 messages (§6.1.1 SHOULD)`,
        )
      )
        return;
      if (got.join("|") !== bodies.join("|"))
        throw new Violation(
          `the archive returns the messages in the order ${got.join(", ")}; they came ${bodies.join(", ")}`,
        );
    },
  },
  {
    id: "xep0313/3.5/stanza-id-on-delivery",
    title:
      "a message archived for its recipient arrives with a <stanza-id/> by her bare JID naming its archive id",
    requirements: ["XEP0313-3.5-1", "XEP0313-3.5-3"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      const id = `sid-${uid()}`;
      const arrived = alice.expect(messageWithId(id));
      await bob.send(message(alice.bare, "stanza-id please", { id }));
      const got = await arrived;
      const { results } = await mamQuery(alice);
      const archived = results.find((r) => r.message.attrs.id === id);
      ctx.require(
        archived !== undefined,
        "the message is not in alice's archive (§6.1.1 is a SHOULD): nothing to name",
      );
      const sids = got.getChildren("stanza-id", NS_SID).filter((s) => s.attrs.by === alice.bare);
      if (sids.length !== 1)
        throw new Violation(
          `the archived message arrived with ${sids.length} <stanza-id by='${alice.bare}'/>: ${clip(got)}`,
        );
      if (sids[0].attrs.id !== archived?.id)
        throw new Violation(
          `its <stanza-id/> says '${sids[0].attrs.id ?? ""}', the archive id is '${archived?.id ?? ""}'`,
        );
    },
  },
  {
    id: "xep0313/3.5/no-sender-archive-id",
    title: "the recipient gets no <stanza-id/> of the sender's archive",
    requirements: ["XEP0313-3.5-4"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      const id = `sid-${uid()}`;
      const arrived = bob.expect(messageWithId(id));
      await alice.send(message(bob.bare, "to a contact", { id }));
      const got = await arrived;
      const leaked = got.getChildren("stanza-id", NS_SID).find((s) => s.attrs.by === alice.bare);
      if (leaked) throw new Violation(`bob got the <stanza-id/> of alice's archive: ${clip(got)}`);
    },
  },
  {
    id: "xep0313/3.5/forged-stanza-id-removed",
    title: "a <stanza-id/> the sender wrote in the recipient's archive's name does not reach her",
    requirements: ["XEP0313-3.5-2"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      const id = `sid-${uid()}`;
      const arrived = alice.expect(messageWithId(id));
      const forged = message(alice.bare, "forged stanza-id", { id });
      forged.append(xml("stanza-id", { xmlns: NS_SID, by: alice.bare, id: "forged-by-bob" }));
      ctx.allowAltered(
        id,
        "XEP-0359 §3: the server MUST remove a <stanza-id/> whose 'by' is its own archive",
      );
      await bob.send(forged);
      const got = await arrived;
      const kept = got.getChildren("stanza-id", NS_SID).find((s) => s.attrs.id === "forged-by-bob");
      if (kept)
        throw new Violation(
          `alice got bob's forged <stanza-id by='${alice.bare}'/> (XEP-0359 §3: the server MUST remove it): ${clip(got)}`,
        );
    },
  },
]);
