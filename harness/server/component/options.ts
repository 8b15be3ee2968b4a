// What the reference server's XEP-0114 component listener serves: one component name and its secret.

export interface ComponentOptions {
  /** The component's name (the 'to' of its stream header), e.g. "component.localhost". */
  domain: string;
  /** The shared secret of the handshake. */
  secret: string;
  /** Listening port; 0 = ephemeral (default). */
  port?: number;
}
