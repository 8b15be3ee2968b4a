// Types for @xmpp/xml 0.14 (ltx elements), which ships none.
declare module "@xmpp/xml" {
  export type Node = Element | string;
  export class Element {
    constructor(name: string, attrs?: Record<string, string>);
    name: string;
    attrs: Record<string, string>;
    children: Node[];
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    getName(): string;
    getNS(): string | undefined;
    findNS(prefix?: string): string | undefined;
    getAttr(name: string, xmlns?: string): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildByAttr(attr: string, val: string, xmlns?: string, recursive?: boolean): Element | undefined;
    getText(): string;
    getChildText(name: string, xmlns?: string): string | null;
    c(name: string, attrs?: Record<string, string>): Element;
    cnode(child: Node): Node;
    append(...nodes: Node[]): void;
    t(text: string): Element;
    up(): Element;
    root(): Element;
    remove(el: Element | string, xmlns?: string): Element;
    text(val?: string): string;
    attr(name: string, val?: string): string | undefined;
    toString(): string;
  }
  type Child = Node | Node[] | null | undefined | false | "";
  export function xml(
    name: string,
    attrs?: Record<string, string | number | undefined> | null,
    ...children: Child[]
  ): Element;
  export function escapeXML(s: string): string;
  export function escapeXMLText(s: string): string;
  export function unescapeXML(s: string): string;
  export default xml;
}
