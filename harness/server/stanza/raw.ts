// The unescaped-relay fault: message <body/> character data relayed as markup, the way a server that
// pastes text into its output without escaping would. The result must still be an Element the connection
// layer can serialise, so text that parses as an XML fragment becomes real child elements (an injection),
// and text that does not becomes a raw node ltx writes verbatim (non-well-formed output, the point).
import type { Element } from "../../xml/element.ts";
import { StreamParser } from "../../xml/parser.ts";
import { contentChildren } from "./util.ts";

/** A child node that ltx's serialiser writes as-is (Element.write calls child.write when present). */
class RawMarkup {
  constructor(readonly markup: string) {}
  write(writer: (s: string) => void): void {
    writer(this.markup);
  }
  toString(): string {
    return this.markup;
  }
}

/** Parses `text` as the content of an element; null if it is not a well-formed fragment. */
function parseFragment(text: string): (Element | string)[] | null {
  // the project's own parser, framed (one whole element per write), as for a WebSocket frame
  const parser = new StreamParser({ framed: true });
  let wrapper: Element | undefined;
  parser.on("element", (el) => {
    wrapper = el;
  });
  parser.write(`<raw>${text}</raw>`);
  return wrapper && !parser.failed ? wrapper.children : null;
}

/** Replaces the text of every <body/> by markup made from it; returns the same element. */
export function rawBodies(message: Element): Element {
  for (const body of contentChildren(message, "body")) {
    const text = body.getText();
    if (!/[<&>]/.test(text)) continue;
    const nodes = parseFragment(text);
    body.children = [];
    if (nodes) for (const n of nodes) body.cnode(n);
    else body.children.push(new RawMarkup(text) as unknown as string);
  }
  return message;
}
