// RFC 6121 §2.4: an update replaces the item as a whole (name and groups exactly as sent). That it is
// pushed to every interested resource is a row of 2.2-retrieving.ts.
import {
  type Element,
  freshJid,
  pushWhere,
  type Row,
  rosterItem,
  rosterSet,
  section,
  tableCases,
} from "../kit/index.ts";

const groupsOf = (i: Element | undefined) => (i?.getChildren("group") ?? []).map((g) => g.getText()).sort();

/** An item's name and groups. */
interface Item {
  name: string;
  groups: string[];
}

/** An item added as `added`, then updated to `updated`: the push and the roster show `updated` exactly. */
interface UpdateRow extends Row {
  added: Item;
  updated: Item;
}

const is = (i: Element, { name, groups }: Item) =>
  i.attrs.name === name && groupsOf(i).join("\n") === [...groups].sort().join("\n");

export default section("rfc6121", "2.4", "Updating a Roster Item", [
  ...tableCases<UpdateRow>(
    [
      {
        id: "rfc6121/2.4.1/update-replaces-groups",
        title: "updating an item replaces its name and groups exactly as provided (the item is atomic)",
        requirements: ["RFC6121-2.4.1-1", "RFC6121-2.4.2-1"],
        added: { name: "Old", groups: ["A", "B"] },
        updated: { name: "New", groups: ["C"] },
      },
      {
        id: "rfc6121/2.4.1/update-drops-all-groups",
        title: "an update without <group/> removes the item from every group",
        requirements: ["RFC6121-2.4.1-1", "RFC6121-2.4.2-1"],
        added: { name: "N", groups: ["Work", "Friends"] },
        updated: { name: "N", groups: [] },
      },
    ],
    {
      users: ["alice:interested"],
      async run({ added, updated }, ctx, { alice }) {
        const contact = freshJid(ctx.domain, "update");
        await alice.iqResult(rosterSet(contact, { name: added.name }, added.groups), "roster set (add)");
        const what = `named '${updated.name}' in groups [${updated.groups.join(", ")}]`;
        const push = alice.expect(pushWhere(contact, what, (i) => is(i, updated)));
        await alice.iqResult(
          rosterSet(contact, { name: updated.name }, updated.groups),
          "roster set (update)",
        );
        await push;
        const item = await rosterItem(alice, contact);
        ctx.expect(item?.attrs.name, "name").to.equal(updated.name);
        ctx.expect(groupsOf(item), "groups in the roster").to.deep.equal([...updated.groups].sort());
      },
    },
  ),
]);
