// A mistake in how xmppspec was called: one line on stderr, exit 2.
export class UsageError extends Error {
  override name = "UsageError";
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Print one line and leave with the code; never a stack trace. */
export function die(message: string, code: number = EXIT.usage): never {
  process.stderr.write(`xmppspec: ${message.split("\n")[0]}\n`);
  process.exit(code);
}
