// `xmppspec serve`: prints where it listens, serves, and stops cleanly on Ctrl-C (SIGINT).
import { expect } from "chai";
import { openStream, startServe } from "./support/serve-child.ts";

const BIN = new URL("../bin/xmppspec.mjs", import.meta.url).pathname;

describe("xmppspec serve", function () {
  this.timeout(30_000);

  it("listens on loopback, answers a stream, and exits 0 on SIGINT", async () => {
    const serve = await startServe(process.execPath, [
      BIN,
      "serve",
      "--port",
      "0",
      "--tls-port",
      "0",
      "--ws-port",
      "0",
      "--domain",
      "serve.test",
    ]);
    expect(serve.out()).to.match(/direct TLS\s+xmpps:\/\/127\.0\.0\.1:\d+/);
    expect(serve.out()).to.match(/WebSocket\s+ws:\/\/127\.0\.0\.1:\d+/);
    expect(await openStream(serve.port, "serve.test")).to.match(/from=['"]serve\.test['"]/);
    serve.child.kill("SIGINT");
    expect(await serve.exited).to.equal(0);
    expect(serve.out()).to.match(/stopped/);
  });
});
