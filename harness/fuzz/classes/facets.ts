// An input class is a few facets, "kind=message to=bob-full from=eve-bare type=defined": what kind of
// input a case is, coarse enough to be counted, fine enough that two classes break different rules.

/** What a level's classes are made of: each facet with every value its generator can produce. */
export interface LevelClasses<I> {
  facets: Readonly<Record<string, readonly string[]>>;
  /** The class of each case the input holds, in order (a batch holds several, a model run one). */
  of(input: I): string[];
  /**
   * The class is what a model run holds: known only once the run is shrunk, so a shrink may change it
   * (a batch level's class is the failing case's, and a shrink keeps it).
   */
  settlesWhenShrunk?: boolean;
  /** The part of a class that tells findings apart, when not all of it does (absent: the whole class). */
  identity?(inputClass: string): string;
}

/** Facet values joined: a facet may repeat ("op=roster op=subscribe"), values hold no space or '='. */
export function classOf(facets: [string, string][]): string {
  return facets.map(([k, v]) => `${k}=${v}`).join(" ");
}

export function facetsOf(inputClass: string): [string, string][] {
  return inputClass
    .split(" ")
    .filter(Boolean)
    .map((f) => {
      const at = f.indexOf("=");
      return [f.slice(0, at), f.slice(at + 1)];
    });
}
