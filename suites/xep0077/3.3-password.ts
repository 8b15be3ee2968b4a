// XEP-0077 §3.3: a logged-in user changes its password. A deployment MAY refuse (then these cases SKIP);
// one that answers with a result has changed it: the new password logs in and the old one no longer does.
// An empty <password/> never becomes the password (MUST), and errors of a refused change do not carry the
// request (with the password in it) back (SHOULD NOT).
import { Violation } from "../../harness/errors.ts";
import {
  assertLogsIn,
  assertRefused,
  changePassword,
  clip,
  freshAccount,
  logsIn,
  NS,
  registerSet,
  section,
} from "../kit/index.ts";

export default section("xep0077", "3.3", "User Changes Password", [
  {
    id: "xep0077/3.3/change-password-new-works",
    title: "after a password change answered with a result, the new password logs in",
    requirements: ["XEP0077-3.3-2"],
    needs: ["disposable-accounts"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const fresh = freshAccount(ctx).password;
      await changePassword(ctx, alice, fresh);
      await assertLogsIn(ctx, alice.account.username, fresh, "the new password");
    },
  },
  {
    id: "xep0077/3.3/change-password-old-refused",
    title: "after a password change answered with a result, the old password no longer logs in",
    requirements: ["XEP0077-3.3-2"],
    needs: ["disposable-accounts"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await changePassword(ctx, alice, freshAccount(ctx).password);
      await assertRefused(ctx, alice.account.username, alice.account.password, "the old password");
    },
  },
  {
    id: "xep0077/3.3/empty-password-keeps-old",
    title: "a password change with an empty <password/> leaves the password as it was",
    requirements: ["XEP0077-3.3-3"],
    needs: ["disposable-accounts"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await alice.iq(
        registerSet({ username: alice.account.username, password: null }, ctx.domain),
      );
      ctx.note(`answer to the empty password: ${reply.attrs.type}`);
      if (!(await logsIn(ctx, alice.account.username, alice.account.password)))
        throw new Violation(
          `after an empty <password/> the old password no longer logs in (answer: ${clip(reply)})`,
        );
    },
  },
  {
    id: "xep0077/3.3/error-omits-request",
    title: "the error refusing a password change does not carry the request (and its password) back",
    requirements: ["XEP0077-3.3-4"],
    needs: ["disposable-accounts"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await alice.iq(
        registerSet({ username: alice.account.username, password: null }, ctx.domain),
      );
      ctx.require(reply.attrs.type === "error", "the target does not refuse an empty password with an error");
      ctx.should(
        reply.getChild("query", NS.register) === undefined,
        `the error carries the request's <query/> back: ${clip(reply)}`,
      );
    },
  },
]);
