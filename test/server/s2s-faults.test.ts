// The s2s faults (harness/server/faults/s2s.ts): each visibly breaks its rule, which the clean server keeps.
// The probes run the embedded server against itself or a raw s2s peer; the federation cases, once written,
// prove the same faults through the mutation table (test/faults.test.ts).
import net from "node:net";
import { expect } from "chai";
import { catalogue } from "../../harness/fixtures/catalogue.ts";
import { NS_DIALBACK } from "../../harness/s2s/ns.ts";
import { S2S_FAULTS } from "../../harness/server/faults/s2s.ts";
import { ReferenceServer } from "../../harness/server/server.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { client, type Pair, type SideOptions, sharedPki, startPair } from "../support/federation.ts";
import { type Raw, stanzaErrorCondition } from "../support/raw-client.ts";
import { s2sExternal, s2sOpen, s2sSecure } from "../support/s2s-raw.ts";

type FaultName = (typeof S2S_FAULTS)[number]["name"];
/** Does the rule hold on a server (or pair) started with these faults? */
type Probe = (faults: string[]) => Promise<boolean>;

let n = 0;

async function first(c: Raw, name: string, ms: number): Promise<Element | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const el = await c.next(Math.max(1, deadline - Date.now())).catch(() => undefined);
    if (!el || el.name === name) return el;
  }
}

/** One server for localhost whose resolver knows `extra` only, with a raw peer or a local client. */
async function single<T>(faults: string[], fn: (s: ReferenceServer) => Promise<T>, extra = {}): Promise<T> {
  const pki = await sharedPki();
  const server = await ReferenceServer.start({
    domains: ["localhost"],
    tls: "optional",
    faults,
    s2s: {
      trust: pki.caCert,
      certificate: await pki.issue("localhost"),
      resolve: async (d) => (extra as Record<string, { host: string; port: number }>)[d],
      timeouts: { negotiateMs: 500 },
    },
  });
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

/** localhost → remote.test: does bob get alice's message (true), or does alice get an error or nothing (false)? */
async function delivered(local: SideOptions, remote: SideOptions = {}): Promise<boolean> {
  const pair: Pair = await startPair(
    { ...local, s2s: { timeouts: { negotiateMs: 1_000 } } },
    { ...remote, s2s: { timeouts: { negotiateMs: 1_000 } } },
  );
  const alice = await client(pair.local, `alice-f${++n}`);
  const bob = await client(pair.remote, `bob-f${n}`);
  try {
    alice.c.sendEl(xml("message", { to: bob.jid, id: "p" }, xml("body", {}, "probe")));
    const got = await first(bob.c, "message", 2_000);
    return got?.getChildText("body") === "probe";
  } finally {
    alice.c.destroy();
    bob.c.destroy();
    await pair.stop();
  }
}

/** On a stream authenticated with EXTERNAL as remote.test: is this stanza answered with `condition`? */
function closesWith(attrs: Record<string, string>, condition: string): Probe {
  return (faults) =>
    single(faults, async (server) => {
      const pki = await sharedPki();
      const { c } = await s2sExternal(server, pki.caCert, await pki.issue("remote.test"));
      try {
        c.sendEl(xml("message", attrs, xml("body", {}, "x")));
        const el = await c.next(800).catch(() => undefined);
        return el?.is("error", NS.stream) === true && el.getChild(condition, NS.streams) !== undefined;
      } finally {
        c.destroy();
      }
    });
}

/** A message from a local user to `to`: the stanza error condition that comes back, if any. */
function bounce(to: string, extra = {}): (faults: string[]) => Promise<string | undefined> {
  return (faults) =>
    single(
      faults,
      async (server) => {
        const alice = await client(server, `alice-b${++n}`);
        try {
          alice.c.sendEl(xml("message", { to, id: "b" }, xml("body", {}, "?")));
          const err = await first(alice.c, "message", 1_500);
          return err && stanzaErrorCondition(err);
        } finally {
          alice.c.destroy();
        }
      },
      extra,
    );
}

async function silentPeer<T>(fn: (port: number) => Promise<T>): Promise<T> {
  const silent = net.createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
  try {
    return await fn((silent.address() as net.AddressInfo).port);
  } finally {
    silent.close();
  }
}

const PROBES: Record<FaultName, Probe> = {
  "s2s-no-from-in-header": (faults) =>
    single(faults, async (s) => {
      const c = await s2sOpen(s);
      c.destroy();
      return c.header?.attrs.from === "localhost";
    }),
  "s2s-no-to-in-response": (faults) =>
    single(faults, async (s) => {
      const c = await s2sOpen(s);
      c.destroy();
      return c.header?.attrs.to === "remote.test";
    }),
  "s2s-skip-tls": (faults) => delivered({ faults }),
  "s2s-accept-expired-cert": async (faults) => !(await delivered({ faults }, { flaw: "expired" })),
  "s2s-accept-untrusted-cert": async (faults) => !(await delivered({ faults }, { flaw: "untrusted-ca" })),
  "s2s-accept-wrong-name-cert": async (faults) => !(await delivered({ faults }, { flaw: "wrong-name" })),
  "s2s-external-any-authzid": (faults) =>
    single(faults, async (s) => {
      const pki = await sharedPki();
      const { c, answer } = await s2sExternal(s, pki.caCert, await pki.issue("remote.test"), "other.test");
      c.destroy();
      return answer.is("failure", NS.sasl);
    }),
  "s2s-dialback-always-valid": (faults) =>
    single(faults, async (s) => {
      const c = await s2sSecure(s, (await sharedPki()).caCert);
      c.sendEl(xml("db:result", { "xmlns:db": NS_DIALBACK, from: "remote.test", to: "localhost" }, "bogus"));
      const answer = await c.next();
      c.destroy();
      return answer.attrs.type !== "valid";
    }),
  "s2s-accept-stanza-before-auth": (faults) =>
    single(faults, async (s) => {
      const c = await s2sSecure(s, (await sharedPki()).caCert);
      c.sendEl(xml("message", { from: "a@remote.test", to: "b@localhost" }, xml("body", {}, "early")));
      const el = await c.next(800).catch(() => undefined);
      c.destroy();
      return el?.getChild("not-authorized", NS.streams) !== undefined;
    }),
  "s2s-send-before-auth": (faults) => delivered({ faults }),
  "s2s-accept-spoofed-from": closesWith({ from: "a@evil.test", to: "b@localhost" }, "invalid-from"),
  "s2s-accept-unaddressed": closesWith({ to: "b@localhost" }, "improper-addressing"),
  "s2s-accept-foreign-to": closesWith({ from: "a@remote.test", to: "b@elsewhere.test" }, "host-unknown"),
  "s2s-timeout-as-not-found": (faults) =>
    silentPeer(
      async (port) =>
        (await bounce("x@silent.test", { "silent.test": { host: "127.0.0.1", port } })(faults)) ===
        "remote-server-timeout",
    ),
};

describe("reference server: s2s faults", function () {
  this.timeout(30_000);

  it("each breaks requirements of the catalogue, and each has a probe", () => {
    const known = catalogue();
    for (const f of S2S_FAULTS) {
      for (const id of f.breaks) expect(known.has(id), `${f.name}: ${id}`).to.equal(true);
    }
    expect(Object.keys(PROBES).sort()).to.deep.equal(S2S_FAULTS.map((f) => f.name).sort());
  });

  for (const f of S2S_FAULTS) {
    it(`${f.name}: ${f.description}`, async () => {
      const probe = PROBES[f.name];
      expect(await probe([]), "the clean server keeps the rule").to.equal(true);
      expect(await probe([f.name]), "the faulty server breaks it").to.equal(false);
    });
  }
});
