// Two one-IQ services the server lists among its disco#info features (XEP-0030 §3.1: a listed feature is
// one the entity offers): its software version (XEP-0092) and its time (XEP-0202).
import { xml } from "../../xml/element.ts";
import type { IqCall } from "./iq.ts";

export const NS_VERSION = "jabber:iq:version";
export const NS_TIME = "urn:xmpp:time";

export function handleVersion(call: IqCall): void {
  if (call.iq.attrs.type !== "get") {
    call.error("bad-request");
    return;
  }
  call.result(
    xml(
      "query",
      { xmlns: NS_VERSION },
      xml("name", {}, "xmppspec reference server"),
      xml("version", {}, "1"),
    ),
  );
}

export function handleTime(call: IqCall): void {
  if (call.iq.attrs.type !== "get") {
    call.error("bad-request");
    return;
  }
  const now = call.ctx.now();
  call.result(xml("time", { xmlns: NS_TIME }, xml("tzo", {}, "+00:00"), xml("utc", {}, now.toISOString())));
}
