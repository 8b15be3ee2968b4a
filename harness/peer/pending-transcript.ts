// A connection the target opened to the listener belongs to no case until its stream header names the
// domain it is for; what it carried until then is kept here and handed to the transcript of the case that
// owns the domain (each case plays a domain of its own).
import { type Direction, Transcript } from "../transcript.ts";

export class PendingTranscript extends Transcript {
  #to: Transcript | undefined;

  override record(session: string, dir: Direction, data: string | Buffer): void {
    if (this.#to) this.#to.record(session, dir, data);
    else super.record(session, dir, data);
  }

  /** From now on everything goes to `t`, after what was kept so far. */
  routeTo(t: Transcript): void {
    if (this.#to) return;
    for (const e of this.entries) t.record(e.session, e.dir, e.data);
    this.entries.length = 0;
    this.#to = t;
  }
}
