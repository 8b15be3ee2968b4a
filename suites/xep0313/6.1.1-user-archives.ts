// XEP-0313 §6.1.1 User Archives: the messages of type 'chat' or 'normal' with a <body/> that a user sends
// or receives SHOULD be in the user's archive (a missing one is WARN), and one that is there is the message
// as sent (§3: body and standard attributes MUST be kept), stored once however many resources got it.
import { Violation } from "../../harness/errors.ts";
import {
  archivedCopy,
  assertStoredAsSent,
  type CaseContext,
  copiesOf,
  FRESH_ARCHIVE,
  mamQuery,
  requireMam,
  section,
  sendMany,
  type Users,
} from "../kit/index.ts";

interface Row {
  slug: string;
  title: string;
  /** Whose archive is read. */
  owner: "alice" | "bob";
  type: "chat" | "normal";
  /** bob sends to alice's full JID instead of her bare JID. */
  full?: boolean;
}

/** bob sends alice one message; the archive of `owner` holds it, as sent. */
const ROWS: Row[] = [
  {
    slug: "received-chat-bare",
    title: "a chat message to the user's bare JID",
    owner: "alice",
    type: "chat",
  },
  {
    slug: "received-chat-full",
    title: "a chat message to the user's full JID",
    owner: "alice",
    type: "chat",
    full: true,
  },
  { slug: "received-normal", title: "a normal message the user receives", owner: "alice", type: "normal" },
  { slug: "sent-chat", title: "a chat message the user sends", owner: "bob", type: "chat" },
  { slug: "sent-normal", title: "a normal message the user sends", owner: "bob", type: "normal" },
];

export default section("xep0313", "6.1.1", "User Archives", [
  ...ROWS.map((row) => ({
    id: `xep0313/6.1.1/${row.slug}`,
    title: `${row.title} is in the user's archive, its body and addresses as sent`,
    requirements: ["XEP0313-6.1.1-1", "XEP0313-6.1.1-7", "XEP0313-3-2"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    run: (ctx: CaseContext, users: Users) => archived(ctx, users, row),
  })),
  {
    id: "xep0313/6.1.1/bare-message-stored-once",
    title: "a message to the bare JID delivered to two resources is stored once in the archive",
    requirements: ["XEP0313-6.1.1-9", "XEP0313-6.1.1-1"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMam(ctx, alice);
      const second = await ctx.login("alice", "online");
      const [sent] = await sendMany(ctx, bob, alice, 1);
      await ctx.setUp("alice's second resource gets it too", () =>
        second.expect({ name: "message", id: sent.id }),
      );
      const { results } = await mamQuery(alice);
      const copies = copiesOf(results, sent);
      if (!ctx.should(copies.length > 0, "the message bob sent alice is not in her archive (§6.1.1 SHOULD)"))
        return;
      if (copies.length > 1)
        throw new Violation(`alice's archive holds the message ${copies.length} times, once per resource`);
    },
  },
]);

async function archived(ctx: CaseContext, { alice, bob }: Users, row: Row): Promise<void> {
  const owner = row.owner === "alice" ? alice : bob;
  await requireMam(ctx, owner);
  const [sent] = await sendMany(ctx, bob, alice, 1, {
    type: row.type,
    ...(row.full ? { toJid: alice.full } : {}),
  });
  const { results } = await mamQuery(owner, {}, `${row.owner}'s archive query`);
  const got = archivedCopy(results, sent);
  const where = row.owner === "alice" ? "received" : "sent";
  if (
    !ctx.should(
      got !== undefined,
      `the ${row.type} message ${row.owner} ${where} is not in the archive (§6.1.1 SHOULD)`,
    )
  )
    return;
  if (got) assertStoredAsSent(ctx, got, sent.stanza, bob.full);
}
