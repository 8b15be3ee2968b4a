// The order and overlap in which the runner starts its cases.

export interface ScheduleOptions {
  /** How many tasks to run: 0 … count-1, started in that order. */
  count: number;
  /** Tasks that may be busy at once. */
  parallel: number;
  /**
   * A task still running this long after it started its clock (`run`'s second argument: a case once its
   * set-up is done) is taken to be waiting (a silence its case must observe, a resumption window, an answer
   * that never comes) and gives its slot to the next task; undefined: never.
   */
  lingerMs?: number;
  /** Tasks in flight at most, lingering ones included (the connections a target sees at once). */
  cap: number;
  /** Start no more tasks once aborted; those in flight finish. */
  signal?: AbortSignal;
}

/**
 * Runs the tasks, at most `parallel` busy at once, and resolves when every started one has ended. Lingering
 * tasks free their slot (work before the clock, such as registering accounts, always holds it), so that a
 * case waiting out a 10 s window costs the run those 10 s once, not a quarter of its throughput for 10 s;
 * `cap` bounds how far that goes against a target that answers nothing. A task's rejection is its own
 * affair: the caller's `run` reports it.
 */
export function schedule(
  o: ScheduleOptions,
  run: (i: number, startClock: () => void) => Promise<void>,
): Promise<void> {
  const parallel = Math.max(1, o.parallel);
  const cap = Math.max(parallel, o.cap);
  return new Promise((resolve) => {
    let next = 0;
    let busy = 0;
    let inFlight = 0;
    const pump = () => {
      while (next < o.count && !o.signal?.aborted && busy < parallel && inFlight < cap) start(next++);
      if (inFlight === 0) resolve();
    };
    const start = (i: number) => {
      busy++;
      inFlight++;
      let holding = true;
      const free = () => {
        if (!holding) return;
        holding = false;
        busy--;
      };
      let timer: NodeJS.Timeout | undefined;
      const startClock = () => {
        if (o.lingerMs === undefined || timer !== undefined || !holding) return;
        timer = setTimeout(() => {
          free();
          pump();
        }, o.lingerMs);
      };
      run(i, startClock)
        .catch(() => {})
        .finally(() => {
          clearTimeout(timer);
          free();
          inFlight--;
          pump();
        });
    };
    pump();
  });
}
