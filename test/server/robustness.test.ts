// Bad clients do not hurt good ones: garbage, huge and deep input, many connections, the limits.
import { expect } from "chai";
import type { ReferenceServer } from "../../harness/server/server.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { headerText, Raw } from "../support/raw-client.ts";
import { login, newUser, server, startStub, tcp, until, useStubServer } from "../support/stub-server.ts";

describe("reference server: connection layer", function () {
  this.timeout(30_000);
  useStubServer();

  describe("robustness: bad clients do not hurt good ones", function () {
    this.timeout(60_000);

    async function goodClientWorks(s: ReferenceServer): Promise<void> {
      const { c } = await login(s, newUser(s));
      const pong = await c.iq(xml("iq", { type: "get", id: "alive" }, xml("ping", { xmlns: NS.ping })));
      expect(pong.attrs.type).to.equal("result");
      await c.closeStream();
    }

    it("survives garbage, a 10 MB stanza, 100k-deep nesting and a billion laughs", async () => {
      const bad: Promise<string>[] = [];
      const garbage = await tcp();
      garbage.send(
        Buffer.concat([
          Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
          Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
        ]),
      );
      bad.push(garbage.streamError());
      const huge = await tcp();
      await huge.open();
      huge.send(`<message><body>${"A".repeat(10 * 1024 * 1024)}</body></message>`);
      bad.push(huge.streamError());
      const deep = await tcp();
      await deep.open();
      deep.send("<a>".repeat(100_000));
      bad.push(deep.streamError());
      const laughs = await tcp();
      laughs.send(
        `<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
          { length: 9 },
          (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`,
        ).join("")}]>${headerText().slice(21)}<message>&lol9;</message>`,
      );
      bad.push(laughs.streamError());
      expect(await Promise.all(bad)).to.deep.equal([
        "not-well-formed",
        "policy-violation",
        "policy-violation",
        "restricted-xml",
      ]);
      await goodClientWorks(server);
    });

    it("serves 200 simultaneous connections and still a good client", async () => {
      const many = await Promise.all(Array.from({ length: 200 }, () => tcp()));
      const headers = await Promise.all(many.map((c) => c.open()));
      expect(new Set(headers.map((h) => h.attrs.id)).size).to.equal(200);
      await goodClientWorks(server);
      for (const c of many) c.destroy();
    });

    it("refuses connections over the limit with <resource-constraint/>", async () => {
      const { server: s } = await startStub({ maxConnections: 3 });
      try {
        const held = await Promise.all([0, 1, 2].map(() => Raw.tcp(s.endpoints.tcp.port)));
        await until("three connections", () => s.connectionCount === 3);
        const extra = await Raw.tcp(s.endpoints.tcp.port);
        expect(await extra.streamError()).to.equal("resource-constraint");
        for (const c of held) c.destroy();
        await until("room again", () => s.connectionCount === 0);
        await goodClientWorks(s);
      } finally {
        await s.stop();
      }
    });

    it("closes a client that says too much before authenticating with <policy-violation/>", async () => {
      const c = await tcp();
      await c.open();
      for (let i = 0; i < 210; i++) c.sendEl(xml("abort", { xmlns: NS.sasl }));
      let el: Element;
      do el = await c.next();
      while (el.is("failure", NS.sasl));
      expect(el.is("error", NS.stream)).to.equal(true);
      expect(el.getChild("policy-violation", NS.streams)).to.not.equal(undefined);
    });
  });
});
