// What an oracle that runs after every case reports.

export interface OracleFinding {
  oracle: "isolation" | "fidelity";
  /** FAIL: a MUST the text decides; WARN: a doubt the oracle cannot settle (a pooled account's leftover). */
  grade: "FAIL" | "WARN";
  /** Names the oracle, the stanza and the requirement ids it breaks. */
  message: string;
}
