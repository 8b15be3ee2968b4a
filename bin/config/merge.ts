// The config file under the flags: `run`'s arguments are the config's values, replaced by every flag the
// command line spells out (a flag left out keeps the config's value, then yargs' default).
import { dirname, resolve } from "node:path";
import { UsageError } from "../commands/usage-error.ts";
import type { Config, LoadedConfig, ReportsConfig, TargetConfig } from "./load.ts";

/** Each config key of a target and the flag it stands for. */
export const TARGET_FLAGS: Record<keyof TargetConfig, string> = {
  url: "target",
  domain: "domain",
  secondDomain: "second-domain",
  directTls: "direct-tls",
  websocket: "websocket",
  tls: "tls",
  tlsCa: "tls-ca",
  insecure: "insecure",
  accounts: "account",
  provision: "provision",
  adminAccount: "admin-account",
  provisionCommand: "provision-command",
  deprovisionCommand: "deprovision-command",
  wait: "wait",
  faults: "fault",
  s2sTarget: "s2s-target",
  s2sDns: "s2s-dns",
  s2sPki: "s2s-pki",
  s2sListen: "s2s-listen",
  s2sTlsCa: "s2s-tls-ca",
  component: "component",
  componentSecret: "component-secret",
  componentDomain: "component-domain",
};

/** Each top-level config key and its flag ("target", "targets" and "reports" are read apart). */
export const RUN_FLAGS: Record<
  Exclude<keyof Config, "$schema" | "target" | "targets" | "reports">,
  string
> = {
  suites: "suite",
  profiles: "profile",
  cases: "case",
  grep: "grep",
  shard: "shard",
  expect: "expect",
  parallel: "parallel",
  timeout: "timeout",
  caseTimeout: "case-timeout",
  strict: "strict",
  failOnSkip: "fail-on-skip",
  quiet: "quiet",
  keepAccounts: "keep-accounts",
};

export const REPORT_FLAGS: Record<keyof ReportsConfig, string> = {
  json: "json",
  junit: "junit",
  allure: "allure",
  html: "html",
  matrix: "matrix",
  markdown: "markdown",
};

/** Flags whose value is a path: from the config, relative to the config file. */
const PATH_FLAGS = new Set(["tls-ca", "s2s-pki", "s2s-tls-ca", "expect", ...Object.values(REPORT_FLAGS)]);

/**
 * The flags the command line spells out (`--tls-ca x`, `--tlsCa=x`, `--no-strict`), in kebab-case.
 * `run` has no one-letter aliases, so long forms are all there is to read.
 */
export function givenFlags(argv: readonly string[]): Set<string> {
  const given = new Set<string>();
  for (const token of argv) {
    if (token === "--") break;
    const m = /^--(?:no-)?([^=]+)/.exec(token);
    if (m) given.add(m[1].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  }
  return given;
}

/** The target entry a run uses: `--target NAME`, else "target", else the only one. */
function pickTarget(cfg: Config, cliTarget: string | undefined): { entry?: TargetConfig; byName: boolean } {
  const targets = cfg.targets ?? {};
  const names = Object.keys(targets);
  if (cliTarget !== undefined && Object.hasOwn(targets, cliTarget))
    return { entry: targets[cliTarget], byName: true };
  if (cfg.target !== undefined) {
    if (!Object.hasOwn(targets, cfg.target))
      throw new UsageError(`target: no "${cfg.target}" in targets (have: ${names.join(", ") || "none"})`);
    return { entry: targets[cfg.target], byName: false };
  }
  if (names.length > 1 && cliTarget === undefined)
    throw new UsageError(`targets: several (${names.join(", ")}); pick one with --target NAME or "target"`);
  return { entry: names.length === 1 ? targets[names[0]] : undefined, byName: false };
}

/**
 * `args` (as yargs parsed them, defaults included) with the config's values for every flag not in
 * `given`. `--target NAME` picks a target of the config; `--target URL` replaces the picked one's url.
 */
export function mergeConfig<A extends object>(args: A, given: ReadonlySet<string>, loaded: LoadedConfig): A {
  const { config: cfg, file } = loaded;
  const out = { ...args } as Record<string, unknown>;
  const put = (flag: string, value: unknown) => {
    if (value === undefined || given.has(flag)) return;
    out[flag] = PATH_FLAGS.has(flag) ? resolve(dirname(file), value as string) : value;
  };
  const cliTarget = given.has("target") ? (out.target as string | undefined) : undefined;
  let picked: ReturnType<typeof pickTarget>;
  try {
    picked = pickTarget(cfg, cliTarget);
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
  // a target picked by name brings its url (none: the embedded server), whatever --target said
  if (picked.byName) out.target = picked.entry?.url;
  for (const [key, flag] of Object.entries(TARGET_FLAGS))
    put(flag, picked.entry?.[key as keyof TargetConfig]);
  for (const [key, flag] of Object.entries(RUN_FLAGS)) put(flag, cfg[key as keyof typeof RUN_FLAGS]);
  for (const [key, flag] of Object.entries(REPORT_FLAGS))
    put(flag, cfg.reports?.[key as keyof ReportsConfig]);
  return out as A;
}
