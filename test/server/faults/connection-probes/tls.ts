// Connection-fault probes: STARTTLS, direct TLS, the certificate and the features around them.
// Each holds on the clean server and fails under its fault.
import { X509Certificate } from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import { expect } from "chai";
import type { ReferenceServer } from "../../../../harness/server/server.ts";
import { basicConstraintsCa } from "../../../../harness/transport/tcp.ts";
import { NS, xml } from "../../../../harness/xml/element.ts";
import { opened, type Probes, securedOn } from "../../../support/connection-probes.ts";
import { headerText, Raw } from "../../../support/raw-client.ts";

/** The TLS version and cipher suite STARTTLS negotiates with a default Node client. */
async function startTlsParameters(s: ReferenceServer): Promise<{ protocol: string; cipher: string }> {
  const socket = net.connect(s.endpoints.tcp.port, "127.0.0.1");
  let text = "";
  let asked = false;
  await new Promise<void>((resolve, reject) => {
    socket.on("error", reject);
    socket.on("data", (d: Buffer) => {
      text += d.toString();
      if (!asked && text.includes("</stream:features>")) {
        asked = true;
        socket.write(xml("starttls", { xmlns: NS.tls }).toString());
      }
      if (/<proceed[^>]*>/.test(text)) resolve();
    });
    socket.write(headerText());
  });
  socket.removeAllListeners("data");
  const secured = tls.connect({ socket, ca: s.certificate.cert, servername: "localhost" });
  try {
    await new Promise<void>((resolve, reject) =>
      secured.once("secureConnect", resolve).once("error", reject),
    );
    return { protocol: secured.getProtocol() ?? "", cipher: secured.getCipher().name };
  } finally {
    secured.destroy();
  }
}

/** What the server sends after <proceed/> when bytes that are not a ClientHello follow, until it closes. */
async function afterFailedTlsHandshake(s: ReferenceServer): Promise<string> {
  const socket = net.connect(s.endpoints.tcp.port, "127.0.0.1");
  let text = "";
  let from = -1;
  await new Promise<void>((resolve) => {
    socket.on("error", () => resolve());
    socket.on("close", () => resolve());
    socket.on("data", (d: Buffer) => {
      text += d.toString("latin1");
      if (from < 0 && text.includes("</stream:features>")) {
        from = text.length;
        socket.write(xml("starttls", { xmlns: NS.tls }).toString());
      } else if (from >= 0 && /<proceed[^>]*>/.test(text.slice(from)) && !text.includes("ZZ-sent")) {
        text += "ZZ-sent";
        socket.write("ZZZZ not a ClientHello\r\n\r\n");
      }
    });
    socket.write(headerText());
  });
  socket.destroy();
  return text.slice(text.indexOf("ZZ-sent"));
}

/** The plaintext the server sends from our <starttls/> to the end of its <proceed/> (RFC 6120 §5.3.3 window). */
async function plaintextUpToProceed(s: ReferenceServer): Promise<string> {
  const socket = net.connect(s.endpoints.tcp.port, "127.0.0.1");
  let text = "";
  let from = -1;
  try {
    await new Promise<void>((resolve, reject) => {
      socket.on("error", reject);
      socket.on("data", (d: Buffer) => {
        text += d.toString();
        if (from < 0 && text.includes("</stream:features>")) {
          from = text.length;
          socket.write(xml("starttls", { xmlns: NS.tls }).toString());
        } else if (from >= 0 && /<proceed[^>]*>/.test(text.slice(from))) resolve();
      });
      socket.write(headerText());
    });
  } finally {
    socket.destroy();
  }
  return text.slice(from);
}

export const TLS_PROBES: Probes = {
  "no-features-after-tls": {
    holds: async (s) => (await securedOn(s)).features?.getChild("starttls", NS.tls) === undefined,
  },
  "no-starttls-feature": {
    holds: async (s) => (await opened(s)).features?.getChild("starttls", NS.tls) !== undefined,
  },
  "no-stream-features": {
    // <starttls/> right after the header: whatever features there are come before its answer
    holds: async (s) => {
      const c = await Raw.tcp(s.endpoints.tcp.port);
      await c.open({}, false);
      c.send(xml("starttls", { xmlns: NS.tls }).toString());
      return (c.features ?? (await c.next())).is("features", NS.stream);
    },
  },
  "starttls-always-fails": {
    holds: async (s) => {
      const c = await opened(s);
      c.send(xml("starttls", { xmlns: NS.tls }).toString());
      return (await c.next()).name === "proceed";
    },
  },
  "no-tls-required-flag": {
    opts: { tls: "required" },
    holds: async (s) =>
      (await opened(s)).features?.getChild("starttls", NS.tls)?.getChild("required") !== undefined,
  },
  "mechanisms-before-required-tls": {
    opts: { tls: "required" },
    holds: async (s) => (await opened(s)).features?.getChild("mechanisms", NS.sasl) === undefined,
  },
  "ws-advertises-starttls": {
    holds: async (s) => {
      const c = await Raw.websocket(s.endpoints.ws!.url);
      await c.open();
      c.destroy();
      return c.features?.getChild("starttls", NS.tls) === undefined;
    },
  },
  "legacy-tls": {
    holds: async (s) => {
      const { protocol, cipher } = await startTlsParameters(s);
      return protocol === "TLSv1.3" || /GCM|CHACHA20|CCM/.test(cipher);
    },
  },
  "negotiation-whitespace": { holds: async (s) => !/^\s/.test(await plaintextUpToProceed(s)) },
  "starttls-failure-keeps-stream": {
    holds: async (s) => {
      const c = await securedOn(s);
      c.sendEl(xml("starttls", { xmlns: NS.tls }));
      expect((await c.next()).is("failure", NS.tls)).to.equal(true);
      return c.closedWithin(1500).then(
        () => true,
        () => false,
      );
    },
  },
  "ca-certificate": {
    holds: async (s) => !basicConstraintsCa(new X509Certificate(s.certificate.cert).raw),
  },
  "anonymous-certificate": {
    holds: async (s) => new X509Certificate(s.certificate.cert).subjectAltName !== undefined,
  },
  "tls-failure-stream-close": {
    holds: async (s) => !(await afterFailedTlsHandshake(s)).includes("</stream:stream>"),
  },
  "renegotiation-refused-kept-open": {
    // RFC 6120 §5.3.5: the clean server supports renegotiation (with RFC 5746, which OpenSSL insists on)
    holds: async (s) => {
      const port = s.endpoints.tls?.port;
      if (port === undefined) throw new Error("the stub serves no direct TLS");
      const socket = tls.connect({
        port,
        host: "127.0.0.1",
        ca: s.certificate.cert,
        servername: "localhost",
        maxVersion: "TLSv1.2",
      });
      await new Promise((resolve, reject) => socket.once("secureConnect", resolve).once("error", reject));
      const renegotiated = await new Promise<boolean>((resolve) => {
        socket.once("error", () => resolve(false));
        socket.renegotiate({}, (err) => resolve(!err));
      });
      socket.destroy();
      return renegotiated;
    },
  },
};
