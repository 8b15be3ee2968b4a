// XEP-0280 §6: the messages eligible for carbons, one case per rule of §6.1 (the table in
// 6-eligible-table.ts). A copy that should (or should not) have been made is a WARN, and a FAIL where the
// server claims the rules as REQUIRED by advertising urn:xmpp:carbons:rules:0 (§6.2). Every copy that is
// made is checked like any other carbon (§7, §8).
import {
  type CaseSpec,
  carbonsPeer,
  chatMessage,
  checkCarbon,
  eligibilityRule,
  messageWithId,
  reachedPeer,
  section,
} from "../kit/index.ts";
import { ELIGIBILITY, type EligibilityRow } from "./6-eligible-table.ts";

function eligibilityCase(row: EligibilityRow): CaseSpec {
  const verb = row.copied ? "gets" : "gets no";
  const who = row.direction === "in" ? "received by" : "sent by";
  return {
    id: `xep0280/6/${row.slug}`,
    title: `another carbons-enabled resource ${verb} a carbon of ${row.title} ${who} one resource of the user`,
    // a copy that is made is checked like any other (§7, §8)
    requirements: ["XEP0280-6.2-1", ...row.rows, row.direction === "in" ? "XEP0280-7-4" : "XEP0280-8-4"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { peer, info } = await carbonsPeer(ctx, alice, "alice");
      const id = `elig-${row.slug}`;
      if (row.answers) {
        // the user's eligible message the contact's error answers (§6.1: "sent in response to")
        const got = bob.expect(messageWithId(id));
        await alice.send(chatMessage(bob.full, id));
        await got;
      }
      const [sender, to, kind] =
        row.direction === "in"
          ? ([bob, alice.full, "received"] as const)
          : ([alice, bob.full, "sent"] as const);
      const msg = row.message(to, id);
      // RFC 6121 §5.2.2: a message without 'type' is "normal"
      const type = msg.attrs.type ?? "normal";
      const delivered = (row.direction === "in" ? alice : bob).expect({
        name: "message",
        id,
        where: (el) => (el.attrs.type ?? "normal") === type,
        what: `of type '${type}'`,
      });
      await sender.send(msg);
      await delivered;
      const { carbons } = await reachedPeer(sender, peer, id);
      // the error row's own message was eligible and copied as <sent/>: only copies of the answer count
      const copies = carbons.filter((c) => !row.answers || c.getChild(kind, "urn:xmpp:carbons:2"));
      const shown = `${row.title} ${who} ${alice.full}`;
      // a server that tells MUC-related messages by the rooms it tracks need not see these as such
      if (row.mucRelated) ctx.reading("I-XEP0280-muc-related");
      eligibilityRule(
        ctx,
        row.mucRelated ? undefined : info,
        row.copied === copies.length > 0,
        row.copied ? `no carbon of ${shown}` : `a carbon of ${shown} was made`,
      );
      for (const c of copies) checkCarbon(ctx, c, { kind, receiver: peer, sent: msg, sender: sender.full });
    },
  };
}

export default section(
  "xep0280",
  "6",
  "Messages Eligible for Carbons Delivery",
  ELIGIBILITY.map(eligibilityCase),
);
