// Connection-fault probes: resource binding and the stanzas of a bound client.
// Each holds on the clean server and fails under its fault.
import { NS, xml } from "../../../../harness/xml/element.ts";
import { serialize } from "../../../../harness/xml/serialize.ts";
import {
  opened,
  PING,
  type Probe,
  type Probes,
  securedOn,
  streamErrorAfter,
} from "../../../support/connection-probes.ts";
import { BAD_RESOURCE, boundJid, PASSWORD, stanzaErrorCondition } from "../../../support/raw-client.ts";
import { login, newUser } from "../../../support/stub-server.ts";

/** A second bind on a bound stream is refused with <not-allowed/> (the reference server's reading of §7.6.2.2). */
const secondBindRefused = async (s: Parameters<Probe>[0]) => {
  const c = await securedOn(s);
  await c.authenticate(newUser(s));
  await c.bind();
  return stanzaErrorCondition(await c.bind()) === "not-allowed";
};

export const SESSION_PROBES: Probes = {
  "allow-stanza-before-bind": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      return (
        (await streamErrorAfter(c, "<message to='other@localhost'><body>x</body></message>", PING)) ===
        "not-authorized"
      );
    },
  },
  "route-stanza-before-bind": {
    holds: async (s) => {
      const { c: b, jid: jb } = await login(s, newUser(s));
      const a = await securedOn(s);
      await a.authenticate(newUser(s));
      a.sendEl(xml("message", { to: jb, id: "early" }, xml("body", {}, "x")));
      // Either the stream error or the answer to this IQ (to the server, allowed before binding) comes back.
      await streamErrorAfter(a, "", PING);
      b.sendEl(PING);
      return (await b.next()).name === "iq";
    },
  },
  "bind-bare-jid": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      return boundJid(await c.bind()).includes("/");
    },
  },
  "bind-echoes-resource": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      const reply = await c.bind("");
      return reply.attrs.type === "error" || /\/./.test(boundJid(reply));
    },
  },
  "bind-ignores-resource": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      return boundJid(await c.bind("chosen")).endsWith("/chosen");
    },
  },
  "bind-duplicate-resource": {
    holds: async (s) => {
      const user = newUser(s);
      const jids = await Promise.all(
        [0, 1].map(async () => {
          const c = await securedOn(s);
          await c.authenticate(user);
          return boundJid(await c.bind("same"));
        }),
      );
      return jids[0] !== jids[1];
    },
  },
  "bind-unlimited-retries": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      for (let i = 0; i < 7; i++) {
        c.sendEl(
          xml(
            "iq",
            { type: "set", id: `r${i}` },
            xml("bind", { xmlns: NS.bind }, xml("resource", {}, BAD_RESOURCE)),
          ),
        );
        const el = await c.next().catch(() => undefined);
        if (!el || el.is("error", NS.stream)) return true;
      }
      return false;
    },
  },
  "bind-twice": {
    holds: secondBindRefused,
  },
  "second-bind-foreign-jid": {
    holds: secondBindRefused,
  },
  "features-after-bind": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      const before = c.features;
      await c.bind();
      await c.iq(PING);
      return c.features === before;
    },
  },
  "bind-domain-jid": {
    holds: async (s) => {
      const c = await securedOn(s);
      const name = newUser(s);
      await c.authenticate(name);
      return boundJid(await c.bind()).startsWith(`${name}@localhost/`);
    },
  },
  "no-from-stamp": {
    holds: async (s) => {
      const { c: a, jid: ja } = await login(s, newUser(s));
      const { c: b, jid: jb } = await login(s, newUser(s));
      a.sendEl(xml("message", { to: jb }, xml("body", {}, "x")));
      const got = await b.next();
      return got.attrs.from === ja;
    },
  },
  "allow-spoofed-from": {
    holds: async (s) => {
      const { c: a } = await login(s, newUser(s));
      const { jid: jb } = await login(s, newUser(s));
      return (
        (await streamErrorAfter(a, serialize(xml("message", { to: jb, from: "evil@localhost/x" })), PING)) ===
        "invalid-from"
      );
    },
  },
  "accept-jabber-server-stanzas": {
    holds: async (s) => {
      const { c } = await login(s, newUser(s));
      return (
        (await streamErrorAfter(c, "<message xmlns='jabber:server' to='x@localhost'/>", PING)) ===
        "invalid-namespace"
      );
    },
  },
  "route-other-namespaces": {
    holds: async (s) => {
      const { c: a } = await login(s, newUser(s));
      const { c: b, jid: jb } = await login(s, newUser(s));
      a.sendEl(xml("thing", { xmlns: "urn:example:other", to: jb }));
      a.sendEl(xml("iq", { type: "get", id: "after" }, xml("ping", { xmlns: NS.ping })));
      await a.next(); // the stream error (clean) or the ping's answer: the <thing/> has been handled
      b.sendEl(xml("iq", { type: "get", id: "b1" }, xml("ping", { xmlns: NS.ping })));
      return (await b.next()).name === "iq";
    },
  },
  "stamp-server-lang": {
    holds: async (s) => {
      const { c: b, jid: jb } = await login(s, newUser(s));
      // a client whose streams say xml:lang='de' (the SASL restart included): its stanzas default to German
      const a = await opened(s, { "xml:lang": "de" });
      await a.starttls(s.certificate.cert);
      await a.open({ "xml:lang": "de" });
      await a.sasl("SCRAM-SHA-256", newUser(s), PASSWORD);
      await a.open({ "xml:lang": "de" });
      await a.bind();
      a.sendEl(xml("message", { to: jb }, xml("body", {}, "hallo")));
      return (await b.next())?.attrs["xml:lang"] === "de";
    },
  },
  "prefixed-messages": {
    holds: async (s) => {
      const { c: a } = await login(s, newUser(s));
      const { c: b, jid: jb } = await login(s, newUser(s));
      a.sendEl(xml("message", { to: jb }, xml("body", {}, "x")));
      return (await b.next()).name === "message";
    },
  },
  "accept-prefixed-stanzas": {
    holds: async (s) => {
      const { c } = await login(s, newUser(s));
      return (
        (await streamErrorAfter(c, "<c:message xmlns:c='jabber:client' to='x@localhost'/>", PING)) ===
        "bad-namespace-prefix"
      );
    },
  },
};
