// Archiving preferences (XEP-0441, in the urn:xmpp:mam:2 namespace; XEP-0313 §8.1 asks for such a
// mechanism): a default of always, never or roster, and JIDs always or never archived.
import { tryParseJid } from "../../jid.ts";
import { type Element, xml } from "../../xml/element.ts";
import type { IqCall } from "./iq.ts";
import { mamStore, type Prefs, type PrefsDefault } from "./mam-store.ts";

const DEFAULTS: readonly string[] = ["always", "never", "roster"];

function jids(list: Element | undefined): Set<string> | undefined {
  const out = new Set<string>();
  for (const j of list?.getChildren("jid") ?? []) {
    const jid = tryParseJid(j.getText().trim());
    if (!jid) return undefined;
    out.add(jid.bare().toString());
  }
  return out;
}

function prefsElement(p: Prefs): Element {
  const list = (name: string, set: Set<string>) => xml(name, {}, ...[...set].map((j) => xml("jid", {}, j)));
  return xml(
    "prefs",
    { xmlns: "urn:xmpp:mam:2", default: p.default },
    list("always", p.always),
    list("never", p.never),
  );
}

export function handlePrefs(call: IqCall): void {
  const account = call.session?.jid.bare().toString();
  if (call.scope !== "self" || !account) {
    call.error("forbidden");
    return;
  }
  const store = mamStore(call.ctx);
  if (call.iq.attrs.type === "get") {
    call.result(prefsElement(store.prefs(account)));
    return;
  }
  const def = call.payload.attrs.default ?? "";
  const always = jids(call.payload.getChild("always"));
  const never = jids(call.payload.getChild("never"));
  if (!DEFAULTS.includes(def) || !always || !never) {
    call.error("bad-request");
    return;
  }
  const prefs = { default: def as PrefsDefault, always, never };
  store.setPrefs(account, prefs);
  call.result(prefsElement(prefs));
}
