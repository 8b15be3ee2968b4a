// --wait: a run or a fuzz campaign started before its target is up (a CI job's server in the background)
// keeps connecting until the target answers a stream header, and says in one line when it never does.
import { createServer } from "node:net";
import { expect } from "chai";
import { ReferenceServer } from "../harness/server/server.ts";
import { cliWithin } from "./support/cli-child.ts";
import { freePort } from "./support/free-port.ts";

const target = (port: number) => [
  "--target",
  `xmpp://127.0.0.1:${port}`,
  "--domain",
  "localhost",
  "--insecure",
];

describe("--wait", function () {
  this.timeout(60_000);

  for (const command of ["run", "fuzz"])
    it(`${command} --wait soon: one line, exit 2`, async () => {
      const r = await cliWithin([command, "--wait", "soon"], 30_000);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.equal("xmppspec: --wait wants a time like 60s, 5m or 1h, got 'soon'\n");
    });

  it("a run started before its target answers passes once it does", async () => {
    const port = await freePort();
    // the port is taken but nothing answers yet (a server still starting); the first connection that
    // gets dropped there hands the port to the real server
    let dropped = 0;
    let server: Promise<ReferenceServer> | undefined;
    const starting = createServer((sock) => {
      sock.destroy();
      if (dropped++ === 0)
        starting.close(() => {
          server = ReferenceServer.start({ port, tlsPort: null, wsPort: null });
        });
    });
    await new Promise<void>((resolve) => starting.listen(port, "127.0.0.1", resolve));
    try {
      const r = await cliWithin(
        ["run", ...target(port), "--wait", "20s", "--suite", "rfc7622", "--quiet"],
        45_000,
      );
      expect(dropped).to.be.at.least(1);
      expect(r.stderr).to.equal("");
      expect(r.code).to.equal(0);
      expect(r.stdout).to.match(/\n(\d+) cases: \1 passed, 0 failed/);
    } finally {
      starting.close();
      await (await server)?.stop();
    }
  });

  it("a target that never comes up: ERROR after the wait, one line saying so, exit 1", async () => {
    const port = await freePort();
    const started = Date.now();
    const r = await cliWithin(
      ["run", ...target(port), "--wait", "2s", "--suite", "rfc7622", "--quiet"],
      30_000,
    );
    expect(Date.now() - started).to.be.at.least(2000);
    expect(r.code).to.equal(1);
    expect(r.stderr.trim().split("\n")).to.deep.equal([
      `xmppspec: target xmpp://127.0.0.1:${port} is not usable: no stream header within 2 s of trying (last attempt: connection refused by 127.0.0.1:${port})`,
    ]);
    expect(r.stdout).to.match(/\n(\d+) cases: 0 passed, 0 failed, 0 warned, 0 skipped, \1 errors/);
  });
});
