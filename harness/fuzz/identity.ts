// A finding's identity: its level, the requirement it breaks (MUST or SHOULD, from the catalogue) and
// the class of input that broke it. Two failures are one finding only when all of these agree, so an
// early SHOULD finding never hides a later MUST one, nor one input class another.
import { type Breach, breachOf } from "./breach.ts";
import { INPUT_CLASSES } from "./classes/index.ts";
import type { Level, OracleFailure, OracleName } from "./types.ts";

/**
 * The requirement an oracle breaks when the check that failed names none itself. A target that stops
 * answering ends its streams without the stream error §4.9.1.1 requires of an entity meeting an error.
 */
const BY_ORACLE: Record<OracleName, string> = {
  alive: "RFC6120-4.9.1.1-1",
  process: "RFC6120-4.9.1.1-1",
  "well-formed": "RFC6120-11.3-1",
  "iq-reply": "RFC6120-8.2.3-4",
  "error-condition": "RFC6120-8.3.2-4",
  "stream-error": "RFC6120-4.9.1.1-1",
  // §10.5: the delivery rules a server follows for a stanza to one of its own domains
  "no-leak": "RFC6120-10.5-3",
  "from-stamp": "RFC6120-8.1.2.1-1",
  payload: "RFC6120-8.4-13",
  model: "RFC6121-3.1.2-5",
};

/** The model levels' own specifications, where their model is not RFC 6121's subscriptions. */
const BY_LEVEL: Partial<Record<Level, Partial<Record<OracleName, string>>>> = {
  sm: { model: "XEP0198-4-3" },
  mam: { model: "XEP0313-3.1-1" },
};

export function breachOfFailure(level: Level, f: OracleFailure): Breach {
  return f.breach ?? breachOf(BY_LEVEL[level]?.[f.oracle] ?? BY_ORACLE[f.oracle]);
}

/** A case's class that the level could not tell (a failure after a batch of several): known once shrunk. */
export const UNATTRIBUTED = "?";

/**
 * Who a finding is: also its oracle, so a crash and a stream closed without a stream error, which may
 * cite the same sentence, stay apart.
 */
export interface Identity extends Breach {
  level: Level;
  oracle: OracleName;
  inputClass: string;
}

export function identityKey(
  i: Pick<Identity, "level" | "oracle" | "requirement" | "strength" | "inputClass">,
): string {
  return `${i.level}/${i.oracle}|${i.requirement}|${i.strength}|${i.inputClass}`;
}

/** The identity of a failure on an input: the failing case's class, when the level or the input tells it. */
export function identify(level: Level, f: OracleFailure, input: unknown): Identity {
  const classes = INPUT_CLASSES[level];
  let inputClass = f.inputClass ?? UNATTRIBUTED;
  if (f.inputClass === undefined && input !== undefined && !classes.settlesWhenShrunk) {
    const of = classes.of(input);
    if (of.length === 1) inputClass = of[0];
  }
  return {
    level,
    oracle: f.oracle,
    ...breachOfFailure(level, f),
    inputClass: identityClass(level, inputClass),
  };
}

/** The part of a case's class that tells findings apart (classes/: LevelClasses.identity). */
function identityClass(level: Level, inputClass: string): string {
  const narrow = INPUT_CLASSES[level].identity;
  return inputClass === UNATTRIBUTED || !narrow ? inputClass : narrow(inputClass);
}

/** The settled identity of a shrunk input (a model run's class is what it holds once shrunk). */
export function settle(i: Identity, input: unknown): Identity {
  if (i.inputClass !== UNATTRIBUTED || input === undefined) return i;
  const of = INPUT_CLASSES[i.level].of(input);
  return of.length === 1 ? { ...i, inputClass: identityClass(i.level, of[0]) } : i;
}

/**
 * Is `got` (a failure while shrinking) the finding `wanted`? The same level, oracle and requirement,
 * MUST or SHOULD alike; and the same class, unless the class was not known before the shrink.
 */
export function keepsIdentity(wanted: Identity, got: Identity): boolean {
  return (
    wanted.level === got.level &&
    wanted.oracle === got.oracle &&
    wanted.requirement === got.requirement &&
    wanted.strength === got.strength &&
    (wanted.inputClass === UNATTRIBUTED || wanted.inputClass === got.inputClass)
  );
}
