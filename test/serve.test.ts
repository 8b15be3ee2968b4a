// `xmppspec serve`: prints where it listens, serves, and stops cleanly on Ctrl-C (SIGINT).
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { expect } from "chai";

const BIN = new URL("../bin/xmppspec.mjs", import.meta.url).pathname;

describe("xmppspec serve", function () {
  this.timeout(30_000);

  it("listens on loopback, answers a stream, and exits 0 on SIGINT", async () => {
    const p = spawn(
      process.execPath,
      [BIN, "serve", "--port", "0", "--tls-port", "0", "--ws-port", "0", "--domain", "serve.test"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => p.on("close", resolve));
    const port = await new Promise<number>((resolve, reject) => {
      p.stdout.on("data", () => {
        const m = /xmpp:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m && /Ctrl-C/.test(out)) resolve(Number(m[1]));
      });
      p.on("close", () => reject(new Error(`serve exited early: ${out}`)));
    });
    expect(out).to.match(/direct TLS\s+xmpps:\/\/127\.0\.0\.1:\d+/);
    expect(out).to.match(/WebSocket\s+ws:\/\/127\.0\.0\.1:\d+/);
    const header = await new Promise<string>((resolve, reject) => {
      const sock = connect(port, "127.0.0.1", () =>
        sock.write(
          "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='serve.test' version='1.0'>",
        ),
      );
      let got = "";
      sock.on("data", (d) => {
        got += d;
        if (got.includes("</stream:features>")) {
          sock.destroy();
          resolve(got);
        }
      });
      sock.on("error", reject);
    });
    expect(header).to.match(/from=['"]serve\.test['"]/);
    p.kill("SIGINT");
    expect(await exited).to.equal(0);
    expect(out).to.match(/stopped/);
  });
});
