// The targets of `--differential A,B,...`: each name is a target of the config file's `targets` map
// (as `run --target NAME` resolves one: its url, domain, CA, accounts, and for an entry without url
// the embedded server with the entry's `faults`), or `embedded`, the reference server as it ships.
import { dirname, resolve } from "node:path";
import type { Config, LoadedConfig, TargetConfig } from "../config/load.ts";
import { TARGET_FLAGS } from "../config/merge.ts";
import type { TargetArgs } from "./target-options.ts";
import { UsageError } from "./usage-error.ts";

/** Target flags whose value is a path: from the config, relative to the config file. */
const PATH_KEYS = new Set<keyof TargetConfig>(["tlsCa", "s2sPki", "s2sTlsCa"]);

export interface NamedTarget {
  name: string;
  args: TargetArgs;
}

/** A target's flags with nothing set: what the embedded server runs with. */
export function bareTargetArgs(): TargetArgs {
  return { tls: "optional", insecure: false, fault: [], account: [] };
}

/** The flags of one config entry (the same keys `run --target NAME` reads). */
function argsOf(entry: TargetConfig, file: string): TargetArgs {
  const out = bareTargetArgs() as unknown as Record<string, unknown>;
  for (const [key, flag] of Object.entries(TARGET_FLAGS)) {
    const value = entry[key as keyof TargetConfig];
    if (value === undefined) continue;
    out[flag] = PATH_KEYS.has(key as keyof TargetConfig) ? resolve(dirname(file), value as string) : value;
  }
  return out as unknown as TargetArgs;
}

/** `A,B[,C...]` as targets; fewer than two, a repeat or an unknown name is a UsageError. */
export function differentialTargets(list: string, loaded: LoadedConfig | undefined): NamedTarget[] {
  const names = list
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length < 2)
    throw new UsageError(`--differential wants two targets or more, like embedded,prosody (got '${list}')`);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) throw new UsageError(`--differential names '${repeated}' twice`);
  const targets: Config["targets"] = loaded?.config.targets ?? {};
  return names.map((name) => {
    if (Object.hasOwn(targets, name)) {
      const file = loaded?.file ?? "";
      return { name, args: argsOf(targets[name], file) };
    }
    if (name === "embedded") return { name, args: bareTargetArgs() };
    const have = [...new Set(["embedded", ...Object.keys(targets)])].join(", ");
    throw new UsageError(
      `--differential: no target '${name}' (have: ${have}${loaded ? "" : "; name others in a config file's targets"})`,
    );
  });
}
