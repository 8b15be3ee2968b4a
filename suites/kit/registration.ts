// In-band registration (XEP-0077) as a case drives it: register an account of its own choosing, and cancel
// it again, with the same requests the in-band provisioner sends.
import {
  type Account,
  account,
  cancelRegistrationIq,
  freshName,
  registerIq,
} from "../../harness/runner/accounts.ts";
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
  await s.close();
  return { account: a, reply };
}

/** Log in as `a` and cancel its registration: a case leaves no account of its own behind. */
export async function cancelRegistration(ctx: CaseContext, a: Account): Promise<void> {
  const s = await ctx.login(a, { label: "cancel" });
  await s.iq(cancelRegistrationIq());
}
