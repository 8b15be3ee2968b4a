// Every case of every suite, checked once: unique ids, known requirement ids, a level each.
import { ALL_SECTIONS } from "../../suites/index.ts";
import { requirement, strongestLevel } from "../fixtures/catalogue.ts";
import type { Case, Section } from "./case.ts";

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
