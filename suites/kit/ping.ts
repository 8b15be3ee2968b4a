// XMPP Ping (XEP-0199) as its suite drives it: pings of the server's own (server-to-client, §4.1), and
// the answers a pinged client gives.
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Client } from "../../harness/runner/users.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";

/**
 * How long a case waits for the server's own ping (XEP-0199 §4.1) before it SKIPs: a server pings a quiet
 * client at a time of its choosing, and the reference server within this.
 */
export const SERVER_PING_WAIT_MS = 3000;

/** A ping from the server itself (no 'from', or the server's domain), of any IQ type. */
export function isServerPing(el: Element, domain: string): boolean {
  const from = el.attrs.from;
  return (
    el.name === "iq" &&
    (from === undefined || from.toLowerCase() === domain.toLowerCase()) &&
    el.getChild("ping", NS.ping) !== undefined
  );
}

/** The server's next ping to `client`; SKIPs when none comes within SERVER_PING_WAIT_MS. */
export async function serverPing(ctx: CaseContext, client: Client): Promise<Element> {
  const ping = await client
    .expect((el) => isServerPing(el, ctx.domain), SERVER_PING_WAIT_MS)
    .catch(() => undefined);
  if (!ping)
    ctx.skip(
      `the target sent no ping of its own within ${SERVER_PING_WAIT_MS} ms (XEP-0199 §4.1 is optional)`,
    );
  return ping;
}

/** `pinged`'s answer to a ping it received: a result, or `condition` as an error (§4.1, §4.4). */
export function pong(ping: Element, condition?: string): Element {
  const attrs = { type: condition ? "error" : "result", id: ping.attrs.id ?? "", to: ping.attrs.from };
  if (!condition) return xml("iq", attrs);
  return xml(
    "iq",
    attrs,
    xml("ping", { xmlns: NS.ping }),
    xml("error", { type: "cancel" }, xml(condition, { xmlns: NS.stanzas })),
  );
}
