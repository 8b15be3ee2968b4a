// The embedded server federates: two instances (localhost, remote.test) route to each other over s2s
// streams with STARTTLS, EXTERNAL or dialback; what cannot be routed comes back with the RFC 6120 §10.4.3
// condition, within a bound.
import net from "node:net";
import { expect } from "chai";
import { startFederation } from "../../harness/server/s2s/federation.ts";
import { ReferenceServer } from "../../harness/server/server.ts";
import { fromWorkerOptions } from "../../harness/server/worker-protocol.ts";
import { WorkerServer } from "../../harness/server/worker-server.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { client, type Pair, type SideOptions, sharedPki, startPair } from "../support/federation.ts";
import { type Raw, stanzaErrorCondition } from "../support/raw-client.ts";

let n = 0;
const user = (p: string) => `${p}${++n}`;

async function nextStanza(c: Raw, name: string, ms?: number): Promise<Element> {
  for (;;) {
    const el = await c.next(ms);
    if (el.name === name) return el;
  }
}

async function roundTrip(pair: Pair): Promise<void> {
  const alice = await client(pair.local, user("alice"));
  const bob = await client(pair.remote, user("bob"));
  try {
    alice.c.sendEl(xml("message", { to: bob.jid, type: "chat", id: "m1" }, xml("body", {}, "hi bob")));
    const got = await nextStanza(bob.c, "message");
    expect(got.getChildText("body")).to.equal("hi bob");
    expect(got.attrs.from).to.equal(alice.jid);
    bob.c.sendEl(xml("message", { to: alice.jid, type: "chat", id: "m2" }, xml("body", {}, "hi alice")));
    const back = await nextStanza(alice.c, "message");
    expect(back.getChildText("body")).to.equal("hi alice");
    expect(back.attrs.from).to.equal(bob.jid);
  } finally {
    alice.c.destroy();
    bob.c.destroy();
  }
}

describe("reference server: s2s federation", function () {
  this.timeout(20_000);

  const cases: [string, SideOptions][] = [
    ["EXTERNAL and dialback on offer", {}],
    ["EXTERNAL only (no dialback)", { s2s: { dialback: false } }],
    ["dialback only (no EXTERNAL)", { s2s: { external: false } }],
    ["TLS optional", { s2s: { tls: "optional" } }],
  ];
  for (const [title, opts] of cases) {
    it(`delivers messages both ways: ${title}`, async () => {
      const pair = await startPair(opts, opts);
      try {
        await roundTrip(pair);
        // the stream is reused for the next stanza (§10.4.1)
        await roundTrip(pair);
      } finally {
        await pair.stop();
      }
    });
  }

  it("falls back to dialback when EXTERNAL fails (a certificate for another of its domains, XEP-0178)", async () => {
    const pki = await sharedPki();
    const options = { tls: "optional" as const, tlsPort: null, wsPort: null };
    const [a, b] = await startFederation(
      [
        // no certificate of its own for example.test: the localhost one is presented
        { domains: ["localhost", "example.test"], options, s2s: { certificates: {} } },
        { domains: ["remote.test"], options },
      ],
      pki,
    );
    const carol = await client(a, user("carol"), "example.test");
    const bob = await client(b, user("bob"));
    try {
      carol.c.sendEl(xml("message", { to: bob.jid, id: "f1" }, xml("body", {}, "via dialback")));
      const got = await nextStanza(bob.c, "message");
      expect(got.attrs.from).to.equal(carol.jid);
    } finally {
      carol.c.destroy();
      bob.c.destroy();
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it("presents each domain's own certificate (SNI inbound, client certificate outbound) for EXTERNAL", async () => {
    const options = { tls: "optional" as const, tlsPort: null, wsPort: null };
    const s2s = { dialback: false };
    const [a, b] = await startFederation(
      [
        { domains: ["localhost", "example.test"], options, s2s },
        { domains: ["remote.test"], options, s2s },
      ],
      await sharedPki(),
    );
    const carol = await client(a, user("carol"), "example.test");
    const bob = await client(b, user("bob"));
    try {
      carol.c.sendEl(xml("message", { to: bob.jid, id: "c1" }, xml("body", {}, "from example.test")));
      expect((await nextStanza(bob.c, "message")).attrs.from).to.equal(carol.jid);
      bob.c.sendEl(xml("message", { to: carol.jid, id: "c2" }, xml("body", {}, "to example.test")));
      expect((await nextStanza(carol.c, "message")).attrs.from).to.equal(bob.jid);
    } finally {
      carol.c.destroy();
      bob.c.destroy();
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it("carries a presence subscription across (RFC 6121 §3.1)", async () => {
    const pair = await startPair();
    const alice = await client(pair.local, user("alice"));
    const bob = await client(pair.remote, user("bob"));
    try {
      const bobBare = bob.jid.split("/")[0];
      const aliceBare = alice.jid.split("/")[0];
      // RFC 6121 §3.1.3, §3.1.6: requests go to available resources, approvals to interested ones
      await alice.c.iq(xml("iq", { type: "get", id: "r1" }, xml("query", { xmlns: NS.roster })));
      for (const who of [alice, bob]) {
        who.c.sendEl(xml("presence"));
        await nextStanza(who.c, "presence");
      }
      alice.c.sendEl(xml("presence", { to: bobBare, type: "subscribe" }));
      const sub = await nextStanza(bob.c, "presence");
      expect(sub.attrs.type).to.equal("subscribe");
      expect(sub.attrs.from).to.equal(aliceBare);
      bob.c.sendEl(xml("presence", { to: aliceBare, type: "subscribed" }));
      const ok = await nextStanza(alice.c, "presence");
      expect(ok.attrs.type).to.equal("subscribed");
      // §3.1.5: after approving, bob's server sends bob's current presence across
      const current = await nextStanza(alice.c, "presence");
      expect(current.attrs.from).to.equal(bob.jid);
    } finally {
      alice.c.destroy();
      bob.c.destroy();
      await pair.stop();
    }
  });

  it("bounces a stanza for an unresolvable domain with remote-server-not-found (§10.4.3)", async () => {
    const pair = await startPair();
    const alice = await client(pair.local, user("alice"));
    try {
      alice.c.sendEl(xml("message", { to: "x@nowhere.test", id: "u1" }, xml("body", {}, "?")));
      const err = await nextStanza(alice.c, "message");
      expect(err.attrs.type).to.equal("error");
      expect(err.attrs.from).to.equal("x@nowhere.test");
      expect(stanzaErrorCondition(err)).to.equal("remote-server-not-found");
    } finally {
      alice.c.destroy();
      await pair.stop();
    }
  });

  it("bounces with remote-server-timeout when the peer never answers, within the bound (§10.4.3)", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    const pair = await startPair({
      s2s: { timeouts: { negotiateMs: 400 } },
      extra: { "silent.test": { host: "127.0.0.1", port } },
    });
    const alice = await client(pair.local, user("alice"));
    try {
      // the bounce comes within 8 s: by the 400 ms bound set here, not the 10 s default
      alice.c.sendEl(xml("message", { to: "x@silent.test", id: "t1" }, xml("body", {}, "?")));
      const err = await nextStanza(alice.c, "message", 8_000);
      expect(stanzaErrorCondition(err)).to.equal("remote-server-timeout");
    } finally {
      alice.c.destroy();
      silent.close();
      await pair.stop();
    }
  });

  it("refuses a peer whose certificate expired, and bounces with remote-server-timeout (§13.7.2)", async () => {
    const pair = await startPair({ s2s: { timeouts: { negotiateMs: 2_000 } } }, { flaw: "expired" });
    const alice = await client(pair.local, user("alice"));
    try {
      alice.c.sendEl(xml("message", { to: "bob@remote.test", id: "e1" }, xml("body", {}, "?")));
      const err = await nextStanza(alice.c, "message");
      expect(stanzaErrorCondition(err)).to.equal("remote-server-timeout");
    } finally {
      alice.c.destroy();
      await pair.stop();
    }
  });

  it("federates from a worker thread, whose resolver is a table (WorkerServerOptions.s2s.hosts)", async () => {
    const pki = await sharedPki();
    let remote: WorkerServer | undefined;
    const local = await ReferenceServer.start({
      domains: ["localhost"],
      tls: "optional",
      s2s: {
        trust: pki.caCert,
        certificate: await pki.issue("localhost"),
        resolve: async (d) => (d === "remote.test" ? remote?.endpoints.s2s : undefined),
      },
    });
    const localS2s = local.endpoints.s2s;
    if (!localS2s) throw new Error("s2s is off");
    remote = await WorkerServer.start({
      domains: ["remote.test"],
      s2s: {
        trust: pki.caCert,
        certificate: await pki.issue("remote.test"),
        hosts: { localhost: localS2s },
      },
    });
    const alice = await client(local, user("alice"));
    try {
      // no such account over there: its error comes back over the worker's own outbound stream (RFC 6121 §8.5.2)
      alice.c.sendEl(xml("message", { to: "nobody@remote.test", id: "w1" }, xml("body", {}, "?")));
      const err = await nextStanza(alice.c, "message");
      expect(err.attrs.from).to.equal("nobody@remote.test");
      expect(stanzaErrorCondition(err)).to.equal("service-unavailable");
    } finally {
      alice.c.destroy();
      await Promise.all([local.stop(), remote.stop()]);
    }
  });

  it("reads a worker's hosts table literally and by '*.' pattern", async () => {
    const here = { host: "127.0.0.1", port: 5269 };
    const there = { host: "127.0.0.2", port: 5270 };
    const opts = fromWorkerOptions({
      s2s: {
        trust: "",
        certificate: { cert: "", key: "" },
        hosts: { "remote.test": here, "*.remote.test": there },
      },
    });
    const resolve = opts.s2s?.resolve;
    if (!resolve) throw new Error("no resolver");
    expect(await resolve("remote.test")).to.deep.equal(here);
    expect(await resolve("c7.remote.test")).to.deep.equal(there);
    expect(await resolve("evilremote.test")).to.equal(undefined);
  });

  it("with s2s off (the default) there is no s2s port and remote domains are unreachable", async () => {
    const server = await ReferenceServer.start({ domains: ["localhost"], tls: "optional" });
    const alice = await client(server, user("alice"));
    try {
      expect(server.endpoints.s2s).to.equal(undefined);
      alice.c.sendEl(xml("message", { to: "bob@remote.test", id: "o1" }, xml("body", {}, "?")));
      expect(stanzaErrorCondition(await nextStanza(alice.c, "message"))).to.equal("remote-server-not-found");
    } finally {
      alice.c.destroy();
      await server.stop();
    }
  });
});
