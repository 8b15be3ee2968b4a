// Named SASL steps several cases share (RFC 6120 §6): logging a declared user in on a stream the case
// already holds, and a stream left in the middle of a SCRAM handshake.
import type { CaseContext } from "../../harness/runner/context.ts";
import type { MechanismName } from "../../harness/sasl/index.ts";
import type { Opened } from "../../harness/session.ts";
import { startScram } from "./sasl.ts";

/** Authenticate `user` (a declared user) with its own password on the stream `s`, by `mechanism` when given. */
export async function authenticateAs(
  ctx: CaseContext,
  s: Opened,
  user = "alice",
  mechanism?: MechanismName,
): Promise<void> {
  const a = ctx.account(user);
  await s.authenticate({ username: a.username, password: a.password }, mechanism);
}

/** A secured stream on which alice's SCRAM-SHA-1 handshake has begun (client-first sent, challenge read). */
export async function scramStarted(ctx: CaseContext, nonce: string): Promise<Opened> {
  const s = await ctx.openSecured();
  await startScram(s, ctx.account("alice").username, nonce);
  return s;
}
