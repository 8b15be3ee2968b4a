// Where the harness connects as an XEP-0114 external component of each real server, as its fixtures
// config sets it up: prosody's and ejabberd's component.localhost listener, and jabberd2's router, which
// takes 'jabber:component:accept' streams too (its <local><secret/> is the handshake secret).
import type { TargetArgs } from "../../harness/runner/target-config.ts";
import type { RealServerName } from "./launch.ts";

const PORTS: Record<RealServerName, { port: number; secret: string }> = {
  prosody: { port: 15347, secret: "xmppspec-component-secret" },
  ejabberd: { port: 25347, secret: "xmppspec-component-secret" },
  jabberd2: { port: 31347, secret: "secret" },
};

/** The --component flags of a real server (fixtures/servers/*: the component listener). */
export function realComponentArgs(name: RealServerName): Partial<TargetArgs> {
  const { port, secret } = PORTS[name];
  return {
    component: `xmpp://127.0.0.1:${port}`,
    "component-secret": secret,
    "component-domain": "component.localhost",
  };
}
