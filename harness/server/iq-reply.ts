// Replies the connection layer itself sends to IQs (binding, registration, requests before binding).
import { type Element, NS, xml } from "../xml/element.ts";

/**
 * Replies come from where the request went: a request without 'to' is handled "as if the server were the
 * bare JID of the sending entity" (RFC 6120 §10.3.3), so its reply carries no 'from' (§8.1.2.1 rule 3).
 */
export function replyAttrs(req: Element, type: "result" | "error"): Record<string, string | undefined> {
  return { type, id: req.attrs.id, from: req.attrs.to };
}

export function iqResult(req: Element, ...payload: Element[]): Element {
  return xml("iq", replyAttrs(req, "result"), ...payload);
}

/** An IQ error (§8.3) with the condition in the stanzas namespace and optional text. */
export function iqError(req: Element, type: string, condition: string, text?: string): Element {
  return xml(
    "iq",
    replyAttrs(req, "error"),
    xml(
      "error",
      { type },
      xml(condition, { xmlns: NS.stanzas }),
      text ? xml("text", { xmlns: NS.stanzas, "xml:lang": "en" }, text) : null,
    ),
  );
}
