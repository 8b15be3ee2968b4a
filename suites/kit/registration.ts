// In-band registration (XEP-0077) as a case drives it: register an account of its own choosing with the
// request the in-band provisioner sends. An account so made is cancelled by the runner after the run, not
// by the case: jabberd2 2.7 hands a removed account's late session end to whichever connection comes next.
import { type Account, account, freshName, registerIq } from "../../harness/runner/accounts.ts";
import type { CaseContext } from "../../harness/runner/context.ts";
import type { Element } from "./stanzas.ts";

/** Register a fresh username with `password` on a new stream; the account and the server's answer. */
export async function registerWith(
  ctx: CaseContext,
  password: string,
): Promise<{ account: Account; reply: Element }> {
  const a = account(freshName(), password, ctx.domain);
  const s = await ctx.openSecured({ label: "register" });
  const reply = await s.iq(registerIq(a));
  if (reply.attrs.type === "result") ctx.registered.push(a);
  await s.close();
  return { account: a, reply };
}
