// The stanza-layer faults that only change what is sent: each one a rewrite keyed by its name, of the
// error stanzas the server generates (StanzaContext.error) or of a message it hands to a client
// (StanzaContext.sendMessage). Those two are the one place each kind passes the rewrites; the routing and
// delivery code never sees them.
import { type Element, NS, xml } from "../../xml/element.ts";
import type { FaultCheck, FaultName } from "../faults/index.ts";
import { type StanzaCondition, wrongErrorType } from "./errors.ts";
import { rawBodies } from "./raw.ts";

/** What is going out: an error reply to `original`, or a message delivered to a client. */
export type StanzaSendPoint =
  | { kind: "error"; original: Element; condition: StanzaCondition }
  | { kind: "message" };

type Rewrite = (el: Element, at: StanzaSendPoint) => Element;

/** Message children the server understands (RFC 6121 §5.2); strip-unknown-children keeps only these. */
const MESSAGE_CHILDREN = new Set(["body", "subject", "thread", "error"]);

function stripLang(el: Element): void {
  delete el.attrs["xml:lang"];
  for (const c of el.children) if (typeof c !== "string") stripLang(c);
}

/** A rewrite of error replies' <error/> child (when `at` is an error and the reply has one). */
function errorChild(
  edit: (error: Element, reply: Element, at: { condition: StanzaCondition }) => void,
): Rewrite {
  return (el, at) => {
    const error = at.kind === "error" ? el.getChild("error") : undefined;
    if (error && at.kind === "error") edit(error, el, at);
    return el;
  };
}

function message(edit: (el: Element) => Element | undefined): Rewrite {
  return (el, at) => (at.kind === "message" ? (edit(el) ?? el) : el);
}

const REWRITES: { readonly [N in FaultName]?: Rewrite } = {
  // Error stanzas (RFC 6120 §8.3).
  "wrong-error-type": errorChild((error, _, at) => {
    const wrong = wrongErrorType(at.condition);
    if (wrong) error.attrs.type = wrong;
  }),
  "unknown-payload-feature-not-implemented": errorChild((error, reply, at) => {
    const cond = error.getChild("service-unavailable", NS.stanzas);
    if (cond && reply.name === "iq" && at.condition === "service-unavailable")
      cond.name = "feature-not-implemented";
  }),
  "error-drops-id": (el, at) => {
    if (at.kind === "error" && at.original.name !== "iq") delete el.attrs.id;
    return el;
  },
  "error-kind-placeholder": (el, at) => {
    if (at.kind === "error" && at.original.name === "message") el.name = "stanza-kind";
    return el;
  },
  "error-not-swapped": (el, at) => {
    if (at.kind !== "error") return el;
    delete el.attrs.from;
    delete el.attrs.to;
    if (at.original.attrs.from !== undefined) el.attrs.from = at.original.attrs.from;
    if (at.original.attrs.to !== undefined) el.attrs.to = at.original.attrs.to;
    return el;
  },
  "error-child-missing": errorChild((error, reply) => {
    reply.children = reply.children.filter((c) => c !== error);
  }),
  "error-type-invalid": errorChild((error) => {
    error.attrs.type = "fatal";
  }),
  "error-two-conditions": errorChild((error) => {
    error.append(xml("undefined-condition", { xmlns: NS.stanzas }));
  }),
  "error-text-unqualified": errorChild((error) => {
    error.append(xml("text", {}, "something went wrong"));
  }),
  // Delivered messages (RFC 6120 §11, RFC 6121 §5).
  "unescaped-relay": message((el) => rawBodies(el)),
  // U+FEFF in bodies taken for a byte order mark (RFC 6120 §11.6 forbids that).
  "zwnbsp-stripped": message((el) => {
    for (const body of el.getChildren("body"))
      body.children = body.children.map((c) => (typeof c === "string" ? c.replaceAll("\uFEFF", "") : c));
    return el;
  }),
  "strip-unknown-children": message((el) => {
    el.children = el.children.filter(
      (c) => typeof c === "string" || (MESSAGE_CHILDREN.has(c.name) && c.attrs.xmlns === undefined),
    );
    return el;
  }),
  "chat-delivered-as-normal": message((el) => {
    if (el.attrs.type === "chat") el.attrs.type = "normal";
    return el;
  }),
  "message-id-replaced": message((el) => {
    if (el.attrs.id !== undefined) el.attrs.id = `${el.attrs.id}-relayed`;
    return el;
  }),
  "strip-xml-lang": message((el) => {
    stripLang(el);
    return el;
  }),
};

const REWRITE_LIST = Object.entries(REWRITES) as [FaultName, Rewrite][];

/** `el` (built or copied for this one send) as the active faults send it. */
export function rewriteOutgoing(fault: FaultCheck, el: Element, at: StanzaSendPoint): Element {
  let out = el;
  for (const [name, rewrite] of REWRITE_LIST) if (fault(name)) out = rewrite(out, at);
  return out;
}
