// The case model: a small declarative object per check, grouped by RFC section.
import type { Level } from "../fixtures/catalogue.ts";
import type { CaseContext } from "./context.ts";
import type { UserSpec, Users } from "./users.ts";

/** What a target must offer for a case to apply; a target without it gives SKIP. */
export type Need =
  | "tls" // STARTTLS on the c2s port
  | "direct-tls" // XEP-0368
  | "websocket" // RFC 7395
  | "tcp" // a byte-stream transport (cases that send raw, split or malformed bytes at stream level)
  | "registration" // XEP-0077 in-band registration
  | "no-registration" // in-band registration turned off (XEP-0077's disabled path)
  | "ping" // XEP-0199 answered by the server
  | "second-domain" // a second served domain
  | "new-accounts" // accounts made for the case: a state only a never-used account has (a pool's have a history)
  | "disposable-accounts" // the case changes or removes its accounts (XEP-0077 §3.2, §3.3): never a pool's
  | "s2s" // the harness can dial the target's s2s port (it plays a remote server: RFC 6120 s2s, XEP-0220/0178)
  | "component" // the harness can connect as an XEP-0114 external component (--component)
  | "s2s-outbound" // the target finds the harness's remote domains (its resolution points at the harness)
  | `mechanism:${string}`; // a SASL mechanism

export interface CaseSpec {
  /** Stable id: "rfc6120/4.7.3/stream-id-unique". */
  id: string;
  title: string;
  /** Ids from fixtures/rfc/requirements.tsv or Appendix A rows. */
  requirements: string[];
  needs?: Need[];
  /**
   * The case checks stanzas the server generates itself (its IQ results, roster pushes), not ones it
   * routes: the rules for a stanza's sender (catalogue actor `sender`) then bind it and count toward the level.
   */
  serverGenerated?: boolean;
  /**
   * The target opens the stream in this case: it dials the harness playing a remote server (s2s
   * outbound). The rules for the initiating entity (catalogue actor `initiating entity`) then bind it.
   */
  targetInitiates?: boolean;
  /**
   * Who takes part and how far each is set up before run(): "alice" (logged in), "bob:online",
   * "carol:account" (see harness/runner/users.ts). One fresh account each.
   */
  users?: UserSpec[];
  /**
   * Why the case waits by design for as long as the target decides (the XEP-0198 resumption time it
   * announced, a server ping that may never come). The runner starts such cases before the others, so
   * that their wait overlaps the run instead of being its last seconds; results keep the given order.
   */
  lingers?: string;
  run(ctx: CaseContext, users: Users): Promise<void>;
}

export interface Case extends CaseSpec {
  /** The strongest level among the requirements. */
  level: Level;
  /** "rfc6120", "rfc6121", "rfc7622". */
  suite: string;
  /** "4" for RFC 6120 §4. */
  section: string;
  sectionTitle: string;
}

export interface Section {
  suite: string;
  /** The RFC subsection the file holds ("4.9.3"); a case's id section is this or a cited requirement's. */
  number: string;
  title: string;
  cases: CaseSpec[];
  /** A generated family (Appendix A rows, the §8.5 matrix): its ids may lie below `number`. */
  generated?: boolean;
}

export function section(
  suite: string,
  number: string,
  title: string,
  cases: CaseSpec[],
  opts: { generated?: boolean } = {},
): Section {
  return { suite, number, title, cases, ...opts };
}
