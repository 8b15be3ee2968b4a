// Finding and reading the config file: xmppspec.config.json (comments allowed), .mjs or .js in the
// current directory, or the file `--config` names. What it holds is checked against the shipped schema.
// A .ts config is refused in words: the installed package runs compiled JavaScript, with no TypeScript
// loader to import it.
import { existsSync, readFileSync } from "node:fs";
import { extname, isAbsolute, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { fixture } from "../../harness/fixtures/tsv.ts";
import { UsageError } from "../commands/usage-error.ts";
import { checkSchema, type Schema } from "./json-schema.ts";
import { parseJsonc } from "./jsonc.ts";

/** One target as the config file describes it; no url: the embedded reference server. */
export interface TargetConfig {
  url?: string;
  domain?: string;
  secondDomain?: string;
  directTls?: string;
  websocket?: string;
  tls?: "required" | "optional" | "none";
  tlsCa?: string;
  insecure?: boolean;
  accounts?: string[];
  provision?: "ibr" | "accounts" | "admin" | "command";
  adminAccount?: string;
  provisionCommand?: string;
  deprovisionCommand?: string;
  wait?: string;
  faults?: string[];
  s2sTarget?: string;
  s2sDns?: string;
  s2sPki?: string;
  s2sListen?: string;
  s2sTlsCa?: string;
  component?: string;
  componentSecret?: string;
  componentDomain?: string;
}

export interface ReportsConfig {
  json?: string;
  junit?: string;
  allure?: string;
  html?: string;
  matrix?: string;
  markdown?: string;
}

/** fixtures/config.schema.json as a type; test/config.test.ts keeps the two the same. */
export interface Config {
  $schema?: string;
  target?: string;
  targets?: Record<string, TargetConfig>;
  suites?: string[];
  profiles?: string[];
  cases?: string[];
  grep?: string;
  shard?: string;
  expect?: string;
  parallel?: number;
  timeout?: number;
  caseTimeout?: number;
  strict?: boolean;
  failOnSkip?: boolean;
  quiet?: boolean;
  keepAccounts?: boolean;
  reports?: ReportsConfig;
}

export interface LoadedConfig {
  /** The file it came from (absolute): relative paths in it are relative to its directory. */
  file: string;
  config: Config;
}

/** The names looked for in the current directory, in this order; more than one present is a mistake. */
export const CONFIG_NAMES = ["xmppspec.config.json", "xmppspec.config.mjs", "xmppspec.config.js"];

const TYPESCRIPT = /\.[cm]?ts$/;

/** The schema shipped in the package: editors read it through "$schema", `run` checks against it. */
export const SCHEMA_FILE = fixture("config.schema.json");

export function configSchema(): Schema {
  return JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Schema;
}

/** The config file of `dir`, if there is one. */
export function findConfig(dir: string): string | undefined {
  const found = [...CONFIG_NAMES, "xmppspec.config.ts"].filter((n) => existsSync(join(dir, n)));
  if (found.length > 1)
    throw new UsageError(`found ${found.join(" and ")}: keep one, or name it with --config FILE`);
  return found.length ? join(dir, found[0]) : undefined;
}

/** The file as the user would name it: from the current directory when it is below it. */
function shown(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith("..") || isAbsolute(rel) ? file : rel;
}

async function readConfig(file: string, name: string): Promise<unknown> {
  if (extname(file) === ".json" || extname(file) === ".jsonc") {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      throw new UsageError(`cannot read ${name}: ${(err as NodeJS.ErrnoException).code ?? err}`);
    }
    try {
      return parseJsonc(text);
    } catch (err) {
      throw new UsageError(`${name}: ${(err as Error).message}`);
    }
  }
  if (!existsSync(file)) throw new UsageError(`cannot read ${name}: ENOENT`);
  if (TYPESCRIPT.test(file))
    throw new UsageError(
      `${name}: a TypeScript config needs a loader xmppspec does not ship; rename it .mjs`,
    );
  try {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return mod.default;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UsageError(`${name}: ${e.message?.split("\n")[0] ?? e}`);
  }
}

/** The config `--config` names, else the one in `cwd`, else none; a bad one is a UsageError (one line). */
export async function loadConfig(
  explicit: string | undefined,
  cwd: string,
): Promise<LoadedConfig | undefined> {
  const file = explicit ? resolve(cwd, explicit) : findConfig(cwd);
  if (!file) return undefined;
  const name = shown(file, cwd);
  const value = await readConfig(file, name);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new UsageError(
      `${name}: a config is an object${extname(file) === ".json" ? "" : " (export default { … })"}`,
    );
  const problem = checkSchema(configSchema(), value);
  if (problem) throw new UsageError(`${name}: ${problem.path ? `${problem.path}: ` : ""}${problem.message}`);
  return { file, config: value as Config };
}
