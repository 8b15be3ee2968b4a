// A replayed finding gets the same verdict however slowly the target reads: liveness is judged only after
// the target has read the case's bytes. The stand-in target here takes 300 ms to "process" a deeply nested
// stanza and then falls over, while serving new connections meanwhile, as a loaded server would: a fresh
// connection made right after sending used to find it alive (the replay then "passed").
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "chai";
import fc from "fast-check";
import type { Finding } from "../harness/fuzz/finding.ts";
import type { LevelSpec } from "../harness/fuzz/levels/level.ts";
import type { XmlSpec } from "../harness/fuzz/levels/xml.ts";
import { replayFinding } from "../harness/fuzz/replay.ts";
import { runCase } from "../harness/fuzz/run-case.ts";
import { openRig } from "../harness/fuzz/setup.ts";

const HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' " +
  "id='s1' from='localhost' version='1.0'><stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" +
  "<mechanism>PLAIN</mechanism></mechanisms></stream:features>";

/** Serves stream headers; on a nested <a>, reads nothing more on that stream and falls over 300 ms later. */
function slowToFall(): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  let fallen = false;
  const server = net.createServer((sock) => {
    if (fallen) return sock.destroy();
    sockets.add(sock);
    let busy = false;
    sock.on("data", (d) => {
      const text = d.toString("utf8");
      if (busy) return;
      if (text.includes("<a><a><a>")) {
        busy = true;
        setTimeout(() => {
          fallen = true;
          for (const s of sockets) s.destroy();
        }, 300);
        return;
      }
      if (text.includes("<stream:stream")) sock.write(HEADER);
    });
    sock.on("close", () => sockets.delete(sock));
    sock.on("error", () => {});
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      }),
    ),
  );
}

describe("a replayed fuzz finding against a target slow to read", function () {
  this.timeout(30_000);

  it("is judged after the target read the input: the crash is seen", async () => {
    const target = await slowToFall();
    const spec: XmlSpec = {
      pieces: [
        { s: "<message type='get' id='x'><body>" },
        { s: "<a>".repeat(50) },
        { s: "</a>".repeat(50) },
        { s: "</body></message>" },
      ],
      splits: [],
    };
    const finding: Finding = {
      schema: 1,
      level: "xml",
      oracle: "alive",
      message: "",
      seed: 1,
      path: null,
      input: spec,
      shrunk: true,
      target: { name: "stub", url: "" },
      foundAt: new Date(0).toISOString(),
      repeats: 0,
      transcript: [],
    };
    const opened = await openRig(
      {
        target: `xmpp://127.0.0.1:${target.port}`,
        domain: "localhost",
        tls: "none",
        insecure: false,
        account: [],
        fault: [],
      },
      2000,
    );
    try {
      const again = await replayFinding(opened.rig, finding);
      expect(again.reproduced, again.message ?? "the replay passed").to.equal(true);
    } finally {
      await opened.close().catch(() => {});
      target.close();
    }
  });
});

describe("a fuzz case fast-check gave up on", function () {
  this.timeout(30_000);

  // A shrink's budget ran out during a case that crashed the embedded server; the replay that followed
  // began at once, and the abandoned case's restart of the server closed the replay's stream and answered
  // its liveness check from the new server: "replay under crash-invalid-utf8: stream-error".
  it("ends before the next case on the rig begins", async () => {
    const events: string[] = [];
    const slow: LevelSpec<string> = {
      level: "xml",
      arbitrary: () => fc.constant("a"),
      run: async (_rig, name) => {
        events.push(`start ${name}`);
        await sleep(400);
        events.push(`end ${name}`);
      },
      encode: (name) => name,
      decode: (json) => String(json),
    };
    const opened = await openRig({ tls: "optional", insecure: false, account: [], fault: [] }, 1500);
    try {
      const r = await fc.check(
        fc.asyncProperty(slow.arbitrary(), (name) => runCase(opened.rig, slow, name)),
        { numRuns: 1, interruptAfterTimeLimit: 100 },
      );
      expect(r.interrupted, "fast-check gave up on the run").to.equal(true);
      await runCase(opened.rig, slow, "b");
      expect(events).to.deep.equal(["start a", "end a", "start b", "end b"]);
    } finally {
      await opened.close();
    }
  });
});
