// Every case of every suite, checked once: unique ids, known requirement ids, an id filed under its
// section, a level each.
import { ALL_SECTIONS } from "../../suites/index.ts";
import { requirement, strongestLevel } from "../fixtures/catalogue.ts";
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
        level: strongestLevel(spec.requirements),
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
