// Choosing cases: --suite, --case GLOB, --grep, --shard i/n.
import { currentId, type Renames, renameNote } from "../fixtures/renames.ts";
import type { Case } from "./case.ts";

export interface Selection {
  suites?: string[];
  /** Globs over case ids: "*" matches within a path segment, "**" across segments. */
  globs?: string[];
  /** Substring or /regex/ over id and title. */
  grep?: string;
  /** [index (1-based), count] */
  shard?: [number, number];
}

export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
    } else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  // a glob naming a prefix ("rfc6120/4") selects everything under it
  return new RegExp(`^${re}(/.*)?$`);
}

/**
 * The globs, plus the new id of each renamed case whose old id a glob names (and the globs do not
 * already select under its new id), each rename noted: a user's old `--case` keeps working.
 */
export function withRenamedGlobs(
  globs: readonly string[],
  renames: Renames,
  note: (line: string) => void,
): string[] {
  const res = globs.map(globToRegExp);
  const out = [...globs];
  for (const old of renames.keys()) {
    if (!res.some((re) => re.test(old))) continue;
    const now = currentId(old, renames);
    if (res.some((re) => re.test(now))) continue;
    note(renameNote(old, now));
    out.push(now);
  }
  return out;
}

function grepMatcher(grep: string): (s: string) => boolean {
  const m = /^\/(.*)\/([a-z]*)$/.exec(grep);
  if (m) {
    const re = new RegExp(m[1], m[2]);
    return (s) => re.test(s);
  }
  const needle = grep.toLowerCase();
  return (s) => s.toLowerCase().includes(needle);
}

export function selectCases(cases: Case[], sel: Selection): Case[] {
  let out = cases;
  if (sel.suites?.length) out = out.filter((c) => sel.suites!.includes(c.suite));
  if (sel.globs?.length) {
    const res = sel.globs.map(globToRegExp);
    out = out.filter((c) => res.some((re) => re.test(c.id)));
  }
  if (sel.grep) {
    const g = grepMatcher(sel.grep);
    out = out.filter((c) => g(c.id) || g(c.title));
  }
  if (sel.shard) {
    const [i, n] = sel.shard;
    // by position in the stable registry order: deterministic, and every case in exactly one shard
    out = out.filter((_, k) => k % n === i - 1);
  }
  return out;
}

export function parseShard(s: string): [number, number] {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const i = m ? Number(m[1]) : 0;
  const n = m ? Number(m[2]) : 0;
  if (!m || n < 1 || i < 1 || i > n) throw new Error(`--shard wants i/n with 1 <= i <= n, got '${s}'`);
  return [i, n];
}
