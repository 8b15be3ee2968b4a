// What the fuzz-only faults (faults/fuzz.ts) do: a crash of the in-process server, and a comment slipped
// into relayed messages. Kept apart from connection.ts so the stream logic there stays the RFC's.
import { type Element, xml } from "../xml/element.ts";
import type { FindingKind } from "../xml/findings.ts";
import { CRASH_DEPTH } from "./faults/fuzz.ts";
import type { FaultCheck } from "./faults/index.ts";

function depth(el: Element): number {
  let d = 0;
  for (const c of el.getChildElements()) d = Math.max(d, depth(c));
  return d + 1;
}

/** Does this first-level element bring the faulty server down? */
export function crashesOnElement(fault: FaultCheck, el: Element): boolean {
  if (fault("crash-deep-nesting") && depth(el) > CRASH_DEPTH) return true;
  if (fault("crash-address-form") && (el.attrs.to ?? "").split("@").length > 2) return true;
  return false;
}

/** Does this parser finding bring the faulty server down? */
export function crashesOnFinding(fault: FaultCheck, kind: FindingKind): boolean {
  return fault("crash-invalid-utf8") && kind === "invalid-utf8";
}

/** relay-comment: the wire form of a routed message, with a comment slipped in. */
export function commentedMessage(el: Element): string | undefined {
  if (el.name !== "message" || !el.attrs.from) return undefined;
  const copy = xml(el.name, { ...el.attrs }, ...el.children);
  const text = copy.toString();
  const at = text.indexOf(">") + 1;
  return `${text.slice(0, at)}<!-- relayed -->${text.slice(at)}`;
}
