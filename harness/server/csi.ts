// XEP-0352 client state indication on one client stream: <active/> and <inactive/> nonzas (accepted once
// the client has authenticated, where the feature is offered, §4; never answered), and the one
// optimisation the reference server makes while a client is inactive: it holds back presence and
// messages without a body (chat states and the like, §3.2's examples) and sends them, in order, before
// anything else it sends that client, or when the client is active again (§5.1: before it handles the
// client's next request). A stream starts active (§5); the state is nobody else's business (§6).
import { type Element, xml } from "../xml/element.ts";
import type { FaultCheck } from "./faults/index.ts";
import type { StreamCondition } from "./stream-errors.ts";

export const NS_CSI = "urn:xmpp:csi:0";

/** The stream feature, offered after authentication (§4.1). */
export function csiFeature(): Element {
  return xml("csi", { xmlns: NS_CSI });
}

/** What the connection does for CSI. */
export interface CsiHost {
  /** Put a stanza on the wire now. */
  send(stanza: Element): void;
  /** Handle a stanza as if the client had sent it (only the csi-reveals-state fault does). */
  asFromClient(stanza: Element): void;
}

const hasBody = (el: Element) => el.getChildren("body").length > 0;

/** Stanzas the server may hold for an inactive client: presence, and messages without a body. */
function deferrable(el: Element): boolean {
  if (el.name === "presence") return true;
  return el.name === "message" && el.attrs.type !== "error" && !hasBody(el);
}

export class ClientState {
  private inactive: boolean;
  private held: Element[] = [];
  /** csi-flush-after-pong: <active/> came; flush only after the next IQ answer. */
  private flushAfterIq = false;

  constructor(
    private readonly fault: FaultCheck,
    private readonly host: CsiHost,
  ) {
    this.inactive = fault("csi-inactive-by-default");
  }

  /** A first-level element in the CSI namespace: undefined when handled, else the stream error to raise. */
  indicate(local: string): StreamCondition | undefined {
    if (local !== "active" && local !== "inactive") return "unsupported-stanza-type";
    if (this.fault("csi-nonza-stream-error")) return "unsupported-stanza-type";
    const was = this.inactive;
    this.inactive = local === "inactive";
    if (this.fault("csi-reveals-state") && was !== this.inactive)
      this.host.asFromClient(xml("presence", {}, this.inactive ? xml("show", {}, "away") : null));
    if (this.inactive) return undefined;
    if (this.fault("csi-flush-after-pong")) this.flushAfterIq = this.held.length > 0;
    else this.flush();
    return undefined;
  }

  /** A stanza for the client: held while inactive if it can wait, else sent after what was held. */
  outbound(stanza: Element): void {
    if (this.flushAfterIq) {
      if (stanza.name !== "iq") {
        this.held.push(stanza);
        return;
      }
      this.host.send(stanza);
      this.flushAfterIq = false;
      this.flush();
      return;
    }
    if (this.inactive) {
      if (stanza.name === "message" && hasBody(stanza) && this.fault("csi-drops-messages")) return;
      if (deferrable(stanza) || (stanza.name === "iq" && this.fault("csi-holds-iq-replies"))) {
        this.held.push(stanza);
        return;
      }
    }
    this.flush();
    this.host.send(stanza);
  }

  /** A stanza from the client: false when the csi-swallows-own-presence fault drops it. */
  inbound(stanza: Element): boolean {
    return !(this.inactive && stanza.name === "presence" && this.fault("csi-swallows-own-presence"));
  }

  private flush(): void {
    const held = this.held;
    this.held = [];
    for (const s of held) this.host.send(s);
  }
}
