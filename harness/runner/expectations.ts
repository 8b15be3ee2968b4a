// Expected non-PASS verdicts of a target (tlsfuzzer's -x/-X): known deviations with reasons.
import { currentId, type Renames, renameNote } from "../fixtures/renames.ts";
import { readTsv } from "../fixtures/tsv.ts";
import type { CaseResult, Verdict } from "../results.ts";
import { ConfigError } from "./target-config.ts";

export interface Expectation {
  id: string;
  verdict: Verdict;
  /**
   * Every verdict the case may give on this target: the listed one, or several written "FAIL|PASS" when the
   * server shows the deviation only some of the time (a race inside the server, said in the reason).
   */
  verdicts: Verdict[];
  reason: string;
  /** Where the deviation is discussed (a bug report, a mailing list thread), when known. */
  link?: string;
}

/** Tab-separated: case id, expected verdict(s) ("FAIL" or "FAIL|PASS"), reason, optional link; '#' comments. */
export function readExpectations(file: string): Map<string, Expectation> {
  const out = new Map<string, Expectation>();
  for (const row of readTsv(file, { columns: ["id", "verdict", "reason", "link"] })) {
    const [id, reason, link] = [row.get("id"), row.get("reason"), row.get("link").trim()];
    const verdicts = row.get("verdict").split("|") as Verdict[];
    if (!id || !verdicts.every((v) => KNOWN.includes(v)) || !reason) {
      throw row.error('want "case id<TAB>verdict<TAB>reason<TAB>optional link"');
    }
    out.set(id, { id, verdict: verdicts[0], verdicts, reason, link: link || undefined });
  }
  return out;
}

/**
 * `run --expect FILE`: the file's expectations under the current case ids (an entry written under an
 * old id applies to the new one, noted; one written under the new id wins). Mistakes are ConfigErrors.
 */
export function loadExpectations(
  file: string,
  renames: Renames,
  note: (line: string) => void,
): Map<string, Expectation> {
  let read: Map<string, Expectation>;
  try {
    read = readExpectations(file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ConfigError(e.code ? `--expect: cannot read ${file}: ${e.code}` : `--expect: ${e.message}`);
  }
  const out = new Map<string, Expectation>();
  for (const e of read.values()) {
    const now = currentId(e.id, renames);
    if (now === e.id) out.set(now, e);
    else {
      note(renameNote(e.id, now));
      if (!read.has(now)) out.set(now, { ...e, id: now });
    }
  }
  return out;
}

const KNOWN: string[] = ["FAIL", "WARN", "SKIP", "ERROR", "PASS"];

export interface ExpectationCheck {
  /** Not PASS and not expected (or expected with another verdict). */
  unexpectedFailures: CaseResult[];
  /** Expected to deviate but passed: the expectation is stale. */
  unexpectedPasses: CaseResult[];
}

export function checkExpectations(
  results: CaseResult[],
  expected: Map<string, Expectation>,
): ExpectationCheck {
  const unexpectedFailures: CaseResult[] = [];
  const unexpectedPasses: CaseResult[] = [];
  for (const r of results) {
    const e = expected.get(r.id);
    if (r.verdict === "PASS") {
      if (e && !e.verdicts.includes("PASS")) unexpectedPasses.push(r);
    } else if (!e?.verdicts.includes(r.verdict)) unexpectedFailures.push(r);
  }
  return { unexpectedFailures, unexpectedPasses };
}
