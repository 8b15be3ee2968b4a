// A rig for a target named the way `run` names one: the embedded server (restartable after a
// crash, with its faults) or a URL, which must be loopback unless the user allows otherwise.
import {
  ConfigError,
  type EmbeddedServer,
  type ResolvedTarget,
  resolveTarget,
  type TargetArgs,
} from "../runner/target-config.ts";
import { isLoopback, parseTarget } from "../transport/target-url.ts";
import { Rig } from "./rig.ts";

export interface OpenedRig {
  rig: Rig;
  url: string;
  /** The embedded server now serving (it changes on restart). */
  server(): EmbeddedServer | undefined;
  /** The same, as the thread or in-process server it is (undefined for a --target). */
  embedded(): ResolvedTarget["embedded"];
  close(): Promise<void>;
}

/** Fuzzing sends hostile input: only to loopback, unless --allow-remote. */
export function checkLoopback(a: TargetArgs, allowRemote: boolean): void {
  if (allowRemote) return;
  for (const [flag, url] of [
    ["target", a.target],
    ["direct-tls", a["direct-tls"]],
    ["websocket", a.websocket],
  ] as const) {
    if (!url) continue;
    let host: string;
    try {
      host = parseTarget(url).host;
    } catch (err) {
      throw new ConfigError(`--${flag}: ${(err as Error).message}`);
    }
    if (!isLoopback(host))
      throw new ConfigError(
        `--${flag} ${url} is not on loopback; fuzzing sends hostile input, so give --allow-remote to mean it`,
      );
  }
}

export async function openRig(a: TargetArgs, timeoutMs: number): Promise<OpenedRig> {
  let resolved = await resolveTarget(a);
  const restart = resolved.server
    ? async () => {
        await resolved.server?.stop();
        resolved = await resolveTarget(a);
        return resolved.target;
      }
    : undefined;
  const rig = new Rig({ target: resolved.target, timeoutMs, restart });
  return {
    rig,
    url: resolved.url,
    server: () => resolved.server,
    embedded: () => resolved.embedded,
    async close() {
      await rig.close();
      await resolved.server?.stop();
    },
  };
}
