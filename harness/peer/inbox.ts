// What the target routed to one domain the harness plays: stanzas from authenticated streams, taken by
// matchers as a case expects them.
import { NoAnswer, Violation } from "../errors.ts";
import { describeMatcher, type Matcher, matches } from "../match.ts";
import { Waiters } from "../session/waiters.ts";
import type { Element } from "../xml/element.ts";

const LIMIT = 10_000;

export class DomainInbox {
  private readonly items: Element[] = [];
  private readonly waiters = new Waiters();

  constructor(readonly domain: string) {}

  push(el: Element): void {
    if (this.waiters.offer(el)) return;
    if (this.items.length >= LIMIT) this.items.shift();
    this.items.push(el);
  }

  /** The first stanza (arrived or to come) that matches; it is taken from the inbox. */
  expect(matcher: Matcher, timeoutMs: number): Promise<Element> {
    const i = this.items.findIndex((el) => matches(el, matcher));
    if (i >= 0) return Promise.resolve(this.items.splice(i, 1)[0]);
    return this.waiters.wait(
      matcher,
      timeoutMs,
      () => new NoAnswer(`no ${describeMatcher(matcher)} reached ${this.domain} within ${timeoutMs} ms`),
    );
  }

  /** Fail if anything that matches has arrived and was not taken by expect(). */
  refuse(matcher: Matcher, what: string): void {
    const hit = this.items.find((el) => matches(el, matcher));
    if (hit) throw new Violation(`${what}, but ${this.domain} received: ${hit.toString().slice(0, 300)}`);
  }

  /** Everything not yet taken. */
  get pending(): readonly Element[] {
    return this.items;
  }

  close(err: Error): void {
    this.waiters.rejectAll(err);
  }
}
