// `xmppspec init`: write a commented xmppspec.config.json to start from; never over an existing config.
import { existsSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Argv } from "yargs";
import { CONFIG_NAMES, SCHEMA_FILE } from "../config/load.ts";
import { starterConfig } from "../config/starter.ts";
import { EXIT, UsageError } from "./usage-error.ts";

export interface InitArgs {
  force: boolean;
}

export function initOptions<T>(y: Argv<T>) {
  return y.option("force", {
    type: "boolean",
    default: false,
    describe: "overwrite an existing xmppspec.config.json",
  });
}

export function initCommand(a: InitArgs, cwd = process.cwd()): number {
  const file = join(cwd, CONFIG_NAMES[0]);
  const existing = CONFIG_NAMES.filter((n) => existsSync(join(cwd, n)));
  if (existing.length && !(a.force && existing.length === 1 && existing[0] === CONFIG_NAMES[0]))
    throw new UsageError(
      `${existing.join(" and ")} already here${a.force ? "" : " (--force overwrites a .json one)"}`,
    );
  const ref = relative(cwd, SCHEMA_FILE).split(sep).join("/");
  writeFileSync(file, starterConfig(ref.startsWith(".") ? ref : `./${ref}`));
  process.stdout.write(
    `wrote ${CONFIG_NAMES[0]}: \`xmppspec run\` reads it; edit the target to test a server\n`,
  );
  return EXIT.ok;
}
