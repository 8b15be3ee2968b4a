// Work a test file prepares ahead of its tests, run a few jobs at a time: most of such a job is waiting out
// an answer a fault withholds, so jobs overlap well even in one process; each test then awaits its own.

/** Runs `jobs` at most `n` at a time, in order; each promise settles with its job. */
export function limited<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T>[] {
  let next = 0;
  const settled: Promise<T>[] = [];
  const starters: ((v: unknown) => void)[] = [];
  const gates = jobs.map(() => new Promise((r) => starters.push(r)));
  const start = () => {
    if (next < jobs.length) starters[next++](undefined);
  };
  jobs.forEach((job, i) => {
    const run = gates[i].then(job);
    run.then(start, start);
    run.catch(() => {});
    settled.push(run);
  });
  for (let i = 0; i < n; i++) start();
  return settled;
}
