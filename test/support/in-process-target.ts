// The embedded reference server in this thread, resolved as `xmppspec run` resolves it, for tests that
// drive the runner's parts (provisioners, runCases) and read the server's state directly.
import type { Target } from "../../harness/runner/target.ts";
import { resolveTarget } from "../../harness/runner/target-config.ts";
import type { ReferenceServer } from "../../harness/server/server.ts";

export interface InProcessTarget {
  server: ReferenceServer;
  target: Target;
  stop(): Promise<void>;
}

export async function startInProcessTarget(): Promise<InProcessTarget> {
  const r = await resolveTarget(
    { tls: "optional", insecure: false, account: [], fault: [] },
    { inProcess: true },
  );
  return {
    server: r.embedded as ReferenceServer,
    target: r.target,
    stop: () => r.server?.stop() ?? Promise.resolve(),
  };
}
