// Every case of every suite, checked once: unique ids, known requirement ids, an id filed under its
// section, a level each, taken only from the rows that bind the server under test.
import { ALL_SECTIONS } from "../../suites/index.ts";
import { type Level, requirement, strongestLevel } from "../fixtures/catalogue.ts";
import type { Case, CaseSpec, Section } from "./case.ts";

/** The section a case id names: "rfc6120/4.9.3.13/slug" -> "4.9.3.13". */
export const idSection = (id: string): string => id.split("/")[1] ?? "";

/**
 * A case's id is `<suite>/<subsection>/<slug>`, its subsection the section of its file, one below it
 * in a generated family, or the section of a requirement it cites (an Appendix A row: "A.2.1").
 * Anything else is refused with one line.
 */
export function checkCaseSection(
  s: Section,
  spec: CaseSpec,
  sectionOf: (requirementId: string) => string | undefined = (id) => requirement(id)?.section,
): void {
  const at = idSection(spec.id);
  if (at === s.number || (s.generated && at.startsWith(`${s.number}.`))) return;
  if (spec.requirements.some((id) => sectionOf(id) === at)) return;
  throw new Error(
    `suites: case ${spec.id} (section ${s.number}) has id section ${at}, which is neither its file's section nor a cited requirement's`,
  );
}

/**
 * The level a case is graded at: from the rows it cites that bind the server under test. A case built only
 * on rules for the client, the stream initiator or the sender of a stanza the server only routes is
 * refused with one line.
 */
export function caseLevel(spec: CaseSpec): Level {
  const level = strongestLevel(spec.requirements, spec);
  if (level) return level;
  const cited = spec.requirements.map((id) => `${id} (${requirement(id)?.actor})`).join(", ");
  throw new Error(
    `suites: case ${spec.id} cites only rows that do not bind the server under test: ${cited}; cite the requirement the server breaks`,
  );
}

export function buildCases(sections: Section[]): Case[] {
  const seen = new Set<string>();
  const cases: Case[] = [];
  for (const s of sections) {
    for (const spec of s.cases) {
      if (seen.has(spec.id)) throw new Error(`duplicate case id ${spec.id}`);
      seen.add(spec.id);
      if (!spec.requirements.length) throw new Error(`case ${spec.id} cites no requirement`);
      for (const id of spec.requirements) {
        if (!requirement(id)) throw new Error(`case ${spec.id} cites unknown requirement ${id}`);
      }
      checkCaseSection(s, spec);
      cases.push({
        ...spec,
        level: caseLevel(spec),
        suite: s.suite,
        section: s.number,
        sectionTitle: s.title,
      });
    }
  }
  return cases;
}

let all: Case[] | undefined;
export function allCases(): Case[] {
  all ??= buildCases(ALL_SECTIONS);
  return all;
}
