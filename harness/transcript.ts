// Per-case wire transcripts: timestamped bytes both ways, with credentials redacted.

export type Direction = "sent" | "recv" | "note";

export interface TranscriptEntry {
  /** Milliseconds since the transcript started. */
  t: number;
  /** Which session of the case ("alice#1"). */
  session: string;
  dir: Direction;
  /** The bytes as UTF-8 text (invalid sequences shown as U+FFFD), after redaction. */
  data: string;
}

const SASL_PAYLOAD = /(<(?:[\w-]+:)?(?:auth|response|challenge|success)\b[^>]*>)([^<]+)/g;
const REDACTED = "[redacted]";
/** Longest single entry kept: a flood is evidence in its first bytes, not in megabytes of them. */
const MAX_ENTRY = 64 * 1024;

/**
 * Collects what every session of one case sent and received. Secrets registered with
 * `secret()` are blanked in every form we know (plain, base64 at any alignment), and SASL
 * payloads are blanked whole: a SCRAM exchange derives from the password.
 */
export class Transcript {
  readonly entries: TranscriptEntry[] = [];
  private readonly start = Date.now();
  private readonly secrets = new Set<string>();
  /** Caps memory for hostile targets; later bytes are counted, not kept. */
  private budget: number;
  dropped = 0;

  constructor(maxBytes = 256 * 1024) {
    this.budget = maxBytes;
  }

  secret(value: string): void {
    if (value.length < 3) return;
    this.secrets.add(value);
    const bytes = Buffer.from(value, "utf8");
    // base64 of the secret at each of the three alignments it can take inside a longer payload
    for (let shift = 0; shift < 3; shift++) {
      const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
      // only whole 3-byte groups made of the secret's own bytes encode the same way everywhere
      const inner = padded.toString("base64").slice(shift ? 4 : 0, Math.floor(padded.length / 3) * 4);
      if (inner.length >= 4) this.secrets.add(inner);
    }
  }

  redact(text: string): string {
    let out = text.replace(SASL_PAYLOAD, (_m, open: string) => open + REDACTED);
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }

  record(session: string, dir: Direction, data: string | Buffer): void {
    if (this.budget <= 0) {
      this.dropped += data.length;
      return;
    }
    // redact before cutting, so a cut never leaves part of a secret behind
    const text = this.redact(typeof data === "string" ? data : data.toString("utf8"));
    const room = Math.min(this.budget, MAX_ENTRY);
    const kept = text.length > room ? `${text.slice(0, room)}…[${text.length - room} more characters]` : text;
    this.budget -= Math.min(text.length, room);
    this.entries.push({ t: Date.now() - this.start, session, dir, data: kept });
  }

  note(session: string, text: string): void {
    this.record(session, "note", text);
  }

  /** A readable log: "+12ms alice#1 C: <iq .../>". */
  toText(): string {
    const arrow: Record<Direction, string> = { sent: "C:", recv: "S:", note: "--" };
    const lines = this.entries.map((e) => `+${e.t}ms ${e.session} ${arrow[e.dir]} ${e.data}`);
    if (this.dropped) lines.push(`[${this.dropped} more characters not kept]`);
    return lines.join("\n");
  }
}
