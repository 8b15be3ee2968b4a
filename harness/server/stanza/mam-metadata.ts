// XEP-0313 §5 Archive metadata (with #extended): the ids and stamps of the archive's first and last
// messages, or an empty <metadata/> for an empty archive.
import { xml } from "../../xml/element.ts";
import { metadataWrong } from "./fault-hooks-mam.ts";
import type { IqCall } from "./iq.ts";
import { mamStore } from "./mam-store.ts";
import { xmppTimestamp } from "./util.ts";

export function handleMetadata(call: IqCall): void {
  const account = call.session?.jid.bare().toString();
  if (call.iq.attrs.type !== "get" || !account) {
    call.error("bad-request");
    return;
  }
  const archive = mamStore(call.ctx).archive(account);
  const ends = metadataWrong(call.ctx) ? [archive.at(-1), archive[0]] : [archive[0], archive.at(-1)];
  const [first, last] = ends;
  const bound = (name: string, item: typeof first) =>
    item ? xml(name, { id: item.id, timestamp: xmppTimestamp(item.stamp) }) : xml(name);
  const kids = first || metadataWrong(call.ctx) ? [bound("start", first), bound("end", last)] : [];
  call.result(xml("metadata", { xmlns: "urn:xmpp:mam:2" }, ...kids));
}
