// XEP-0313 §5 Archive metadata (#extended): <start/> and <end/> name the first and last messages, or an
// empty <metadata/> for an empty archive.
import { Violation } from "../../harness/errors.ts";
import type { Client, Element } from "../kit/index.ts";
import {
  clip,
  FRESH_ARCHIVE,
  idsOf,
  mamQuery,
  NS_MAM,
  requireMamExtended,
  section,
  sendMany,
  uid,
  xml,
} from "../kit/index.ts";

async function metadata(client: Client): Promise<Element> {
  const reply = await client.iq(
    xml("iq", { type: "get", id: `meta-${uid()}` }, xml("metadata", { xmlns: NS_MAM })),
  );
  const meta = reply.getChild("metadata", NS_MAM);
  if (reply.attrs.type !== "result" || !meta)
    throw new Violation(`the metadata request got no <metadata/>: ${clip(reply)}`);
  return meta;
}

export default section("xep0313", "5", "Archive metadata", [
  {
    id: "xep0313/5/metadata-empty-archive",
    title: "an empty archive's metadata is an empty <metadata/>",
    requirements: ["XEP0313-5-2"],
    needs: FRESH_ARCHIVE,
    users: ["alice"],
    async run(ctx, { alice }) {
      await requireMamExtended(ctx, alice);
      const meta = await metadata(alice);
      if (meta.getChildElements().length > 0)
        throw new Violation(`the empty archive's metadata is not empty: ${clip(meta)}`);
    },
  },
  {
    id: "xep0313/5/metadata-start-end",
    title: "the metadata's <start/> and <end/> name the archive's first and last messages, with stamps",
    requirements: ["XEP0313-5-1"],
    needs: FRESH_ARCHIVE,
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await requireMamExtended(ctx, alice);
      await sendMany(ctx, bob, alice, 4);
      const ids = idsOf((await mamQuery(alice, { max: 10 })).results);
      ctx.require(ids.length > 0, "nothing is archived (§6.1.1 is a SHOULD)");
      const meta = await metadata(alice);
      const [start, end] = [meta.getChild("start"), meta.getChild("end")];
      if (start?.attrs.id !== ids[0] || end?.attrs.id !== ids.at(-1))
        throw new Violation(
          `the metadata names ${start?.attrs.id ?? "(none)"} to ${end?.attrs.id ?? "(none)"}; the archive runs ${ids[0]} to ${ids.at(-1)}`,
        );
      for (const el of [start, end])
        if (Number.isNaN(Date.parse(el?.attrs.timestamp ?? "")))
          throw new Violation(`<${el?.getName() ?? ""}/> has no XEP-0082 'timestamp'`);
    },
  },
]);
