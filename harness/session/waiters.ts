// The session's pending waits: each for the first element that matches, each with its own deadline.
import type { Matcher } from "../match.ts";
import { matches } from "../match.ts";
import type { Element } from "../xml/element.ts";

interface Waiter {
  matcher: Matcher;
  resolve: (el: Element) => void;
  reject: (err: Error) => void;
}

export class Waiters {
  private list: Waiter[] = [];

  /** The first element offered that matches, or the error `late()` makes once `timeoutMs` have passed. */
  wait(matcher: Matcher, timeoutMs: number, late: () => Error): Promise<Element> {
    return handled(
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          this.list = this.list.filter((x) => x !== w);
          reject(late());
        }, timeoutMs);
        const w: Waiter = {
          matcher,
          resolve: (el) => {
            clearTimeout(timer);
            resolve(el);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        this.list.push(w);
      }),
    );
  }

  /** Give `el` to the oldest wait it matches: false when none does. */
  offer(el: Element): boolean {
    const i = this.list.findIndex((w) => matches(el, w.matcher));
    if (i < 0) return false;
    const [w] = this.list.splice(i, 1);
    w.resolve(el);
    return true;
  }

  /** End every wait with `el`. */
  resolveAll(el: Element): void {
    const ws = this.list;
    this.list = [];
    for (const w of ws) w.resolve(el);
  }

  /** End every wait with `err`. */
  rejectAll(err: Error): void {
    const ws = this.list;
    this.list = [];
    for (const w of ws) w.reject(err);
  }
}

/**
 * Mark a promise as handled while still returning it: a case may start waiting for something and
 * then fail elsewhere first; the orphaned rejection must not take the whole run down.
 */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}
