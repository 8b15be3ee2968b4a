// What the faults of ../faults/s2s-im.ts do to stanzas on their way to a remote domain (asked by
// fault-hooks-s2s-routing.ts for every stanza the s2s service takes from the stanza layer).
import type { Element } from "../../xml/element.ts";
import type { FaultCheck } from "../faults/index.ts";

/** s2s-routed-presence-stripped: presence for a remote domain loses every child (`stanza` is the route's copy). */
export function rewriteRouted(fault: FaultCheck, stanza: Element): void {
  if (stanza.name === "presence" && fault("s2s-routed-presence-stripped")) stanza.children = [];
}
