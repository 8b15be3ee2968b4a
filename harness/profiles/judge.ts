// Judging a profile from a run's results and the target's claims: per required specification, the MUST
// compliance of the cases that check it and a verdict; overall "meets" only when every one meets.

import { requirement } from "../fixtures/catalogue.ts";
import type { CaseResult, ProfileReport, ProfileSpec } from "../results.ts";
import type { Claim } from "./claims.ts";
import { type Profile, requiredSpecs, suiteOf } from "./profiles.ts";

/** "RFC 6120" → "RFC6120-", "XEP-0030" → "XEP0030-": the prefix of the specification's catalogue ids. */
const idPrefix = (spec: string) => `${spec.replace(/[ -]/g, "")}-`;

type Checked = { suite: string; requirements: readonly string[] };

/**
 * Which cases check a specification: those of its own suite where it has one (a case of another suite that
 * cites its rows is judged with its own suite's specification), else those citing its rows (RFC 7590's
 * rules are checked by RFC 6120's cases).
 */
export class SpecCases {
  private readonly suites: Set<string>;
  constructor(private readonly all: readonly Checked[]) {
    this.suites = new Set(all.map((c) => c.suite));
  }

  checks(spec: string, c: Checked): boolean {
    if (this.suites.has(suiteOf(spec))) return c.suite === suiteOf(spec);
    const prefix = idPrefix(spec);
    return c.requirements.some((id) => id.startsWith(prefix));
  }

  /** Does any case of the suite check it? */
  tested(spec: string): boolean {
    return this.all.some((c) => this.checks(spec, c));
  }
}

/** Requirement ids in reading order: RFC6120-4.7.3-1 before RFC6120-10.1-1. */
const byId = (ids: string[]) => ids.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));

const isMustRow = (id: string) => requirement(id)?.level === "MUST";

/** The MUST rows a failing case breaks, the specification's own first (all its MUST rows if none is). */
function brokenRows(r: CaseResult, spec: string): string[] {
  const must = r.requirements.filter(isMustRow);
  const own = must.filter((id) => id.startsWith(idPrefix(spec)));
  return own.length ? own : must;
}

function judgeSpec(
  spec: string,
  features: string[],
  claim: Claim,
  cases: SpecCases,
  results: readonly CaseResult[],
): ProfileSpec {
  const tested = cases.tested(spec);
  const mine = results.filter((r) => r.level === "MUST" && cases.checks(spec, r));
  const count = (v: string) => mine.filter((r) => r.verdict === v).length;
  const must = {
    passed: count("PASS"),
    failed: count("FAIL"),
    skipped: count("SKIP"),
    errors: count("ERROR"),
  };
  const failing = byId([
    ...new Set(mine.filter((r) => r.verdict === "FAIL").flatMap((r) => brokenRows(r, spec))),
  ]);
  const base = { spec, features, claim, must, failing };
  if (!tested) return { ...base, verdict: "not tested", why: "no suite of xmppspec checks it yet" };
  if (must.failed) return { ...base, verdict: "does not meet", why: `${must.failed} MUST cases failed` };
  if (claim === "no") return { ...base, verdict: "does not meet", why: "the target does not advertise it" };
  if (must.errors)
    return { ...base, verdict: "not established", why: `${must.errors} MUST cases could not be decided` };
  if (!must.passed)
    return { ...base, verdict: "not established", why: "no MUST case of it ran to a verdict" };
  return { ...base, verdict: "meets" };
}

/**
 * The profile judged: `cases` over every case of the suite (a specification with no case is "not tested",
 * whatever the run selected); `claims` from probeClaims().
 */
export function judgeProfile(
  p: Profile,
  results: readonly CaseResult[],
  claims: Record<string, Claim>,
  cases: SpecCases,
): ProfileReport {
  const specs = requiredSpecs(p).map((spec) =>
    judgeSpec(
      spec,
      p.features.filter((f) => f.providers.includes(spec)).map((f) => f.feature),
      claims[spec] ?? "unknown",
      cases,
      results,
    ),
  );
  const failing = byId([...new Set(specs.flatMap((s) => s.failing))]);
  const verdict = specs.some((s) => s.verdict === "does not meet")
    ? "does not meet"
    : specs.every((s) => s.verdict === "meets")
      ? "meets"
      : "not shown to meet";
  return { name: p.name, title: p.title, verdict, failing, specs };
}
