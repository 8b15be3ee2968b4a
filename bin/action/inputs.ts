// The GitHub Action's inputs (action.yml) and the `xmppspec run` arguments each one becomes. The runner
// hands an action its inputs as INPUT_<NAME> environment variables (the name upper-cased, spaces as
// underscores); action.yml's composite step passes each one the same way, so this table is the contract
// test/action.test.ts holds action.yml to.

type Kind =
  /** one value: `--flag value` when not empty */
  | "value"
  /** several values, one a line (or split by commas and spaces: `split`): `--flag v` each */
  | "lines"
  | "words"
  /** 'true' or 'false': `--flag` when true */
  | "boolean";

export interface ActionInput {
  name: string;
  flag: string;
  kind: Kind;
  /** The value when the input is empty or absent: also action.yml's `default`. */
  default?: string;
}

export const ACTION_INPUTS: readonly ActionInput[] = [
  { name: "target", flag: "--target", kind: "value" },
  { name: "domain", flag: "--domain", kind: "value" },
  { name: "second-domain", flag: "--second-domain", kind: "value" },
  { name: "direct-tls", flag: "--direct-tls", kind: "value" },
  { name: "websocket", flag: "--websocket", kind: "value" },
  { name: "tls", flag: "--tls", kind: "value" },
  { name: "tls-ca", flag: "--tls-ca", kind: "value" },
  { name: "insecure", flag: "--insecure", kind: "boolean", default: "false" },
  { name: "accounts", flag: "--account", kind: "lines" },
  { name: "provision", flag: "--provision", kind: "value" },
  { name: "admin-account", flag: "--admin-account", kind: "value" },
  { name: "provision-command", flag: "--provision-command", kind: "value" },
  { name: "deprovision-command", flag: "--deprovision-command", kind: "value" },
  { name: "wait", flag: "--wait", kind: "value" },
  { name: "suites", flag: "--suite", kind: "words" },
  { name: "cases", flag: "--case", kind: "lines" },
  { name: "shard", flag: "--shard", kind: "value" },
  { name: "parallel", flag: "--parallel", kind: "value" },
  { name: "expect", flag: "--expect", kind: "value" },
  { name: "strict", flag: "--strict", kind: "boolean", default: "false" },
  { name: "fail-on-skip", flag: "--fail-on-skip", kind: "boolean", default: "false" },
  { name: "config", flag: "--config", kind: "value" },
  { name: "results", flag: "--json", kind: "value", default: "xmppspec-results.json" },
  { name: "junit", flag: "--junit", kind: "value", default: "xmppspec-junit.xml" },
  { name: "html", flag: "--html", kind: "value" },
];

/** A bad input: one line in the log and the job summary, exit 2 (as the CLI's usage errors). */
export class InputError extends Error {
  override name = "InputError";
}

/** The environment variable the runner passes an input in. */
export const inputEnvName = (name: string): string => `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;

export function inputValue(env: NodeJS.ProcessEnv, i: ActionInput): string {
  const v = (env[inputEnvName(i.name)] ?? "").trim();
  return v === "" ? (i.default ?? "") : v;
}

function valuesOf(i: ActionInput, v: string): string[] {
  if (v === "") return [];
  if (i.kind === "lines")
    return v
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean);
  if (i.kind === "words") return v.split(/[\s,]+/).filter(Boolean);
  if (i.kind === "boolean") {
    if (v === "true") return [""];
    if (v === "false") return [];
    throw new InputError(`input '${i.name}' wants true or false, got '${v}'`);
  }
  return [v];
}

/** `xmppspec run`'s arguments for the inputs in `env`. */
export function runArguments(env: NodeJS.ProcessEnv): string[] {
  const args = ["run"];
  for (const i of ACTION_INPUTS)
    for (const v of valuesOf(i, inputValue(env, i)))
      args.push(...(i.kind === "boolean" ? [i.flag] : [i.flag, v]));
  return args;
}

const byName = (name: string) => ACTION_INPUTS.find((i) => i.name === name) as ActionInput;

/** One input's value by its action.yml name (its default when empty). */
export const inputNamed = (env: NodeJS.ProcessEnv, name: string): string => inputValue(env, byName(name));

/** The passwords in the inputs, for the runner to mask in the log (`user:password`: after the first ':'). */
export function secretsOf(env: NodeJS.ProcessEnv): string[] {
  const creds = [
    ...valuesOf(byName("accounts"), inputNamed(env, "accounts")),
    inputNamed(env, "admin-account"),
  ];
  return creds.map((c) => c.slice(c.indexOf(":") + 1)).filter((p, k) => p && creds[k].includes(":"));
}
