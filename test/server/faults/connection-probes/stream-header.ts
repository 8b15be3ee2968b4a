// Connection-fault probes: the response stream header and the header checks.
// Each holds on the clean server and fails under its fault.
import { once } from "node:events";
import net from "node:net";
import { NS } from "../../../../harness/xml/element.ts";
import { headerCondition, opened, type Probes } from "../../../support/connection-probes.ts";
import { headerText, Raw } from "../../../support/raw-client.ts";

export const STREAM_HEADER_PROBES: Probes = {
  "same-stream-id": {
    holds: async (s) => {
      const [a, b] = [await opened(s), await opened(s)];
      return a.header!.attrs.id !== b.header!.attrs.id;
    },
  },
  "restart-keeps-stream-id": {
    holds: async (s) => {
      const c = await opened(s);
      const first = c.header!.attrs.id;
      await c.starttls(s.certificate.cert);
      return (await c.open()).attrs.id !== first;
    },
  },
  "no-stream-id": { holds: async (s) => (await opened(s)).header!.attrs.id !== undefined },
  "no-stream-from": { holds: async (s) => (await opened(s)).header!.attrs.from === "localhost" },
  "accept-host-unknown": {
    holds: async (s) => (await headerCondition(s, { to: "elsewhere.example" })) === "host-unknown",
  },
  "stream-to-without-from": { holds: async (s) => (await opened(s)).header!.attrs.to === undefined },
  "no-stream-lang": { holds: async (s) => (await opened(s)).header!.attrs["xml:lang"] === "en" },
  "version-0": { holds: async (s) => (await opened(s)).header!.attrs.version === "1.0" },
  "echo-version": {
    holds: async (s) => (await headerCondition(s, { version: "2.0" })) === "unsupported-version",
  },
  "accept-bad-stream-namespace": {
    holds: async (s) => (await headerCondition(s, { "xmlns:stream": "urn:wrong" })) === "invalid-namespace",
  },
  "wrong-content-namespace": { holds: async (s) => (await opened(s)).header!.attrs.xmlns === NS.client },
  "stream-to-ignores-from": {
    holds: async (s) =>
      (await opened(s, { from: "someone@localhost/r" })).header!.attrs.to === "someone@localhost",
  },
  "echo-client-stream-id": {
    holds: async (s) => (await opened(s, { id: "mine" })).header!.attrs.id !== "mine",
  },
  "echo-stream-lang": {
    holds: async (s) => (await opened(s, { "xml:lang": "x-unknown" })).header!.attrs["xml:lang"] === "en",
  },
  "version-without-offer": {
    holds: async (s) => {
      const c = await Raw.tcp(s.endpoints.tcp.port);
      c.send(headerText({ version: undefined }));
      await c.featuresOrNext();
      c.destroy();
      return c.header?.attrs.version === undefined;
    },
  },
  "strict-version-string": {
    holds: async (s) => (await headerCondition(s, { version: "1.00" })) === "",
  },
  "accept-header-namespaces": {
    holds: async (s) => (await headerCondition(s, { "xmlns:ping": NS.ping })) === "invalid-namespace",
  },
  "sequential-stream-id": {
    holds: async (s) => {
      const [a, b] = [await opened(s), await opened(s)];
      return !/\d+$/.test(a.header!.attrs.id) || !/\d+$/.test(b.header!.attrs.id);
    },
  },
  "standalone-in-declaration": {
    holds: async (s) => {
      const socket = net.connect(s.endpoints.tcp.port, "127.0.0.1");
      socket.write(headerText());
      const [first] = (await once(socket, "data")) as [Buffer];
      socket.destroy();
      return first.toString().startsWith("<?xml") && !first.toString().includes("standalone");
    },
  },
  "standalone-drops-connection": {
    holds: async (s) => {
      const c = await Raw.tcp(s.endpoints.tcp.port);
      c.send(headerText().replace("<?xml version='1.0'?>", "<?xml version='1.0' standalone='no'?>"));
      const got = await c.featuresOrNext().then(
        (el) => el.is("features", NS.stream),
        () => false,
      );
      c.destroy();
      return got;
    },
  },
};
