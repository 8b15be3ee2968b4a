// Typed access to the real XMPP servers of Debian 12 (prosody, ejabberd, jabberd2) through
// fixtures/servers/xmpp-servers.sh, for the project's tests, the bench and the CLI.
import { spawn } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export type RealServerName = "prosody" | "ejabberd" | "jabberd2";

export const REAL_SERVER_NAMES: readonly RealServerName[] = ["prosody", "ejabberd", "jabberd2"];

export interface RealServerAccount {
  user: string;
  password: string;
}

export interface RealServerTarget {
  name: RealServerName;
  /** STARTTLS client port, e.g. xmpp://127.0.0.1:15222 */
  url: string;
  /** XEP-0368 direct TLS port, e.g. xmpps://127.0.0.1:15223 */
  directTlsUrl: string;
  /** RFC 7395 WebSocket endpoint (prosody and ejabberd), e.g. ws://127.0.0.1:15280/xmpp-websocket */
  wsUrl?: string;
  domain: "localhost";
  /** The self-signed certificate every server presents (PEM), valid for localhost and example.test. */
  caFile: string;
  /** Accounts of `domain` created by the launcher on a fresh state (alice@example.test exists too). */
  accounts: RealServerAccount[];
}

export interface StartOptions {
  /** Wipe all state (accounts, rosters, offline messages) before starting. Default true. */
  reset?: boolean;
  /** Upper bound for reset + start, in ms. Default 120 s. */
  timeoutMs?: number;
  /** A config variant (fixtures/servers/NAME/VARIANT/), with its own state: "registration-off". */
  variant?: string;
}

interface ServerSpec {
  port: number;
  directTlsPort: number;
  wsPort?: number;
  /** Programs the launcher runs; all must be on PATH (or in /usr/sbin, /sbin). */
  programs: string[];
  /** Debian packages to install when a program is missing. */
  packages: string[];
}

const SPECS: Record<RealServerName, ServerSpec> = {
  prosody: {
    port: 15222,
    directTlsPort: 15223,
    wsPort: 15280,
    programs: ["prosody", "prosodyctl", "openssl"],
    packages: ["prosody", "openssl"],
  },
  ejabberd: {
    port: 25222,
    directTlsPort: 25223,
    wsPort: 25280,
    programs: ["ejabberdctl", "openssl"],
    packages: ["ejabberd", "openssl"],
  },
  jabberd2: {
    port: 31222,
    directTlsPort: 31223,
    programs: ["jabberd2-router", "jabberd2-sm", "jabberd2-c2s", "sqlite3", "zcat", "openssl"],
    packages: ["jabberd2", "sqlite3", "openssl"],
  },
};

/** Written by the launcher into a fresh state of every server (plus alice@example.test). */
const ACCOUNTS: readonly RealServerAccount[] = [
  { user: "alice", password: "secret" },
  { user: "bob", password: "secret" },
];

const JABBERD2_SCHEMA = "/usr/share/doc/jabberd2/db-setup.sqlite.gz";

/** Absolute path of the launcher script. */
export const LAUNCHER = fileURLToPath(new URL("../../fixtures/servers/xmpp-servers.sh", import.meta.url));

/** Where the servers keep their state: $XMPP_WORK, else <os tmpdir>/xmppspec-servers; a variant's beside it. */
export function realServerWorkDir(variant?: string): string {
  const base = process.env.XMPP_WORK || join(tmpdir(), "xmppspec-servers");
  return variant ? `${base}-${variant}` : base;
}

function onPath(program: string): boolean {
  // the launcher adds /usr/sbin and /sbin, where ejabberdctl and jabberd2-* live
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/sbin"];
  return dirs.some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Are the server's programs installed? (Says nothing about whether it can run here.) */
export function realServerInstalled(name: RealServerName): boolean {
  return SPECS[name].programs.every(onPath);
}

/** Why the server cannot be started on this machine, or undefined when it can. */
export function realServerUnavailable(name: RealServerName): string | undefined {
  const spec = SPECS[name];
  const missing = spec.programs.filter((p) => !onPath(p));
  if (missing.length > 0) {
    return `${name} is not installed (${missing.join(", ")} not found; apt-get install ${spec.packages.join(" ")})`;
  }
  if (name === "ejabberd" && process.getuid?.() !== 0) {
    return "ejabberd needs root here (ejabberdctl switches to the ejabberd user itself)";
  }
  if (name === "jabberd2" && !existsSync(JABBERD2_SCHEMA)) {
    return `jabberd2's database schema ${JABBERD2_SCHEMA} is missing (docs excluded from this image?)`;
  }
  return undefined;
}

/** The address book entry of a server, whether or not it is running. */
export function realServerTarget(name: RealServerName, variant?: string): RealServerTarget {
  const spec = SPECS[name];
  const target: RealServerTarget = {
    name,
    url: `xmpp://127.0.0.1:${spec.port}`,
    directTlsUrl: `xmpps://127.0.0.1:${spec.directTlsPort}`,
    domain: "localhost",
    caFile: join(realServerWorkDir(variant), "certs", "xmpp.crt"),
    accounts: ACCOUNTS.map((a) => ({ ...a })),
  };
  if (spec.wsPort !== undefined) target.wsUrl = `ws://127.0.0.1:${spec.wsPort}/xmpp-websocket`;
  return target;
}

interface LauncherResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Run the launcher with an argument vector (no shell), bounded by timeoutMs. */
function runLauncher(args: string[], timeoutMs: number, variant?: string): Promise<LauncherResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [LAUNCHER, ...args], {
      env: { ...process.env, XMPP_WORK: realServerWorkDir(variant), XMPP_VARIANT: variant ?? "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let timedOut = false;
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-8192);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM"); // the launcher only; its servers are stopped by a later `stop`
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${LAUNCHER}: ${err.message}`));
    });
    // "exit", not "close": a server that kept an inherited stderr open must not hang us
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const settle = () => {
        if (timedOut) reject(new Error(`xmpp-servers.sh ${args.join(" ")} timed out after ${timeoutMs} ms`));
        else resolve({ code, signal, stderr });
      };
      if (child.stderr.closed) return settle();
      const grace = setTimeout(settle, 500); // let the last stderr bytes arrive, but never wait long
      child.stderr.once("close", () => {
        clearTimeout(grace);
        settle();
      });
    });
  });
}

/** The most telling line of the launcher's stderr: its own last error, else its last line. */
function lastWords(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const own = lines.filter((l) => l.startsWith("[xmpp-servers] error:"));
  return (own.at(-1) ?? lines.at(-1) ?? "no output").slice(0, 300);
}

async function launcher(args: string[], timeoutMs: number, variant?: string): Promise<void> {
  const r = await runLauncher(args, timeoutMs, variant);
  if (r.code !== 0) {
    const how = r.signal ? `signal ${r.signal}` : `exit ${r.code}`;
    throw new Error(`xmpp-servers.sh ${args.join(" ")} failed (${how}): ${lastWords(r.stderr)}`);
  }
}

/**
 * Start a real server (after wiping its state unless reset is false) and resolve once its
 * client port accepts connections. On failure, whatever got started is stopped again.
 */
export async function startRealServer(
  name: RealServerName,
  opts: StartOptions = {},
): Promise<RealServerTarget> {
  const why = realServerUnavailable(name);
  if (why) throw new Error(`cannot start ${name}: ${why}`);
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  const left = () => Math.max(1000, deadline - Date.now());
  try {
    if (opts.reset ?? true) await launcher(["reset", name], left(), opts.variant);
    await launcher(["start", name], left(), opts.variant);
  } catch (err) {
    await launcher(["stop", name], 30_000, opts.variant).catch(() => {});
    throw err;
  }
  const target = realServerTarget(name, opts.variant);
  if (!existsSync(target.caFile)) throw new Error(`${name} started but ${target.caFile} is missing`);
  return target;
}

/** Stop a real server (a no-op when it is not running). State is kept until the next reset. */
export async function stopRealServer(
  name: RealServerName,
  opts: { timeoutMs?: number; variant?: string } = {},
): Promise<void> {
  await launcher(["stop", name], opts.timeoutMs ?? 60_000, opts.variant);
}
