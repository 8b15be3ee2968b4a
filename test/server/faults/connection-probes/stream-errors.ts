// Connection-fault probes: stream errors, closing, and the XML the server reads and writes.
// Each holds on the clean server and fails under its fault.
import { NS, xml } from "../../../../harness/xml/element.ts";
import {
  ABORT,
  headerCondition,
  opened,
  PING,
  type Probes,
  streamErrorAfter,
} from "../../../support/connection-probes.ts";
import { headerText, Raw } from "../../../support/raw-client.ts";
import { login, newUser, until } from "../../../support/stub-server.ts";

export const STREAM_ERROR_PROBES: Probes = {
  "wrong-stream-error": {
    holds: async (s) => (await streamErrorAfter(await opened(s), "<a></b>", ABORT)) === "not-well-formed",
  },
  "rfc3920-not-well-formed": {
    holds: async (s) => (await streamErrorAfter(await opened(s), "<a></b>", ABORT)) === "not-well-formed",
  },
  "bad-format-for-xml-errors": {
    holds: async (s) => (await streamErrorAfter(await opened(s), "<!-- c -->", ABORT)) === "restricted-xml",
  },
  "invalid-namespace-as-unsupported-stanza-type": {
    holds: async (s) => (await headerCondition(s, { "xmlns:stream": "urn:wrong" })) === "invalid-namespace",
  },
  "error-header-no-from-id": {
    holds: async (s) => {
      const c = await Raw.tcp(s.endpoints.tcp.port);
      c.send(headerText({ "xmlns:stream": "urn:wrong" }));
      await c.closedWithin();
      return c.header?.attrs.from === "localhost" && !!c.header.attrs.id;
    },
  },
  "pass-restricted-xml": {
    holds: async (s) => (await streamErrorAfter(await opened(s), "<!-- c -->", ABORT)) === "restricted-xml",
  },
  "stream-error-no-close": {
    holds: async (s) => {
      const c = await opened(s);
      c.send("<foo/>");
      await c.next();
      return c.closedWithin(1500).then(
        () => c.streamEnded,
        () => false,
      );
    },
  },
  "no-error-header": {
    holds: async (s) => {
      const c = await Raw.tcp(s.endpoints.tcp.port);
      c.send(headerText({ to: "elsewhere.example" }));
      await c.closedWithin();
      return c.header?.name === "stream:stream";
    },
  },
  "no-close-reply": {
    holds: async (s) => {
      const c = await opened(s);
      return c.closeStream(1500).then(
        () => true,
        () => false,
      );
    },
  },
  "stream-error-extra-condition": {
    holds: async (s) => {
      const c = await opened(s);
      c.send("<a></b>");
      const el = await c.next();
      return el.getChildElements().filter((x) => x.getNS() === NS.streams && x.name !== "text").length === 1;
    },
  },
  "stream-error-text-no-ns": {
    holds: async (s) => {
      const c = await opened(s);
      c.send("<a></b>");
      return (await c.next()).getChild("text", NS.streams) !== undefined;
    },
  },
  "encoding-wrong-condition": {
    holds: async (s) => {
      const c = await opened(s);
      c.send(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]));
      return (await c.streamError()) === "unsupported-encoding";
    },
  },
  "oversize-wrong-condition": {
    holds: async (s) => {
      const c = await opened(s);
      return (
        (await streamErrorAfter(c, `<message><body>${"x".repeat(5000)}</body></message>`, ABORT)) ===
        "policy-violation"
      );
    },
    opts: { maxStanzaBytes: 4096 },
  },
  "small-stanza-limit": {
    holds: async (s) => {
      const { c: a } = await login(s, newUser(s));
      const { c: b, jid: jb } = await login(s, newUser(s));
      a.sendEl(xml("message", { to: jb }, xml("body", {}, "x".repeat(9000))));
      // delivered to b (the rule kept), or a stream error for a (the fault) comes first
      const first = await Promise.race([
        b.next().then(
          () => "delivered",
          () => "none",
        ),
        a.next().then(
          () => "refused",
          () => "none",
        ),
      ]);
      return first === "delivered";
    },
  },
  "reject-whitespace-keepalive": {
    holds: async (s) => {
      const { c } = await login(s, newUser(s));
      return (await streamErrorAfter(c, " \n\t ", PING)) === "";
    },
  },
  "unknown-element-drops-connection": {
    holds: async (s) => {
      const { c } = await login(s, newUser(s));
      const condition = await streamErrorAfter(c, "<frobnicate/>", PING).catch(() => "(dropped)");
      return condition === "unsupported-stanza-type";
    },
  },
  "latin1-output": {
    holds: async (s) => {
      const { c: a } = await login(s, newUser(s));
      const { c: b, jid: jb } = await login(s, newUser(s));
      a.sendEl(xml("message", { to: jb }, xml("body", {}, "caf\u00e9")));
      // under the fault the é arrives as the single byte E9: not UTF-8, so nothing parses
      return b.next(1000).then(
        (m) => m.getChildText("body") === "caf\u00e9",
        () => false,
      );
    },
  },
  "partial-stanza-processed": {
    holds: async (s) => {
      const { c: b, jid: jb } = await login(s, newUser(s));
      const { c: a } = await login(s, newUser(s));
      const n = s.connectionCount;
      a.send(`<message to='${jb}' id='half'><body>hal`);
      a.end();
      await until("the cut-off connection to be gone", () => s.connectionCount < n);
      b.sendEl(PING);
      return (await b.next()).name === "iq";
    },
  },
  "client-stream-error-dropped": {
    holds: async (s) => {
      const c = await opened(s);
      c.send(`<stream:error><undefined-condition xmlns='${NS.streams}'/></stream:error>`);
      await c.closedWithin(1500);
      return c.streamEnded;
    },
  },
  "refuse-unknown-stream-error": {
    holds: async (s) => {
      const c = await opened(s);
      c.send(`<stream:error><xmppspec-unknown xmlns='${NS.streams}'/></stream:error>`);
      // read as <undefined-condition/>: the closing tag and nothing else, no stream error of its own
      const answer = await c.next(1500).catch(() => undefined);
      return answer === undefined && c.streamEnded;
    },
  },
  "accept-weak-password": {
    holds: async (s) => {
      const c = await opened(s);
      const query = xml(
        "query",
        { xmlns: NS.register },
        xml("username", {}, `weak${Date.now()}`),
        xml("password", {}, "1"),
      );
      const reply = await c.iq(xml("iq", { type: "set", id: "weak" }, query));
      c.destroy();
      return reply.attrs.type === "error";
    },
  },
};
