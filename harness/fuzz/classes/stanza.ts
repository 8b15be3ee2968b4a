// The stanza level's classes: kind, to whom (role), which 'from' the client set, and the type's class.
import { FROM_ROLES } from "../levels/from-roles.ts";
import { ADDRESSES, type StanzaSpec } from "../levels/stanza.ts";
import { classOf, type LevelClasses } from "./facets.ts";

/** Types RFC 6120 §8.2 and RFC 6121 define for each kind ("error" apart: it is answered differently). */
const DEFINED: Record<StanzaSpec["kind"], readonly string[]> = {
  message: ["chat", "normal", "headline", "groupchat"],
  presence: ["unavailable", "subscribe", "subscribed", "unsubscribe", "unsubscribed", "probe"],
  iq: ["get", "set", "result"],
};

function typeClass(spec: StanzaSpec): string {
  if (spec.type === null) return "none";
  if (spec.type === "error") return "error";
  return DEFINED[spec.kind].includes(spec.type) ? "defined" : "undefined";
}

export function stanzaClass(spec: StanzaSpec): string {
  return classOf([
    ["kind", spec.kind],
    ["to", spec.to],
    ["from", spec.from ?? "none"],
    ["type", typeClass(spec)],
  ]);
}

export const stanzaClasses: LevelClasses<StanzaSpec[]> = {
  // a getter: levels/stanza.ts imports this file, so ADDRESSES is not there yet when it loads
  get facets() {
    return {
      kind: ["message", "presence", "iq"],
      to: ADDRESSES,
      from: FROM_ROLES,
      type: ["defined", "none", "undefined", "error"],
    };
  },
  of: (batch) => batch.map(stanzaClass),
};
