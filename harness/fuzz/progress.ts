// The live line: cases run, cases per second, findings. Redrawn in place on a TTY; elsewhere one
// line every few seconds at most, so logs stay readable.
import type { CampaignStats } from "./campaign.ts";

export class Progress {
  private last = 0;
  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly everyMs = out.isTTY ? 200 : 10_000,
  ) {}

  update(stats: Pick<CampaignStats, "cases" | "startedAt"> & { findings: unknown[] }, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < this.everyMs) return;
    this.last = now;
    const secs = Math.max(0.001, (now - stats.startedAt) / 1000);
    const line = `fuzz: ${stats.cases} cases, ${Math.round(stats.cases / secs)}/s, ${stats.findings.length} finding(s)`;
    if (this.out.isTTY) this.out.write(`\r${line}\x1b[K`);
    else this.out.write(`${line}\n`);
  }

  done(): void {
    if (this.out.isTTY && this.last) this.out.write("\n");
  }
}
