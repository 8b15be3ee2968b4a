// RFC 6120 §5.4.3: TLS negotiation — the protocol version and cipher suite (RFC 7590 -> RFC 7525), a
// failed handshake, and the fresh stream over TLS.

import net from "node:net";
import { HarnessError, Violation } from "../../harness/errors.ts";
import {
  type CaseContext,
  type CaseSpec,
  DIRECT_TLS,
  endpointFor,
  NS,
  type Opened,
  section,
  type TransportCaseRow,
  type TransportRow,
  transportCases,
} from "../kit/index.ts";

/**
 * RFC 7590 §1 brings in RFC 7525 (BCP 195). Our client offers TLS 1.2 and 1.3 and forward-secret AEAD suites,
 * so a server that follows it negotiates one of those: §3.1.1 (MUST support and prefer TLS 1.2; never SSL),
 * §4.1 (never NULL, RC4, export or other sub-112-bit suites; MUST prefer forward secrecy), §4.2 (the
 * recommended suites are AEAD: a SHOULD).
 */
function checkTlsParameters(ctx: CaseContext, protocol: string | null, cipher: string | null): void {
  if (!protocol || !cipher) throw new Violation("TLS is up, but its version or cipher suite is unknown");
  if (!/^TLSv1\.[23]$/.test(protocol))
    throw new Violation(`${protocol} negotiated although TLS 1.2 was offered (RFC 7525 §3.1.1)`);
  if (/NULL|RC4|EXP|anon|ADH|AECDH|(^|-)DES-CBC-/i.test(cipher))
    throw new Violation(`the cipher suite ${cipher} is one RFC 7525 §4.1 forbids`);
  if (protocol === "TLSv1.3") return; // every TLS 1.3 suite is forward-secret and AEAD
  if (!/^(ECDHE|DHE)-/.test(cipher))
    throw new Violation(`the cipher suite ${cipher} has no forward secrecy (RFC 7525 §4.1)`);
  ctx.should(
    !/DES-CBC3|3DES/.test(cipher),
    `the cipher suite ${cipher} offers less than 128 bits of security (RFC 7525 §4.1)`,
  );
  ctx.should(
    /GCM|CHACHA20|CCM/.test(cipher),
    `the cipher suite ${cipher} is not AEAD, unlike those RFC 7525 §4.2 recommends`,
  );
}

const STARTTLS: TransportRow = { kind: "main", label: "STARTTLS", needs: ["tls"] };

/** The TLS parameters, per way of getting TLS: STARTTLS on the main endpoint, or direct TLS. */
function tlsParameterCases(rows: TransportCaseRow[]): CaseSpec[] {
  return transportCases(rows, {
    title: (via) =>
      `${via.label} negotiates TLS 1.2 or later with a forward-secret cipher suite, AEAD preferably (RFC 7525)`,
    requirements: ["RFC7590-1-1", "RFC6120-5.4.3.1-9"],
    async run(ctx, via) {
      let s: Opened;
      if (via.kind === "main") {
        s = await ctx.open();
        await s.starttls();
      } else s = await ctx.open(endpointFor(ctx, via.kind));
      const info = s.transport.tls;
      ctx.note(`TLS: ${info?.protocol ?? "?"} ${info?.cipher ?? "?"}`);
      checkTlsParameters(ctx, info?.protocol ?? null, info?.cipher ?? null);
    },
  });
}

/** What the server sent after <proceed/>, and whether it then closed the TCP connection. */
interface AfterProceed {
  text: string;
  closed: boolean;
}

/**
 * Over a raw socket: open a stream, ask for STARTTLS, and once <proceed/> has come send `garbage` where the
 * TLS ClientHello belongs. Waits (bounded by the case timeout) for the server to close the connection.
 */
function failTlsHandshake(ctx: CaseContext, garbage: Buffer): Promise<AfterProceed> {
  const { host, port } = ctx.target.endpoint;
  const header =
    `<?xml version='1.0'?><stream:stream to='${ctx.domain}' version='1.0' xmlns='jabber:client' ` +
    `xmlns:stream='http://etherx.jabber.org/streams'>`;
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    let text = "";
    let asked = false;
    let proceedAt = -1;
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      sock.destroy();
      if (proceedAt < 0) reject(new HarnessError(`no <proceed/> came: ${JSON.stringify(text.slice(-200))}`));
      else resolve({ text: text.slice(proceedAt), closed });
    };
    const timer = setTimeout(() => finish(false), ctx.timeoutMs);
    sock.on("error", () => finish(true)); // a reset terminates the connection too
    sock.on("close", () => finish(true));
    sock.on("data", (d: Buffer) => {
      text += d.toString("latin1");
      if (!asked && text.includes("</stream:features>")) {
        asked = true;
        ctx.note("sending <starttls/> over a raw socket");
        sock.write(`<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`);
      }
      const m = asked && proceedAt < 0 ? /<proceed\b[^>]*(?:\/>|>\s*<\/proceed>)/.exec(text) : null;
      if (m) {
        proceedAt = m.index + m[0].length;
        ctx.note(`got <proceed/>; sending ${garbage.length} bytes that are not a TLS ClientHello`);
        sock.write(garbage);
      }
    });
    sock.write(header);
  });
}

export default section("rfc6120", "5.4.3", "TLS Negotiation", [
  ...tlsParameterCases([
    { id: "rfc6120/5.4.3.1/tls-version-and-cipher", via: STARTTLS },
    { id: "rfc6120/5.4.3.1/direct-tls-version-and-cipher", via: DIRECT_TLS },
  ]),
  {
    id: "rfc6120/5.4.3.2/tls-failure-closes-tcp",
    title:
      "bytes that are not a ClientHello after <proceed/> make the server drop the TCP connection, no </stream>",
    requirements: ["RFC6120-5.4.3.2-1", "RFC6120-5.4.3.2-2", "RFC6120-5.4.2.3-2"],
    needs: ["tls", "tcp"],
    async run(ctx) {
      // Not a TLS record: content type 'Z' is none of TLS's (§5.4.2.3: TLS has begun after <proceed/>).
      const after = await failTlsHandshake(
        ctx,
        Buffer.from("ZZZZ this is no TLS ClientHello\r\n\r\n", "latin1"),
      );
      // a TLS alert may come back; what must not is the XMPP-layer close (§5.4.3.2)
      if (/<\/stream:stream\s*>|<\/stream\s*>/.test(after.text))
        throw new Violation(
          `after the failed TLS handshake the server sent a closing stream tag: ${JSON.stringify(after.text.slice(0, 200))}`,
        );
      if (!after.closed)
        throw new Violation("after the failed TLS handshake the server kept the TCP connection open");
    },
  },
  {
    id: "rfc6120/5.4.3.3/features-after-tls-fresh",
    title:
      "after TLS the server sends, over TLS, a new header with a new id and features without <starttls/>",
    requirements: [
      "RFC6120-5.4.3.3-5",
      "RFC6120-5.4.3.3-6",
      "RFC6120-5.3.2-1",
      "RFC6120-15-51",
      "RFC6120-5.4.3.3-1",
      "RFC6120-6.4.1-2",
      "RFC6120-4.3.3-3",
      "RFC6120-4.3.4-1",
    ],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      const before = s.header.attrs.id;
      await s.starttls();
      ctx.expect(s.transport.secure, "TLS is up").to.equal(true);
      const after = s.header.attrs.id;
      if (!after) throw new Violation("the response header over TLS has no stream id");
      if (after === before) throw new Violation(`the stream id '${after}' was reused after TLS`);
      ctx.expect(s.features.getChild("starttls", NS.tls), "<starttls/> after TLS").to.equal(undefined);
    },
  },
  {
    id: "rfc6120/5.4.3.3/mechanisms-after-tls",
    title: "after TLS the features offer SASL mechanisms",
    requirements: ["RFC6120-6.4.1-4", "RFC6120-6.4.1-5", "RFC6120-5.4.3.3-6"],
    needs: ["tls"],
    async run(ctx) {
      const s = await ctx.open();
      await s.starttls();
      ctx.expect(s.offeredMechanisms(), "mechanisms").to.not.be.empty;
    },
  },
  {
    id: "rfc6120/5.4.3.3/direct-tls-features-without-starttls",
    title: "over direct TLS the features offer SASL and no <starttls/> (TLS is already in place)",
    requirements: ["RFC6120-5.4.3.3-6", "XEP0368-3-6"],
    needs: ["direct-tls"],
    async run(ctx) {
      const s = await ctx.open(endpointFor(ctx, "direct-tls"));
      ctx.expect(s.features.getChild("starttls", NS.tls), "<starttls/> over TLS").to.equal(undefined);
    },
  },
]);
