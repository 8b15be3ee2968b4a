// Which domains the harness plays: literal names, and "*.remote.test"-style patterns for the fresh domain
// each case takes (a target keeps one s2s stream per domain pair, so only a new domain makes it open a new
// stream, and parallel cases never share a stream).

/** Does the harness play `name`? A "*.base" entry covers every name below base (not base itself). */
export function plays(domains: readonly string[], name: string): boolean {
  const n = name.toLowerCase();
  return domains.some((d) =>
    d.startsWith("*.") ? n.endsWith(d.slice(1)) && n.length > d.length - 1 : d === n,
  );
}

/** A concrete name for a domain list that may start with a pattern ("*.remote.test" → "remote.test"). */
export function firstConcrete(domains: readonly string[]): string {
  const d = domains[0] ?? "remote.test";
  return d.startsWith("*.") ? d.slice(2) : d;
}
