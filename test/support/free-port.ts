// A loopback port nobody listens on (as of now): for a target that is down, or comes up later.
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}
