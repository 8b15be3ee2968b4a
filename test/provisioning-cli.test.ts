// The provisioning options as a user meets them: every mistake is one line and exit 2, before any connection.
import { expect } from "chai";
import { cliWithin } from "./support/cli-child.ts";

const T = ["run", "--target", "xmpp://127.0.0.1:1", "--domain", "localhost"];

const MISTAKES: [string, string[], RegExp][] = [
  [
    "an unknown method",
    ["--provision", "magic"],
    /--provision: 'magic' is not one of ibr, accounts, admin, command/,
  ],
  [
    "accounts without --account",
    ["--provision", "accounts"],
    /--provision accounts needs at least one --account/,
  ],
  ["a malformed --account", ["--account", "alice"], /--account wants user:password, got 'alice'/],
  [
    "two accounts sharing a password",
    ["--account", "a:pw", "--account", "b:pw"],
    /--account: a@localhost and b@localhost share a password/,
  ],
  ["admin without --admin-account", ["--provision", "admin"], /--provision admin needs --admin-account/],
  [
    "a malformed --admin-account",
    ["--provision", "admin", "--admin-account", "root"],
    /--admin-account wants user:password/,
  ],
  ["command without a template", ["--provision", "command"], /--provision command needs --provision-command/],
  [
    "an unknown placeholder",
    ["--provision", "command", "--provision-command", "register {name}"],
    /--provision-command: unknown placeholder \{name\}/,
  ],
  [
    "an option of another method",
    ["--provision", "ibr", "--admin-account", "a:b"],
    /--admin-account goes with --provision admin, not ibr/,
  ],
];

describe("--provision and its options", function () {
  this.timeout(90_000);
  for (const [what, args, message] of MISTAKES) {
    it(`${what}: one line, exit 2`, async () => {
      const r = await cliWithin([...T, ...args], 60_000);
      expect(r.code, r.stderr).to.equal(2);
      expect(r.stderr.trim().split("\n")).to.have.length(1);
      expect(r.stderr).to.match(message);
    });
  }

  it("against the embedded server: one line, exit 2", async () => {
    const r = await cliWithin(["run", "--provision", "admin", "--admin-account", "a:b"], 60_000);
    expect(r.code).to.equal(2);
    expect(r.stderr.trim().split("\n")).to.have.length(1);
    expect(r.stderr).to.match(/--provision and --account apply to a --target/);
  });

  it("are in --help", async () => {
    const r = await cliWithin(["run", "--help"], 60_000);
    for (const flag of ["--provision ", "--admin-account", "--provision-command", "--deprovision-command"])
      expect(r.stdout).to.include(flag);
  });
});
