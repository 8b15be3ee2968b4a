// No leaked secrets: a whole-suite run on the embedded server with every report writer, then every byte it
// wrote (files, stdout, stderr) is searched for every password it used — plain, base64 at each alignment —
// and for each SCRAM exchange's SaltedPassword, ClientKey, StoredKey, ServerKey and ClientProof.
import { createHash, createHmac, pbkdf2Sync } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { type CliRun, hasStackTrace, runCli } from "./support/cli-child.ts";
import type { ScramRecord, SecretRecord } from "./support/record-secrets.ts";

const RECORDER = new URL("./support/record-secrets.ts", import.meta.url).pathname;
/** Report writers of `run` besides --json; a new one belongs here. */
const WRITERS = [
  ["--junit", "junit.xml"],
  ["--html", "report.html"],
  ["--markdown", "report.md"],
  ["--allure", "allure-results"],
] as const;
/** Shorter passwords (a case's own weak ones) match too much by chance to be searched for. */
const MIN_SECRET = 8;
/** A case's literal wrong password ("wrong-password") guards no account, and is spelled in the case's own id. */
const LITERAL = /^[a-z]+(-[a-z]+)*$/;

/** base64 of `bytes` wherever they sit in a longer payload: the characters that are theirs alone at each alignment. */
function base64Forms(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64");
    // characters 4k.. hold bytes 3k..; skip the group the padding shares, end before the last partial group
    const from = shift === 0 ? 0 : 4;
    const to = Math.floor((shift + bytes.length) / 3) * 4;
    if (to - from >= MIN_SECRET) out.push(b64.slice(from, to));
  }
  return out;
}

const HASH: Record<string, { name: string; len: number }> = {
  "SCRAM-SHA-1": { name: "sha1", len: 20 },
  "SCRAM-SHA-256": { name: "sha256", len: 32 },
};

function attr(msg: string, key: string): string {
  const m = new RegExp(`(?:^|,)${key}=([^,]*)`).exec(msg);
  if (!m) throw new Error(`no ${key}= in ${msg}`);
  return m[1];
}

type ScramValues = { named: Record<string, Buffer>; proof: string; computedProof: string };
const derived = new WeakMap<ScramRecord, ScramValues>();

/** RFC 5802 §3, from the password and the salt and iteration count the server sent (PBKDF2 is slow: once each). */
function scramValues(r: ScramRecord): ScramValues {
  const known = derived.get(r);
  if (known) return known;
  const v = deriveScram(r);
  derived.set(r, v);
  return v;
}

function deriveScram(r: ScramRecord): ScramValues {
  const h = HASH[r.mechanism];
  const salted = pbkdf2Sync(
    r.password,
    Buffer.from(attr(r.serverFirst, "s"), "base64"),
    Number(attr(r.serverFirst, "i")),
    h.len,
    h.name,
  );
  const clientKey = createHmac(h.name, salted).update("Client Key").digest();
  const storedKey = createHash(h.name).update(clientKey).digest();
  const serverKey = createHmac(h.name, salted).update("Server Key").digest();
  const withoutProof = r.clientFinal.replace(/,p=[^,]*$/, "");
  const authMessage = `${r.clientFirstBare},${r.serverFirst},${withoutProof}`;
  const signature = createHmac(h.name, storedKey).update(authMessage).digest();
  const computed = Buffer.from(clientKey.map((b, i) => b ^ signature[i]));
  return {
    named: {
      SaltedPassword: salted,
      ClientKey: clientKey,
      StoredKey: storedKey,
      ServerKey: serverKey,
      ClientProof: computed,
    },
    proof: attr(r.clientFinal, "p"),
    computedProof: computed.toString("base64"),
  };
}

interface Needle {
  text: string;
  what: string;
}

function needlesOf(records: SecretRecord[]): Needle[] {
  const out = new Map<string, string>();
  const add = (text: string, what: string) => {
    if (text.length >= MIN_SECRET && !out.has(text)) out.set(text, what);
  };
  for (const r of records) {
    if (!LITERAL.test(r.password)) {
      add(r.password, "a password");
      for (const b of base64Forms(Buffer.from(r.password))) add(b, "a password in base64");
    }
    if (r.kind !== "scram") continue;
    const v = scramValues(r);
    for (const [name, value] of Object.entries(v.named)) {
      add(value.toString("base64"), `a SCRAM ${name} (base64)`);
      add(value.toString("hex"), `a SCRAM ${name} (hex)`);
    }
    for (const b of base64Forms(Buffer.from(r.clientFinal))) add(b, "a SCRAM client-final-message in base64");
  }
  return [...out].map(([text, what]) => ({ text, what }));
}

/** The needles by their first MIN_SECRET characters, built once for all outputs. */
function indexNeedles(needles: Needle[]): Map<string, Needle[]> {
  const byPrefix = new Map<string, Needle[]>();
  for (const n of needles) {
    const k = n.text.slice(0, MIN_SECRET);
    const list = byPrefix.get(k);
    if (list) list.push(n);
    else byPrefix.set(k, [n]);
  }
  return byPrefix;
}

/** Characters of every needle (passwords are base64url, derived values base64 or hex): a needle lies in a run of them. */
const TOKEN = /[A-Za-z0-9+/=_-]{8,}/g;

/**
 * Every needle found in `hay`. Needles are indexed by their first characters, and only the distinct runs of
 * needle characters in `hay` are scanned: outputs repeat the same ids and texts many times over.
 */
function findNeedles(hay: string, byPrefix: Map<string, Needle[]>): Needle[] {
  const K = MIN_SECRET;
  const found = new Set<Needle>();
  for (const token of new Set(hay.match(TOKEN) ?? [])) {
    for (let i = 0; i + K <= token.length; i++) {
      const list = byPrefix.get(token.slice(i, i + K));
      if (list) for (const n of list) if (token.startsWith(n.text, i)) found.add(n);
    }
  }
  return [...found];
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((f) => filesUnder(join(path, f)));
}

describe("no leaked secrets: a whole suite, every output searched", function () {
  this.timeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), "xmppspec-secrets-"));
  const secretsFile = join(dir, "secrets.jsonl");
  const out = join(dir, "out");
  let run: CliRun;
  let records: SecretRecord[] = [];

  before(async () => {
    const writers = WRITERS.flatMap(([flag, name]) => [flag, join(out, name)]);
    run = await runCli(["run", "--parallel", "4", "--json", join(out, "results.json"), ...writers], {
      deadlineMs: 540_000,
      nodeFlags: ["--import", RECORDER],
      env: { XMPPSPEC_SECRETS_FILE: secretsFile },
      maxOutputChars: 200_000_000,
    });
    records = readFileSync(secretsFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as SecretRecord);
  });

  it("the run completed and wrote every report", () => {
    expect(run.timedOut).to.equal(false);
    expect(hasStackTrace(run.stderr), run.stderr).to.equal(false);
    expect(run.code, run.stderr).to.be.oneOf([0, 1]);
    const written = readdirSync(out);
    expect(written).to.include.members(["results.json", ...WRITERS.map(([, name]) => name)]);
  });

  it("knows the run's secrets: passwords and SCRAM exchanges, with values derived as RFC 5802 says", () => {
    const scram = records.filter((r): r is ScramRecord => r.kind === "scram");
    expect(records.filter((r) => r.kind === "password").length, "passwords recorded").to.be.above(100);
    expect(scram.length, "SCRAM exchanges recorded").to.be.above(50);
    expect(new Set(scram.map((r) => r.mechanism))).to.have.all.keys("SCRAM-SHA-1", "SCRAM-SHA-256");
    // the derivation is right: it gives back the very ClientProof each client sent
    for (const r of scram) {
      const v = scramValues(r);
      expect(v.computedProof, r.clientFinal).to.equal(v.proof);
    }
  });

  it("the search finds a secret in each form it looks for (it can fail)", () => {
    const r = records.find((x): x is ScramRecord => x.kind === "scram" && x.password.length >= MIN_SECRET)!;
    const needles = indexNeedles(needlesOf([r]));
    const plainAuth = Buffer.from(`\0someone\0${r.password}`).toString("base64");
    for (const hay of [`x${r.password}y`, `<auth>${plainAuth}</auth>`, `p=${scramValues(r).proof}`]) {
      expect(findNeedles(hay, needles), hay).to.not.be.empty;
    }
    expect(findNeedles("<auth>[redacted]</auth>", needles)).to.be.empty;
  });

  it("no password, base64 password or SCRAM-derived value appears in any file, stdout or stderr", () => {
    const needles = indexNeedles(needlesOf(records));
    const outputs: [string, string][] = [
      ["stdout", run.stdout],
      ["stderr", run.stderr],
      ...filesUnder(out).map((f): [string, string] => [f, readFileSync(f, "utf8")]),
    ];
    const leaks: string[] = [];
    for (const [where, text] of outputs) {
      for (const n of findNeedles(text, needles)) {
        const at = text.indexOf(n.text);
        leaks.push(`${where}: ${n.what}: …${text.slice(Math.max(0, at - 80), at + n.text.length + 20)}…`);
      }
    }
    expect(leaks, `${leaks.length} leaks:\n${leaks.slice(0, 20).join("\n")}`).to.deep.equal([]);
  });
});
