// A listener on the "xmpp-server" port 5269 of a loopback address of its own (RFC 6120 §3.2.2: the fallback
// connects to the domain's address on that port), so a case sees whether the target fell back to it.
import net from "node:net";
import type { CaseContext } from "../../harness/runner/context.ts";

const XMPP_SERVER_PORT = 5269;

export interface FallbackTrap {
  /** The loopback address to publish as the domain's A record. */
  readonly address: string;
  /** Resolves at the first TCP connection (which is closed at once: only its arrival is judged). */
  readonly reached: Promise<true>;
  close(): Promise<void>;
}

/** Listen on 127.x.y.z:5269 (a few random addresses tried); SKIP when none is free. */
export async function fallbackTrap(ctx: CaseContext): Promise<FallbackTrap> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const address = `127.${rand()}.${rand()}.${rand()}`;
    let hit: () => void = () => {};
    const reached = new Promise<true>((resolve) => {
      hit = () => resolve(true);
    });
    const server = net.createServer((sock) => {
      hit();
      sock.destroy();
    });
    const ok = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(XMPP_SERVER_PORT, address, () => resolve(true));
    });
    if (ok) return { address, reached, close: () => new Promise<void>((r) => server.close(() => r())) };
  }
  return ctx.skip(`no loopback address was free on port ${XMPP_SERVER_PORT} for the fallback listener`);
}

function rand(): number {
  return 1 + Math.floor(Math.random() * 250);
}
