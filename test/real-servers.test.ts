// The launcher really brings up prosody, ejabberd and jabberd2: each speaks XMPP on its
// port, offers STARTTLS with the generated certificate, SCRAM-SHA-1 under TLS, in-band
// registration and the launcher's accounts, and starts again from a clean state after a stop.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import net from "node:net";
import tls from "node:tls";
import { expect } from "chai";
import WebSocket from "ws";
import { type Element, NS } from "../harness/xml/element.ts";
import {
  REAL_SERVER_NAMES,
  type RealServerTarget,
  startRealServer,
  stopRealServer,
} from "../scripts/real-servers/launch.ts";
import { describeRealServer } from "./support/real-servers.ts";
import { StreamReader } from "./support/stream-reader.ts";

const STEP_MS = 5000;

function portOf(url: string): number {
  return Number(new URL(url).port);
}

const openStream = (domain: string) =>
  `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${NS.stream}' to='${domain}' version='1.0'>`;

function mechanismsOf(features: Element): string[] {
  return (features.getChild("mechanisms", NS.sasl)?.getChildren("mechanism") ?? []).map((m) => m.getText());
}

interface ProbeResult {
  featuresBeforeTls: Element;
  authorized: boolean;
  mechanismsUnderTls: string[];
  /** The type of each IBR reply ("result" / "error") and its error condition. */
  registrations: string[];
  plainAuth: string;
}

/**
 * STARTTLS with the target's CA, then under TLS: in-band registration of `register` (as
 * many times as asked), SASL PLAIN as the first launcher account, and a clean close
 * (jabberd2 trips over abrupt TLS disconnects).
 */
async function probe(target: RealServerTarget, register: string, times: number): Promise<ProbeResult> {
  const socket = net.connect(portOf(target.url), "127.0.0.1");
  await once(socket, "connect");
  let secure: tls.TLSSocket | undefined;
  try {
    const plain = new StreamReader(socket);
    socket.write(openStream(target.domain));
    const featuresBeforeTls = await plain.next("stream features");
    expect(plain.header?.attrs.xmlns, "stream header namespace").to.equal(NS.stream);
    expect(featuresBeforeTls.is("features", NS.stream), featuresBeforeTls.toString()).to.equal(true);
    expect(featuresBeforeTls.getChild("starttls", NS.tls), "starttls offered").to.not.equal(undefined);
    socket.write(`<starttls xmlns='${NS.tls}'/>`);
    const proceed = await plain.next("proceed");
    expect(proceed.is("proceed", NS.tls), proceed.toString()).to.equal(true);
    plain.detach();

    secure = tls.connect({ socket, ca: readFileSync(target.caFile), servername: target.domain });
    await once(secure, "secureConnect");
    const reader = new StreamReader(secure);
    secure.write(openStream(target.domain));
    const features = await reader.next("stream features under TLS");
    expect(features.getChild("starttls", NS.tls), "starttls offered again under TLS").to.equal(undefined);

    const registrations: string[] = [];
    for (let i = 0; i < times; i++) {
      secure.write(
        `<iq type='set' id='reg${i}'><query xmlns='${NS.register}'><username>${register}</username>` +
          `<password>probe-secret</password></query></iq>`,
      );
      const reply = await reader.next("registration reply");
      const condition = reply.getChild("error")?.getChildElements()[0]?.name;
      registrations.push(condition ? `${reply.attrs.type}:${condition}` : reply.attrs.type);
    }

    const [account] = target.accounts;
    const creds = Buffer.from(`\0${account.user}\0${account.password}`).toString("base64");
    secure.write(`<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${creds}</auth>`);
    const auth = await reader.next("SASL outcome");

    secure.write("</stream:stream>");
    await reader.ended();
    return {
      featuresBeforeTls,
      authorized: secure.authorized,
      mechanismsUnderTls: mechanismsOf(features),
      registrations,
      plainAuth: auth.name,
    };
  } finally {
    const s = secure ?? socket;
    if (!s.destroyed) {
      const closed = once(s, "close");
      s.end();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]);
      s.destroy();
    }
  }
}

async function refused(port: number): Promise<boolean> {
  const s = net.connect(port, "127.0.0.1");
  try {
    await once(s, "connect");
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ECONNREFUSED";
  } finally {
    s.destroy();
  }
}

for (const name of REAL_SERVER_NAMES) {
  describeRealServer(name, `real server ${name} (fixtures/servers/xmpp-servers.sh)`, (server) => {
    // registered twice (result, then conflict: the account persists), then again after the reset
    const user = "resetprobe";

    it("offers STARTTLS, then SCRAM-SHA-1 under TLS with the generated CA; IBR and accounts work", async () => {
      const r = await probe(server(), user, 2);
      expect(r.authorized, "certificate verified against caFile").to.equal(true);
      expect(r.mechanismsUnderTls).to.include("SCRAM-SHA-1");
      expect(r.registrations).to.deep.equal(["result", "error:conflict"]);
      expect(r.plainAuth, "PLAIN as the launcher's account").to.equal("success");
    });

    if (name === "prosody") {
      it("negotiates an RFC 7395 <open/> over WebSocket", async () => {
        const { wsUrl, domain } = server();
        expect(wsUrl).to.be.a("string");
        const ws = new WebSocket(wsUrl!, "xmpp");
        try {
          await once(ws, "open");
          expect(ws.protocol).to.equal("xmpp");
          const frames: string[] = [];
          const got = (n: number) =>
            new Promise<void>((resolve, reject) => {
              const t = setTimeout(
                () => reject(new Error(`timeout; frames: ${frames.join(" | ")}`)),
                STEP_MS,
              );
              const onMessage = (data: WebSocket.RawData) => {
                frames.push(data.toString());
                if (frames.length >= n) {
                  clearTimeout(t);
                  ws.off("message", onMessage);
                  resolve();
                }
              };
              ws.on("message", onMessage);
            });
          const two = got(2);
          ws.send(`<open xmlns='${NS.framing}' to='${domain}' version='1.0'/>`);
          await two;
          expect(frames[0]).to.match(/^<open [^>]*xmlns=['"]urn:ietf:params:xml:ns:xmpp-framing['"]/);
          expect(frames[0]).to.match(/from=['"]localhost['"]/);
          expect(frames[1]).to.match(/^<stream:features[\s>]/);
          expect(frames[1]).to.contain("SCRAM-SHA-1");
          const closing = got(3);
          ws.send(`<close xmlns='${NS.framing}'/>`);
          await closing;
          expect(frames[2]).to.match(/^<close [^>]*urn:ietf:params:xml:ns:xmpp-framing/);
        } finally {
          ws.close();
        }
      });
    }

    it("stops (port closed) and starts again from a clean state", async function () {
      this.timeout(60_000);
      const port = portOf(server().url);
      await stopRealServer(name);
      expect(await refused(port), `nothing listens on ${port} after stop`).to.equal(true);
      const again = await startRealServer(name, { reset: true });
      const r = await probe(again, user, 1);
      expect(r.registrations, "the account registered before the reset is gone").to.deep.equal(["result"]);
      expect(r.mechanismsUnderTls).to.include("SCRAM-SHA-1");
      expect(r.plainAuth).to.equal("success");
    });
  });
}
