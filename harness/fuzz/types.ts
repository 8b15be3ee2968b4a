// The fuzzer's vocabulary: levels, oracles, and the failure an oracle raises.
import { type Breach, breachOf } from "./breach.ts";

export const LEVELS = ["xml", "address", "stanza", "session", "sm", "mam"] as const;
export type Level = (typeof LEVELS)[number];

/** Each oracle is one property the target must keep under any input; the finding names the one that broke. */
export const ORACLES = {
  alive:
    "the server is alive after the case: a fresh connection gets a stream, a bound session answers a ping",
  "well-formed": "everything the server sends is well-formed XML free of what RFC 6120 §11 forbids",
  "iq-reply": "every IQ get/set gets exactly one reply with its id; a result or error gets none",
  "error-condition": "stanza errors carry one defined condition in the stanzas namespace and a defined type",
  "stream-error": "a malformed stream is closed with a stream error whose condition fits the fault",
  "no-leak": "nothing reaches a party it was not addressed to",
  "from-stamp": "the server stamps 'from' on what it routes and on what it sends itself",
  payload: "a payload sent to a peer, or stored and replayed, comes back equivalent",
  model: "the server's roster, subscriptions, presence and message archive agree with the model",
  process:
    "the watched server process (--pid) stays up, its memory does not keep growing, its CPU is not stuck",
} as const;
export type OracleName = keyof typeof ORACLES;

/** An oracle broke: the case fails and fast-check shrinks it. */
export class OracleFailure extends Error {
  override name = "OracleFailure";
  /** The requirement broken, when the oracle names one (else the campaign takes the oracle's default). */
  readonly breach?: Breach;
  constructor(
    readonly oracle: OracleName,
    message: string,
    /** A catalogue row, optionally with the clause broken: "RFC6120-11.1-3 SHOULD" (see breachOf). */
    requirement?: string,
    /** The class of the case that broke it, when the level knows which case of a batch did. */
    public inputClass?: string,
  ) {
    const breach = requirement === undefined ? undefined : breachOf(requirement);
    super(`${oracle}: ${message}${breach?.strength === "SHOULD" ? " [SHOULD]" : ""}`);
    this.breach = breach;
  }
}

/** The harness itself could not run the case (set-up failed): not a finding, the campaign stops. */
export class RigError extends Error {
  override name = "RigError";
}
