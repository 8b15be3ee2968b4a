// Target URLs (harness/transport/target-url.ts): parsing, printing, loopback.
import { expect } from "chai";
import { formatTarget, isLoopback, parseTarget, TargetError } from "../../harness/transport/target-url.ts";

describe("transport", () => {
  describe("target URLs", () => {
    it("parses each scheme with its default port", () => {
      expect(parseTarget("xmpp://localhost")).to.deep.equal({
        kind: "tcp",
        host: "localhost",
        port: 5222,
        domain: "localhost",
      });
      expect(parseTarget("xmpps://127.0.0.1")).to.deep.equal({ kind: "tls", host: "127.0.0.1", port: 5223 });
      expect(parseTarget("ws://example.test")).to.deep.equal({
        kind: "ws",
        host: "example.test",
        port: 80,
        path: "/",
        domain: "example.test",
      });
      expect(parseTarget("wss://Example.TEST/xmpp-websocket")).to.deep.equal({
        kind: "wss",
        host: "example.test",
        port: 443,
        path: "/xmpp-websocket",
        domain: "example.test",
      });
    });

    it("takes explicit ports, IPv6 literals, paths and the domain parameter", () => {
      expect(parseTarget("xmpp://127.0.0.1:15222?domain=Example.Test")).to.deep.equal({
        kind: "tcp",
        host: "127.0.0.1",
        port: 15222,
        domain: "example.test",
      });
      expect(parseTarget("xmpps://[::1]:5223/")).to.deep.equal({ kind: "tls", host: "::1", port: 5223 });
      expect(parseTarget("ws://[::1]:5280/ws?token=a&domain=x.test")).to.deep.equal({
        kind: "ws",
        host: "::1",
        port: 5280,
        path: "/ws?token=a",
        domain: "x.test",
      });
      expect(parseTarget("wss://h.test:443/")).to.include({ port: 443 });
      expect(parseTarget("xmpp://bücher.example")).to.include({
        host: "xn--bcher-kva.example",
        domain: "bücher.example",
      });
      expect(parseTarget("wss://bücher.example/")).to.include({
        host: "xn--bcher-kva.example",
        domain: "bücher.example",
      });
    });

    it("round-trips through formatTarget", () => {
      for (const url of ["xmpp://[::1]:5222", "xmpps://h.test:5223", "ws://127.0.0.1:5280/xmpp-websocket"]) {
        expect(formatTarget(parseTarget(url))).to.equal(url);
      }
    });

    it("throws a one-line TargetError for bad URLs", () => {
      const cases: [string, RegExp][] = [
        ["localhost:5222", /expected xmpp:\/\/host:5222/],
        ["http://h.test", /unsupported scheme "http"/],
        ["xmpp://h.test:70000", /port 70000 out of range/],
        ["xmpp://h.test:0", /port 0 out of range/],
        ["xmpp://h.test:52x", /bad port "52x"/],
        ["xmpp://:5222", /missing host/],
        ["xmpp://user:pw@h.test", /credentials/],
        ["xmpp://h.test/path", /only applies to ws/],
        ["xmpp://h.test?foo=1", /unknown parameter "foo"/],
        ["ws://h.test/#frag", /fragment/],
        ["xmpp://[::1", /not a valid URL/],
      ];
      for (const [url, why] of cases) {
        let err: unknown;
        try {
          parseTarget(url);
        } catch (e) {
          err = e;
        }
        expect(err, url).to.be.instanceOf(TargetError);
        const msg = (err as Error).message;
        expect(msg, url).to.match(why);
        expect(msg.startsWith(`invalid target "${url}": `), url).to.equal(true);
        expect(msg.includes("\n"), url).to.equal(false);
      }
    });

    it("recognises loopback hosts without resolving", () => {
      for (const h of [
        "127.0.0.1",
        "127.255.0.9",
        "::1",
        "[::1]",
        "0:0:0:0:0:0:0:1",
        "::ffff:127.0.0.1",
        "localhost",
        "LocalHost",
      ]) {
        expect(isLoopback(h), h).to.equal(true);
      }
      for (const h of [
        "128.0.0.1",
        "10.0.0.1",
        "::2",
        "::",
        "::ffff:10.0.0.1",
        "example.test",
        "localhost.example",
        "127.example",
      ]) {
        expect(isLoopback(h), h).to.equal(false);
      }
    });
  });
});
