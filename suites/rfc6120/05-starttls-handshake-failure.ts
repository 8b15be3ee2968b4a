// RFC 6120 §5.4.3.2: a failed TLS handshake ends the TCP connection
// without a closing stream tag.
import net from "node:net";
import { HarnessError, Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import type { CaseContext } from "../../harness/runner/context.ts";

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

export default section("rfc6120", "5", "STARTTLS Negotiation (extra)", [
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
]);
