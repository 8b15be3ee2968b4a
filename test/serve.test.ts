// `xmppspec serve`: prints where it listens, serves, and stops cleanly on Ctrl-C (SIGINT).
import { expect } from "chai";
import { Session } from "../harness/session.ts";
import { Transcript } from "../harness/transcript.ts";
import { xml } from "../harness/xml/element.ts";
import { CLI_BIN } from "./support/cli-child.ts";
import { openStream, startServe } from "./support/serve-child.ts";

/** `xmppspec serve` on ephemeral ports for serve.test. */
const SERVE = [
  CLI_BIN,
  "serve",
  "--port",
  "0",
  "--tls-port",
  "0",
  "--ws-port",
  "0",
  "--domain",
  "serve.test",
];

describe("xmppspec serve", function () {
  this.timeout(30_000);

  it("listens on loopback, answers a stream, and exits 0 on SIGINT", async () => {
    const serve = await startServe(process.execPath, SERVE);
    expect(serve.out()).to.match(/direct TLS\s+xmpps:\/\/127\.0\.0\.1:\d+/);
    expect(serve.out()).to.match(/WebSocket\s+ws:\/\/127\.0\.0\.1:\d+/);
    expect(await openStream(serve.port, "serve.test")).to.match(/from=['"]serve\.test['"]/);
    serve.child.kill("SIGINT");
    expect(await serve.exited).to.equal(0);
    expect(serve.out()).to.match(/stopped/);
  });
});

describe("xmppspec serve --federate", function () {
  this.timeout(30_000);

  it("starts a second server for the domain, and a message crosses from one to the other over s2s", async () => {
    const serve = await startServe(process.execPath, [
      ...SERVE,
      "--federate",
      "remote.test",
      "--account",
      "alice@serve.test:secret",
      "--account",
      "bob@remote.test:secret",
    ]);
    try {
      const ports = [...serve.out().matchAll(/c2s \(STARTTLS\)\s+xmpp:\/\/127\.0\.0\.1:(\d+)/g)].map((m) =>
        Number(m[1]),
      );
      expect(ports).to.have.length(2);
      expect(serve.out()).to.match(/s2s\s+127\.0\.0\.1:\d+/);
      const login = async (port: number, domain: string, username: string) => {
        const s = await Session.open({
          endpoint: { kind: "tcp", host: "127.0.0.1", port },
          domain,
          trust: { insecure: true },
          transcript: new Transcript(),
          label: username,
          timeoutMs: 5000,
        });
        await s.negotiate({ tls: "required", auth: { username, password: "secret" }, bind: true });
        return s;
      };
      const alice = await login(ports[0], "serve.test", "alice");
      const bob = await login(ports[1], "remote.test", "bob");
      await bob.send(xml("presence")); // available: a message to the bare JID is delivered, not stored
      await bob.barrier();
      await alice.send(xml("message", { to: "bob@remote.test", id: "fed1" }, xml("body", {}, "over s2s")));
      const got = await bob.expect({ name: "message", id: "fed1" }, 10_000);
      expect(got.attrs.from).to.match(/^alice@serve\.test\//);
      await Promise.all([alice.close(), bob.close()]);
    } finally {
      serve.child.kill("SIGINT");
      expect(await serve.exited).to.equal(0);
    }
  });
});
