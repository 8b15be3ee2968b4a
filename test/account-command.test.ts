// Accounts made by a shell command: at most a given number of commands run at once, however many
// accounts concurrent cases ask for, and every account is still made and deleted.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { CommandProvisioner } from "../harness/runner/account-command.ts";

/** The most commands that were running at one time, read from their start (+) and end (-) lines. */
function mostAtOnce(log: string): number {
  let running = 0;
  let most = 0;
  for (const mark of log.split("\n").filter(Boolean)) {
    running += mark.startsWith("+") ? 1 : -1;
    most = Math.max(most, running);
  }
  return most;
}

describe("account provisioning by command", function () {
  this.timeout(20_000);

  it("runs at most `atOnce` commands together, creating and deleting every account", async () => {
    const log = join(mkdtempSync(join(tmpdir(), "xmppspec-command-")), "log");
    const step = (what: string) =>
      `echo +${what} {user} >> ${log}; sleep 0.2; echo -${what} {user} >> ${log}`;
    const p = new CommandProvisioner("example.test", step("create"), step("delete"), 10_000, 2);
    // three cases asking at once, as a run at --parallel 3 does
    const made = await Promise.all([p.acquire(2), p.acquire(2), p.acquire(2)]);
    await Promise.all(made.map((accounts) => p.release(accounts)));
    const text = readFileSync(log, "utf8");
    expect(mostAtOnce(text)).to.equal(2);
    for (const a of made.flat()) {
      expect(text).to.include(`+create ${a.username}\n`);
      expect(text).to.include(`+delete ${a.username}\n`);
    }
  });
});
