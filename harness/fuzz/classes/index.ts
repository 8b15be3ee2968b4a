// Every level's input classes, by level name.
import type { Level } from "../types.ts";
import { addressClasses } from "./address.ts";
import type { LevelClasses } from "./facets.ts";
import { mamClasses, sessionClasses, smClasses } from "./model.ts";
import { stanzaClasses } from "./stanza.ts";
import { xmlClasses } from "./xml.ts";

export const INPUT_CLASSES: Record<Level, LevelClasses<unknown>> = {
  xml: xmlClasses as LevelClasses<unknown>,
  address: addressClasses as LevelClasses<unknown>,
  stanza: stanzaClasses as LevelClasses<unknown>,
  session: sessionClasses as LevelClasses<unknown>,
  sm: smClasses as LevelClasses<unknown>,
  mam: mamClasses as LevelClasses<unknown>,
};
