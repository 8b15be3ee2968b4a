// Waiting on a target that may never answer: every wait of the harness itself has an end.

/** `p`, or `fallback()` once `ms` have passed without it settling (a rejection of `p` passes through). */
export function bounded<T>(p: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback()), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
