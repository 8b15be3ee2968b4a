// Faults only the fuzzer is meant to find (`fuzzOnly`): inputs no scripted case sends. A "crash" of
// the in-process server is what a crash looks like from outside: it drops every connection and
// answers nothing more (ConnectionServer.crash; ../fault-hooks-fuzz.ts); the fuzzer then restarts it, as a supervisor would.
import type { FaultSpec } from "./spec.ts";

/** Nesting (a stanza being depth 1) past which crash-deep-nesting brings the server down; below the parser's limit. */
export const CRASH_DEPTH = 40;

export const FUZZ_FAULTS = [
  {
    name: "crash-deep-nesting",
    description: `crashes (stops answering) on a stanza nested more than ${CRASH_DEPTH} deep, instead of handling it or refusing it with <policy-violation/>`,
    breaks: ["RFC6120-4.9.3.14-1", "RFC6120-13.12-11"],
    fuzzOnly: true,
  },
  {
    name: "crash-invalid-utf8",
    description:
      "crashes (stops answering) on invalid UTF-8 instead of closing that one stream with a stream error",
    breaks: ["RFC6120-11.6-3"],
    fuzzOnly: true,
  },
  {
    name: "crash-address-form",
    description:
      "crashes (stops answering) on a 'to' with two '@' (a@b@c) instead of bouncing it with <jid-malformed/>",
    breaks: ["RFC6120-8.3.3.8-1"],
    fuzzOnly: true,
  },
  {
    name: "relay-comment",
    description: "injects an XML comment into every message it routes to a client",
    breaks: ["RFC6120-11.1-2"],
    fuzzOnly: true,
  },
  {
    name: "restricted-xml-mixed",
    description:
      "answers restricted XML with <not-well-formed/> where <restricted-xml/> is due, and skips processing instructions without any stream error",
    breaks: ["RFC6120-11.1-3"],
    fuzzOnly: true,
  },
  {
    name: "drop-spoofed-from",
    description:
      "silently drops a client's stanza whose 'from' is not its own address, instead of stamping its full JID over it or closing with <invalid-from/>",
    breaks: ["RFC6120-8.1.2.1-1"],
    fuzzOnly: true,
  },
  {
    name: "spoofed-from-not-authorized",
    description:
      "ends the stream of a client that claims another 'from' with <not-authorized/> instead of <invalid-from/>",
    breaks: ["RFC6120-8.1.2.1-1"],
    fuzzOnly: true,
  },
] as const satisfies readonly FaultSpec[];
