// The little of @xmpp/client (a dev dependency for interop tests) that the tests use.
declare module "@xmpp/client" {
  import type { Element } from "@xmpp/xml";

  interface XmppClient {
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    send(el: Element): Promise<void>;
    isSecure(): boolean;
    jid: { toString(): string } | null;
    on(event: "stanza" | "element" | "send", fn: (el: Element) => void): void;
    on(event: "error", fn: (err: Error) => void): void;
  }
  export function client(opts: {
    service: string;
    domain: string;
    username: string;
    password: string;
  }): XmppClient;
}
