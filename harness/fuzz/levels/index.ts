// The fuzz levels by name.
import type { Level } from "../types.ts";
import { addressLevel } from "./address.ts";
import type { LevelSpec } from "./level.ts";
import { mamLevel } from "./mam.ts";
import { sessionLevel } from "./session.ts";
import { smLevel } from "./sm.ts";
import { stanzaLevel } from "./stanza.ts";
import { xmlLevel } from "./xml.ts";

export const LEVEL_SPECS: Record<Level, LevelSpec<unknown>> = {
  xml: xmlLevel as LevelSpec<unknown>,
  address: addressLevel as LevelSpec<unknown>,
  stanza: stanzaLevel as LevelSpec<unknown>,
  session: sessionLevel as LevelSpec<unknown>,
  sm: smLevel as LevelSpec<unknown>,
  mam: mamLevel as LevelSpec<unknown>,
};
