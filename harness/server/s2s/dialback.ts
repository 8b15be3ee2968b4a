// Server Dialback elements (XEP-0220): the stream feature and the <db:result/> / <db:verify/> answers.

import { NS_DIALBACK, NS_DIALBACK_FEATURE } from "../../s2s/ns.ts";
import { type Element, NS, xml } from "../../xml/element.ts";
import { defaultErrorType, type StanzaCondition } from "../stanza/errors.ts";

/** The conditions of XEP-0220 §2.4: stanza error conditions, and RFC 6120's stream condition for a lost connection. */
export type DialbackCondition = StanzaCondition | "remote-connection-failed";

/** XEP-0220 §2.4.1: dialback with error handling on offer. */
export function dialbackFeature(): Element {
  return xml("dialback", { xmlns: NS_DIALBACK_FEATURE }, xml("errors"));
}

/**
 * A <db:result/> or <db:verify/> (the 'db' prefix is declared on our stream headers, and again here so the
 * element stands alone): a request carries `key`; an answer a type, and for type 'error' a stanza error
 * condition (§2.4).
 */
export function dialbackElement(
  name: "result" | "verify",
  attrs: Record<string, string>,
  type?: string,
  condition?: DialbackCondition,
  key?: string,
): Element {
  const error =
    type === "error" && condition
      ? xml(
          "error",
          { type: condition === "remote-connection-failed" ? "cancel" : defaultErrorType(condition) },
          xml(condition, { xmlns: NS.stanzas }),
        )
      : null;
  return xml(
    `db:${name}`,
    { "xmlns:db": NS_DIALBACK, ...attrs, ...(type ? { type } : {}) },
    error,
    key ?? null,
  );
}
