// Account provisioning without in-band registration, against prosody with Debian's stock configuration
// and ejabberd, both with registration off (fixtures/servers/NAME/registration-off/): a pool of accounts
// (reset before each case), XEP-0133 admin commands and a shell command each give the verdicts that
// fresh in-band accounts give: against prosody over the whole suite, against ejabberd over RFC 6121 §3
// (subscriptions and the state they leave behind, what pooled accounts used to flip).
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import type { RunResults } from "../harness/results.ts";
import { checkExpectations, readExpectations } from "../harness/runner/expectations.ts";
import { allCases } from "../harness/runner/registry.ts";
import type { TargetArgs } from "../harness/runner/target-config.ts";
import {
  type RealServerTarget,
  realServerWorkDir,
  startRealServer,
  stopRealServer,
} from "../scripts/real-servers/launch.ts";
import { expectationsFile, runSuiteDocument } from "../scripts/real-servers/suite-run.ts";
import { describeRealServer } from "./support/real-servers.ts";

const VARIANT = "registration-off";
const exec = promisify(execFile);
const POOL = Array.from({ length: 8 }, (_, i) => `pool${i}`);
/** The admin and the pool, each with a password of its own. */
const ACCOUNTS = [["admin", "secret"], ...POOL.map((u) => [u, `pw-${u}`])];

/** The client-side cases whose id matches: provisioning is about c2s accounts (these runs have no s2s flags). */
function subset(ids: RegExp) {
  return allCases().filter(
    (c) => ids.test(c.id) && !c.needs?.some((n) => n === "s2s" || n === "s2s-outbound"),
  );
}

/** id -> verdict, to compare runs. */
function verdicts(doc: RunResults): Record<string, string> {
  return Object.fromEntries(doc.results.map((r) => [r.id, r.verdict]));
}

/**
 * Only the cases whose verdict differs, as "id: fresh -> this"; `declared` are the cases the run SKIPs
 * by their own declaration (needs: new-accounts, on a pool), which no other verdict can replace.
 */
function differences(
  fresh: Record<string, string>,
  other: Record<string, string>,
  declared = new Set<string>(),
): string[] {
  return Object.keys(fresh)
    .filter((id) => fresh[id] !== other[id] && !(declared.has(id) && other[id] === "SKIP"))
    .filter((id) => !DISABLED_PATH.has(id))
    .map((id) => `${id}: ${fresh[id]} -> ${other[id]}`);
}

/**
 * Cases that may SKIP where fresh in-band accounts run them: those that need accounts never used before
 * or destroy theirs (a pool SKIPs them, saying so), and those that test in-band registration itself, which the stock
 * configuration closes and the fresh-account baseline opened.
 */
const MAY_SKIP = new Set(
  allCases()
    .filter((c) =>
      c.needs?.some((n) => n === "new-accounts" || n === "disposable-accounts" || n === "registration"),
    )
    .map((c) => c.id),
);

/** Cases of registration turned off (XEP-0077's disabled path): they SKIP where fresh in-band accounts run. */
const DISABLED_PATH = new Set(
  allCases()
    .filter((c) => c.needs?.includes("no-registration"))
    .map((c) => c.id),
);

/** STARTTLS endpoint, domain and CA: the registration-off variants serve localhost only. */
function args(t: RealServerTarget, provisioning: Partial<TargetArgs>): Partial<TargetArgs> {
  return { target: t.url, domain: t.domain, "tls-ca": t.caFile, ...provisioning };
}

const pool = (): Partial<TargetArgs> => ({ account: POOL.map((u) => `${u}:pw-${u}`) });
const admin = (): Partial<TargetArgs> => ({ provision: "admin", "admin-account": "admin:secret" });

describeRealServer(
  "prosody",
  "account provisioning against prosody with Debian's stock configuration (registration off)",
  (target) => {
    const cases = allCases();
    const cfg = join(realServerWorkDir(VARIANT), "prosody", "prosody.cfg.lua");
    const prosodyctl = `prosodyctl --config ${cfg}`;
    const runs: Record<string, Record<string, string>> = {};
    const run = async (name: string, provisioning: Partial<TargetArgs>) => {
      const doc = await runSuiteDocument({ name, args: args(target(), provisioning), cases, parallel: 8 });
      runs[name] = verdicts(doc);
      return doc;
    };
    /** A case off the fresh verdict gets one more run (a real server's races flip a case now and then). */
    const settle = async (name: string, provisioning: Partial<TargetArgs>) => {
      const off = new Set(differences(runs.fresh, runs[name], MAY_SKIP).map((d) => d.split(":")[0]));
      if (!off.size) return;
      const again = await runSuiteDocument({
        name,
        args: args(target(), provisioning),
        cases: cases.filter((c) => off.has(c.id)),
        parallel: 8,
      });
      for (const r of again.results) {
        console.log(`      ${name}: ${r.id} off the fresh verdict, rerun: ${r.verdict}`);
        runs[name][r.id] = r.verdict;
      }
    };
    const command = (): Partial<TargetArgs> => ({
      provision: "command",
      "provision-command": `${prosodyctl} register {user} {domain} {password}`,
      "deprovision-command": `${prosodyctl} deluser {jid}`,
    });

    before(async function () {
      this.timeout(900_000);
      for (const [u, pw] of ACCOUNTS)
        await exec("prosodyctl", ["--config", cfg, "register", u, "localhost", pw]);
      // side by side: each run's accounts are its own, and the waits are prosody's per-connection rate
      // limit, which concurrent runs do not share
      await Promise.all([run("pool", pool()), run("admin", admin()), run("command", command())]);
      // a case with users: its accounts must be registered in-band, which the stock config refuses
      const withUsers = cases.filter((c) => c.users?.length).slice(0, 1);
      const off = await runSuiteDocument({ name: "ibr", args: args(target(), {}), cases: withUsers });
      runs.ibrOff = verdicts(off);
      // the fresh-account baseline: the same configuration with in-band registration allowed
      await stopRealServer("prosody", { variant: VARIANT });
      process.env.XMPPSPEC_IBR = "1";
      try {
        await startRealServer("prosody", { reset: false, variant: VARIANT });
      } finally {
        delete process.env.XMPPSPEC_IBR;
      }
      await run("fresh", {});
      const others = ["pool", "admin", "command"];
      if (!others.some((n) => differences(runs.fresh, runs[n], MAY_SKIP).length)) return;
      // registration off again, as the runs being settled had it
      await stopRealServer("prosody", { variant: VARIANT });
      await startRealServer("prosody", { reset: false, variant: VARIANT });
      await settle("pool", pool());
      await settle("admin", admin());
      await settle("command", command());
    });

    it("refuses in-band registration as shipped", () => {
      expect(Object.values(runs.ibrOff)).to.deep.equal(["ERROR"]);
    });

    for (const name of ["pool", "admin", "command"]) {
      it(`gives with --provision ${name === "pool" ? "accounts" : name} every verdict fresh in-band accounts give`, () => {
        expect(Object.keys(runs.fresh)).to.have.length(cases.length);
        expect(differences(runs.fresh, runs[name], MAY_SKIP)).to.deep.equal([]);
      });
    }
  },
  { variant: VARIANT },
);

describeRealServer(
  "ejabberd",
  "account provisioning against ejabberd with registration off",
  (target) => {
    const cases = subset(/^rfc6121\/3\./);
    const ctl = `ejabberdctl --ctl-config ${join(realServerWorkDir(VARIANT), "ejabberd", "ejabberdctl.cfg")}`;
    const docs: Record<string, RunResults> = {};

    before(async function () {
      this.timeout(400_000);
      const register = ([u, pw]: string[]) => exec("sh", ["-c", `${ctl} register ${u} localhost ${pw}`]);
      await Promise.all(ACCOUNTS.map(register));
      docs.pool = await runSuiteDocument({ name: "pool", args: args(target(), pool()), cases, parallel: 8 });
      docs.admin = await runSuiteDocument({
        name: "admin",
        args: args(target(), admin()),
        cases,
        parallel: 8,
      });
      const command = {
        provision: "command",
        "provision-command": `${ctl} register {user} {domain} {password}`,
        "deprovision-command": `${ctl} unregister {user} {domain}`,
      };
      docs.command = await runSuiteDocument({
        name: "command",
        args: args(target(), command),
        cases,
        parallel: 8,
      });
      docs.ibr = await runSuiteDocument({ name: "ibr", args: args(target(), {}), cases: cases.slice(0, 1) });
    });

    it("refuses in-band registration", () => {
      expect(docs.ibr.results.map((r) => r.verdict)).to.deep.equal(["ERROR"]);
    });

    // ejabberd's fresh-account verdicts are fixtures/expectations/ejabberd.tsv (its suite test checks them)
    for (const name of ["pool", "admin", "command"]) {
      it(`gives with --provision ${name === "pool" ? "accounts" : name} the verdicts of fresh in-band accounts`, () => {
        const check = checkExpectations(docs[name].results, readExpectations(expectationsFile("ejabberd")));
        const line = (r: { id: string; verdict: string; message?: string }) =>
          `${r.verdict} ${r.id}: ${r.message}`;
        expect(docs[name].results).to.have.length(cases.length);
        expect(check.unexpectedFailures.map(line), "new failures").to.deep.equal([]);
        expect(check.unexpectedPasses.map(line), "unexpected passes").to.deep.equal([]);
      });
    }
  },
  { variant: VARIANT },
);
