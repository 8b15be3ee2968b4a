// The package as a user gets it: `npm pack` (whose prepack compiles dist/), installed into an empty folder
// from the local npm cache alone, and run there with nothing of the checkout in reach.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { packagePath } from "../harness/package-root.ts";
import { openStream, startServe } from "./support/serve-child.ts";

interface LockEntry {
  dev?: boolean;
  hasInstallScript?: boolean;
  [key: string]: unknown;
}

// npm's settings for the script running this test (`npm test` exports npm_config_local_prefix, the
// checkout) must not steer the user's install; its cache, where the tarballs are, is the one to use
const userEnv = () =>
  Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || /^npm_config_cache$/i.test(k)),
  );

/**
 * The empty folder's package.json and lockfile: the tarball, and the project's own resolved runtime
 * dependencies. `npm ci` caches tarballs, not the registry's version lists, so a lockfile is what lets
 * an offline install resolve at all; the versions are the ones this checkout is tested with.
 */
function writeApp(app: string, tgz: string): Record<string, LockEntry> {
  const lock = JSON.parse(readFileSync(packagePath("package-lock.json"), "utf8"));
  const root = lock.packages[""];
  const spec = `file:${tgz}`;
  const packages: Record<string, LockEntry> = {
    "": { dependencies: { xmppspec: spec } },
    "node_modules/xmppspec": {
      version: root.version,
      resolved: spec,
      dependencies: root.dependencies,
      bin: root.bin,
      engines: root.engines,
      peerDependencies: root.peerDependencies,
      peerDependenciesMeta: root.peerDependenciesMeta,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages as Record<string, LockEntry>))
    if (path && !entry.dev) packages[path] = entry;
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ private: true, dependencies: { xmppspec: spec } }),
  );
  writeFileSync(
    join(app, "package-lock.json"),
    JSON.stringify({ lockfileVersion: 3, requires: true, packages }),
  );
  return packages;
}

describe("the packed package, installed into an empty folder", function () {
  this.timeout(60_000);
  let dir: string;
  let app: string;
  let files: string[];
  let installed: Record<string, LockEntry>;

  before(function () {
    this.timeout(180_000);
    dir = mkdtempSync(join(tmpdir(), "xmppspec-pack-"));
    const packed = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], {
      cwd: packagePath("."),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const [info] = JSON.parse(packed) as { filename: string; files: { path: string }[] }[];
    files = info.files.map((f) => f.path);
    app = join(dir, "app");
    mkdirSync(app);
    installed = writeApp(app, join(dir, info.filename));
    const r = spawnSync("npm", ["install", "--offline", "--no-audit", "--no-fund"], {
      cwd: app,
      env: userEnv(),
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`npm install --offline failed: ${r.stderr.trim()}`);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("holds what runs (launcher, compiled JavaScript, fixtures) and no sources or tests", () => {
    expect(files).to.include.members([
      "bin/xmppspec.mjs",
      "dist/bin/xmppspec.js",
      "dist/harness/server/worker-entry.mjs",
      "dist/harness/runner/run.js",
      "dist/suites/rfc7622/3.2-domainpart.js",
      "fixtures/rfc/requirements.tsv",
    ]);
    expect(files.filter((f) => /^(test|scripts|bench|docs|types)\//.test(f))).to.deep.equal([]);
    expect(files.filter((f) => /\.[cm]?ts$/.test(f) && !f.endsWith(".d.ts"))).to.deep.equal([]);
  });

  it("has no install scripts, nor does any of its dependencies; tsx is not one of them", () => {
    const pkg = JSON.parse(readFileSync(join(app, "node_modules/xmppspec/package.json"), "utf8"));
    for (const s of ["preinstall", "install", "postinstall", "prepare"])
      expect(pkg.scripts ?? {}, s).not.to.have.property(s);
    expect(pkg.dependencies).not.to.have.property("tsx");
    expect(Object.keys(installed).filter((p) => installed[p].hasInstallScript)).to.deep.equal([]);
  });

  it("`npx xmppspec run --suite rfc7622` passes there", () => {
    const r = spawnSync("npx", ["--no", "xmppspec", "run", "--suite", "rfc7622", "--quiet"], {
      cwd: app,
      env: userEnv(),
      encoding: "utf8",
    });
    expect(r.stderr).to.equal("");
    expect(r.status).to.equal(0);
    expect(r.stdout).to.match(/\n(\d+) cases: \1 passed, 0 failed/);
  });

  it("`xmppspec serve` answers a stream there and stops on SIGINT", async () => {
    const serve = await startServe(
      join(app, "node_modules/.bin/xmppspec"),
      ["serve", "--port", "0", "--tls-port", "0", "--ws-port", "0"],
      app,
    );
    expect(await openStream(serve.port, "localhost")).to.match(/<stream:stream [^>]*from=/);
    serve.child.kill("SIGINT");
    expect(await serve.exited).to.equal(0);
  });
});
