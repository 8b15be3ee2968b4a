// What the component faults (../faults/component.ts) do: each hook is asked at one place in
// component/stream.ts or component/service.ts.
import type { FaultCheck } from "../faults/index.ts";

export class ComponentFaultHooks {
  constructor(private readonly fault: FaultCheck) {}

  /** component-no-stream-id: the response header carries no 'id'. */
  omitsStreamId(): boolean {
    return this.fault("component-no-stream-id");
  }

  /** component-silent-header: no response header at all. */
  silentHeader(): boolean {
    return this.fault("component-silent-header");
  }

  /** component-any-name-accepted: 'to' is not checked. */
  acceptsAnyName(): boolean {
    return this.fault("component-any-name-accepted");
  }

  /** component-any-namespace-accepted: the content namespace is not checked. */
  acceptsAnyNamespace(): boolean {
    return this.fault("component-any-namespace-accepted");
  }

  /** component-header-error-bare: a header error goes out without a response header first. */
  bareHeaderError(): boolean {
    return this.fault("component-header-error-bare");
  }

  /** component-handshake-unchecked: every handshake value is taken. */
  acceptsAnyHandshake(): boolean {
    return this.fault("component-handshake-unchecked");
  }

  /** component-bad-handshake-open: after a wrong handshake the stream stays open. */
  keepsOpenAfterBadHandshake(): boolean {
    return this.fault("component-bad-handshake-open");
  }

  /** component-bad-handshake-no-error: a wrong handshake closes without a stream error. */
  closesWithoutError(): boolean {
    return this.fault("component-bad-handshake-no-error");
  }

  /** component-handshake-reply-not-empty: the success <handshake/> echoes the hash. */
  echoesHandshake(): boolean {
    return this.fault("component-handshake-reply-not-empty");
  }

  /** component-spoofed-from-accepted: a 'from' outside the component's domain is routed. */
  acceptsForeignFrom(): boolean {
    return this.fault("component-spoofed-from-accepted");
  }

  /** component-stanza-before-handshake-routed: stanzas before the handshake are routed. */
  routesBeforeHandshake(): boolean {
    return this.fault("component-stanza-before-handshake-routed");
  }

  /** component-from-bare: a user's full JID in 'from' becomes the bare JID on the way to the component. */
  baresFrom(): boolean {
    return this.fault("component-from-bare");
  }

  /** component-inbound-dropped: stanzas for the component go nowhere. */
  dropsInbound(): boolean {
    return this.fault("component-inbound-dropped");
  }

  /** component-outbound-dropped: a component's message or presence to a user goes nowhere. */
  dropsOutboundMessage(): boolean {
    return this.fault("component-outbound-dropped");
  }

  /** component-close-unanswered: the connection drops instead of our closing tag. */
  dropsOnClose(): boolean {
    return this.fault("component-close-unanswered");
  }
}
