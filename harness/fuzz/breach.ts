// The requirement a fuzz oracle found broken: a row of the catalogue (fixtures/rfc/requirements.tsv,
// fixtures/xep/requirements.tsv), and whether it is a MUST or a SHOULD that broke, read from the row.
import { type Level, levelOf, requirement } from "../fixtures/catalogue.ts";

export interface Breach {
  /** The catalogue id: "RFC6120-11.1-3". */
  requirement: string;
  /** MUST or SHOULD (or MAY), from the catalogue: the row's own level, or that of the clause named. */
  strength: Level;
}

/**
 * A reference to a catalogue row: its id ("RFC6120-11.1-3") breaks the row's main keyword; id and one
 * of the row's own keywords ("RFC6120-11.1-3 SHOULD") breaks that clause only, as when a stream error is
 * sent (the MUST) with another condition than the one the sentence says it SHOULD be.
 */
export function breachOf(ref: string): Breach {
  const [id, clause] = ref.split(" ", 2);
  const row = requirement(id);
  if (!row) throw new Error(`fuzz oracle cites '${id}', which is no row of the requirement catalogue`);
  if (clause === undefined) return { requirement: id, strength: row.level };
  if (!(row.keywords ?? [row.keyword]).includes(clause))
    throw new Error(`fuzz oracle cites the ${clause} of ${id}, whose sentence has no ${clause}`);
  return { requirement: id, strength: levelOf(clause) };
}
