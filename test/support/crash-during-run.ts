// Loaded into a `xmppspec run` child with `--import`: once the run has printed
// $XMPPSPEC_CRASH_AFTER_CASES case lines, throw from a callback nobody awaits — the kind of crash a
// bug in a socket handler causes — to prove the run still writes the results it gathered.
const crashAfter = Number(process.env.XMPPSPEC_CRASH_AFTER_CASES ?? 0);
if (crashAfter > 0) {
  let seen = 0;
  const write = process.stdout.write.bind(process.stdout) as (chunk: string | Uint8Array) => boolean;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk === "string" && /^\[\s*\d+\/\d+\] /m.test(chunk) && ++seen === crashAfter) {
      setImmediate(() => {
        throw new Error("injected crash in a callback");
      });
    }
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
}

export {};
