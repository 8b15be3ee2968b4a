// A mistake in how xmppspec was called: one line on stderr, exit 2.
import { ConfigError } from "../../harness/runner/target-config.ts";

export class UsageError extends Error {
  override name = "UsageError";
}

/** The runner's word for a mistake in the request (ConfigError) is a usage error here; others pass. */
export function asUsageError(err: unknown): unknown {
  return err instanceof ConfigError ? new UsageError(err.message) : err;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Print one line and leave with the code; never a stack trace. */
export function die(message: string, code: number = EXIT.usage): never {
  process.stderr.write(`xmppspec: ${message.split("\n")[0]}\n`);
  process.exit(code);
}
