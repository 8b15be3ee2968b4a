// Faults only the fuzzer is meant to find (`fuzzOnly`): inputs no scripted case sends. A "crash" of
// the in-process server is what a crash looks like from outside: it drops every connection and
// answers nothing more (ConnectionServer.crash); the fuzzer then restarts it, as a supervisor would.

import type { Element } from "../xml/element.ts";
import { xml } from "../xml/element.ts";
import type { FindingKind } from "../xml/findings.ts";
import type { FaultSpec } from "./types.ts";

export const FZ = {
  crashDeepNesting: "crash-deep-nesting",
  crashInvalidUtf8: "crash-invalid-utf8",
  crashAddressForm: "crash-address-form",
  relayComment: "relay-comment",
} as const;

/** Nesting (a stanza being depth 1) past which crash-deep-nesting brings the server down; below the parser's limit. */
export const CRASH_DEPTH = 40;

export const FUZZ_FAULTS: FaultSpec[] = [
  {
    name: FZ.crashDeepNesting,
    description: `crashes (stops answering) on a stanza nested more than ${CRASH_DEPTH} deep, instead of handling it or refusing it with <policy-violation/>`,
    breaks: ["RFC6120-4.9.3.14-1", "RFC6120-13.12-11"],
    fuzzOnly: true,
  },
  {
    name: FZ.crashInvalidUtf8,
    description:
      "crashes (stops answering) on invalid UTF-8 instead of closing that one stream with a stream error",
    breaks: ["RFC6120-11.6-3"],
    fuzzOnly: true,
  },
  {
    name: FZ.crashAddressForm,
    description:
      "crashes (stops answering) on a 'to' with two '@' (a@b@c) instead of bouncing it with <jid-malformed/>",
    breaks: ["RFC6120-8.3.3.8-1"],
    fuzzOnly: true,
  },
  {
    name: FZ.relayComment,
    description: "injects an XML comment into every message it routes to a client",
    breaks: ["RFC6120-11.1-2"],
    fuzzOnly: true,
  },
];

function depth(el: Element): number {
  let d = 0;
  for (const c of el.getChildElements()) d = Math.max(d, depth(c));
  return d + 1;
}

/** Does this first-level element bring the faulty server down? */
export function crashesOnElement(fault: (name: string) => boolean, el: Element): boolean {
  if (fault(FZ.crashDeepNesting) && depth(el) > CRASH_DEPTH) return true;
  if (fault(FZ.crashAddressForm) && (el.attrs.to ?? "").split("@").length > 2) return true;
  return false;
}

/** Does this parser finding bring the faulty server down? */
export function crashesOnFinding(fault: (name: string) => boolean, kind: FindingKind): boolean {
  return fault(FZ.crashInvalidUtf8) && kind === "invalid-utf8";
}

/** relay-comment: the wire form of a routed message, with a comment slipped in. */
export function commentedMessage(el: Element): string | undefined {
  if (el.name !== "message" || !el.attrs.from) return undefined;
  const copy = xml(el.name, { ...el.attrs }, ...el.children);
  const text = copy.toString();
  const at = text.indexOf(">") + 1;
  return `${text.slice(0, at)}<!-- relayed -->${text.slice(at)}`;
}
