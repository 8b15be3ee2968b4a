// RFC 6121 §2.4: an update replaces the item as a whole (name and groups exactly as sent). That it is
// pushed to every interested resource is a row of 2.2-retrieving.ts.
import { type Element, freshJid, itemFor, pushWhere, rosterItem, rosterSet, section } from "../kit/index.ts";

const groupsOf = (i: Element | undefined) => (i?.getChildren("group") ?? []).map((g) => g.getText()).sort();

export default section("rfc6121", "2.4", "Updating a Roster Item", [
  {
    id: "rfc6121/2.4.1/update-replaces-groups",
    title: "updating an item replaces its name and groups exactly as provided (the item is atomic)",
    requirements: ["RFC6121-2.4.1-1", "RFC6121-2.4.2-1"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const contact = freshJid(ctx.domain, "update");
      await alice.iqResult(rosterSet(contact, { name: "Old" }, ["A", "B"]), "roster set (add)");
      const push = alice.expect(pushWhere(contact, "named 'New'", (i) => i.attrs.name === "New"));
      await alice.iqResult(rosterSet(contact, { name: "New" }, ["C"]), "roster set (update)");
      ctx.expect(groupsOf(itemFor(await push, contact)), "groups in the push").to.deep.equal(["C"]);
      const item = await rosterItem(alice, contact);
      ctx.expect(item?.attrs.name, "name").to.equal("New");
      ctx.expect(groupsOf(item), "groups in the roster").to.deep.equal(["C"]);
    },
  },
  {
    id: "rfc6121/2.4.1/update-drops-all-groups",
    title: "an update without <group/> removes the item from every group",
    requirements: ["RFC6121-2.4.1-1", "RFC6121-2.4.2-1"],
    users: ["alice:interested"],
    async run(ctx, { alice }) {
      const contact = freshJid(ctx.domain, "ungroup");
      await alice.iqResult(rosterSet(contact, { name: "N" }, ["Work", "Friends"]), "roster set (add)");
      const push = alice.expect(
        pushWhere(contact, "in no group", (i) => i.getChildren("group").length === 0),
      );
      await alice.iqResult(rosterSet(contact, { name: "N" }), "roster set (update)");
      await push;
      ctx.expect(groupsOf(await rosterItem(alice, contact)), "groups").to.deep.equal([]);
    },
  },
]);
