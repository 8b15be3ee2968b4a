// The requirement catalogue (fixtures/rfc/requirements.tsv) and the RFC 6121 Appendix A rows.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export type Level = "MUST" | "SHOULD" | "MAY";

export interface Requirement {
  id: string;
  rfc: string;
  section: string;
  sectionTitle: string;
  /** The keyword as written: MUST, MUST NOT, SHOULD, SHOULD NOT, MAY. */
  keyword: string;
  level: Level;
  actor: string;
  text: string;
}

const FIXTURES = fileURLToPath(new URL("../../fixtures/rfc/", import.meta.url));

export function readTsv(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(FIXTURES + file, "utf8")
    .split("\n")
    .filter(Boolean);
  const cols = head.split("\t");
  return rows.map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? ""]));
  });
}

export function levelOf(keyword: string): Level {
  if (keyword.startsWith("MUST") || keyword.startsWith("SHALL") || keyword === "REQUIRED") return "MUST";
  if (keyword.startsWith("SHOULD") || keyword.includes("RECOMMENDED")) return "SHOULD";
  return "MAY";
}

let cache: Map<string, Requirement> | undefined;

export function catalogue(): Map<string, Requirement> {
  if (cache) return cache;
  cache = new Map();
  for (const r of readTsv("requirements.tsv")) {
    cache.set(r.id, {
      id: r.id,
      rfc: r.rfc,
      section: r.section,
      sectionTitle: r.section_title,
      keyword: r.level,
      level: levelOf(r.level),
      actor: r.actor,
      text: r.text,
    });
  }
  for (const r of readTsv("rfc6121-subscription-states.tsv")) {
    const keyword = r.requirement === "S.N." ? "SHOULD NOT" : r.requirement;
    cache.set(r.id, {
      id: r.id,
      rfc: "6121",
      section: r.section,
      sectionTitle: `Subscription states: ${r.direction} ${r.stanza_type}`,
      keyword,
      level: levelOf(keyword),
      actor: "server",
      text: `${r.direction} "${r.stanza_type}" in state "${r.existing_state}": ${r.action}; new state: ${r.new_state} (resulting: ${r.resulting_state})`,
    });
  }
  return cache;
}

export function requirement(id: string): Requirement | undefined {
  return catalogue().get(id);
}

const RANK: Record<Level, number> = { MUST: 3, SHOULD: 2, MAY: 1 };

/** The strongest level among the requirements (a case's level). Unknown ids throw. */
export function strongestLevel(ids: readonly string[]): Level {
  let best: Level = "MAY";
  for (const id of ids) {
    const r = requirement(id);
    if (!r) throw new Error(`unknown requirement id ${id}`);
    if (RANK[r.level] > RANK[best]) best = r.level;
  }
  return best;
}

/** The URL of a requirement's RFC section at the RFC Editor. */
export function sectionUrl(rfc: string, section: string): string {
  const anchor = /^[A-Z]/.test(section) ? `appendix-${section}` : `section-${section}`;
  return `https://www.rfc-editor.org/rfc/rfc${rfc}#${anchor}`;
}
