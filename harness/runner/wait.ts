// --wait: a target started in the background (a CI job's server) gets time to come up. Connecting is
// retried until the target answers a stream header, or the wait is over.
import { setTimeout as sleep } from "node:timers/promises";
import { Transcript } from "../transcript.ts";
import { streamOpened, type Target } from "./target.ts";

export interface WaitOptions {
  /** How long to keep trying, ms. */
  waitMs: number;
  /** One attempt's connect and header at most, ms (cut to what is left of the wait). */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Shortest attempt, so the last one before the deadline can still succeed. */
const MIN_ATTEMPT_MS = 500;
const MAX_PAUSE_MS = 1000;

/** Why one attempt got no stream header, or undefined when it got one. */
async function noHeader(target: Pick<Target, "endpoint" | "domain" | "trust">, timeoutMs: number) {
  try {
    const s = await streamOpened(target, {
      transcript: new Transcript(),
      label: "wait",
      timeoutMs,
      connectTimeoutMs: timeoutMs,
    });
    await s.close().catch(() => {});
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Undefined once the target answers a stream header; after `waitMs` without one, why not, in one line. */
export async function waitForTarget(
  target: Pick<Target, "endpoint" | "domain" | "trust">,
  o: WaitOptions,
): Promise<string | undefined> {
  const deadline = Date.now() + o.waitMs;
  let pause = 100;
  for (;;) {
    const left = deadline - Date.now();
    const why = await noHeader(target, Math.max(MIN_ATTEMPT_MS, Math.min(o.timeoutMs, left)));
    if (why === undefined) return undefined;
    if (o.signal?.aborted) return `interrupted while waiting for a stream header (${why})`;
    if (Date.now() + pause >= deadline)
      return `no stream header within ${o.waitMs / 1000} s of trying (last attempt: ${why})`;
    await sleep(pause, undefined, { signal: o.signal }).catch(() => {});
    pause = Math.min(pause * 2, MAX_PAUSE_MS);
  }
}
