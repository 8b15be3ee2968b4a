// XEP-0077 §3.1 (and §3.1.1): an entity registers with a host. Before authentication the form lists the
// fields to fill; a submission that fills them registers an account that then logs in; one that leaves a
// field out (an empty <password/> included) is <not-acceptable/>; a taken username is refused; after
// authentication the answer says <registered/>. A target that offers no registration SKIPs (needs).
import { Violation } from "../../harness/errors.ts";
import {
  assertLogsIn,
  assertStanzaError,
  type CaseSpec,
  clip,
  dataForm,
  formBeforeAuth,
  formFields,
  freshAccount,
  logsIn,
  offeredForm,
  queryOf,
  registeredAnswer,
  registerSet,
  section,
  stanzaErrorCondition,
  submit,
} from "../kit/index.ts";

/** A submission that leaves `field` out, or sends it empty (`empty`), must be <not-acceptable/>. */
function incomplete(id: string, title: string, field: "username" | "password", empty: boolean): CaseSpec {
  return {
    id: `xep0077/3.1/${id}`,
    title,
    requirements: ["XEP0077-3.1-10"],
    needs: ["registration"],
    async run(ctx) {
      const { s, fields } = await offeredForm(ctx);
      const a = freshAccount(ctx);
      const values: Record<string, string | null> = { username: a.username, password: a.password };
      if (empty) values[field] = null;
      else delete values[field];
      for (const f of fields) if (!(f in values) && f !== field) values[f] = "xmppspec";
      const reply = await s.iq(registerSet(values, ctx.domain));
      if (reply.attrs.type === "result") ctx.registered.push(a);
      assertStanzaError(reply, ["not-acceptable"], reply.attrs.id);
    },
  };
}

export default section("xep0077", "3.1", "Entity Registers with a Host", [
  {
    id: "xep0077/3.1/form-lists-fields",
    title: "before authentication, a registration get is answered with the fields to fill (or a data form)",
    requirements: ["XEP0077-3.1-3"],
    needs: ["registration"],
    async run(ctx) {
      const { reply } = await formBeforeAuth(ctx);
      if (reply.attrs.type !== "result")
        throw new Violation(`the target offers registration but answers its get with: ${clip(reply)}`);
      const query = queryOf(reply);
      const form = dataForm(query);
      const xfields = form?.getChildren("field").filter((f) => f.attrs.type !== "hidden") ?? [];
      if (formFields(query).length === 0 && xfields.length === 0)
        throw new Violation(`the registration form lists no field to fill: ${clip(reply)}`);
    },
  },
  {
    id: "xep0077/3.1.1/form-assumes-unregistered",
    title: "before authentication, the form does not say <registered/>: the entity is taken as unregistered",
    requirements: ["XEP0077-3.1.1-1", "XEP0077-3.1-7"],
    needs: ["registration"],
    async run(ctx) {
      const { reply } = await formBeforeAuth(ctx);
      ctx.should(
        queryOf(reply).getChild("registered") === undefined,
        `the form before authentication says <registered/>: ${clip(reply)}`,
      );
    },
  },
  {
    id: "xep0077/3.1/register-then-login",
    title: "a submission filling every field of the form registers an account, which then logs in",
    requirements: ["XEP0077-3.1-3"],
    needs: ["registration"],
    async run(ctx) {
      const { s, fields } = await offeredForm(ctx);
      const a = freshAccount(ctx);
      const reply = await submit(ctx, s, fields, a);
      // §11: a deployment MAY disable in-band registration: a refusal with an error says it did
      const refused = reply.attrs.type === "error" ? stanzaErrorCondition(reply) : undefined;
      if (refused) ctx.skip(`the target refused the registration (<${refused}/>): XEP-0077 §11 lets it`);
      if (reply.attrs.type !== "result")
        throw new Violation(`the registration of the form's own fields was refused: ${clip(reply)}`);
      await assertLogsIn(ctx, a.username, a.password, "the account just registered");
    },
  },
  incomplete(
    "missing-password-not-acceptable",
    "a registration without the <password/> the form asks for is <not-acceptable/>",
    "password",
    false,
  ),
  incomplete(
    "empty-password-not-acceptable",
    "a registration with an empty <password/> is <not-acceptable/> (XEP-0077 §3.1, note)",
    "password",
    true,
  ),
  incomplete(
    "missing-username-not-acceptable",
    "a registration without the <username/> the form asks for is <not-acceptable/>",
    "username",
    false,
  ),
  {
    id: "xep0077/3.1/duplicate-username-conflict",
    title:
      "registering a username that is taken is refused with <conflict/>, and the account keeps its password",
    requirements: ["RFC6120-8.3.3.2-1"],
    needs: ["registration"],
    async run(ctx) {
      const { s, fields } = await offeredForm(ctx);
      const first = freshAccount(ctx);
      const made = await ctx.setUp("register a fresh username", () => submit(ctx, s, fields, first));
      if (made.attrs.type !== "result") ctx.skip(`the target refused a fresh registration: ${clip(made)}`);
      const again = { ...first, password: freshAccount(ctx).password };
      const reply = await s.iq(
        registerSet({ username: again.username, password: again.password }, ctx.domain),
      );
      ctx.should(reply.attrs.type === "error", `a second registration of '${first.username}' was accepted`);
      if (reply.attrs.type === "error") {
        try {
          assertStanzaError(reply, ["conflict"], reply.attrs.id);
        } catch (err) {
          ctx.should(false, (err as Error).message);
        }
      }
      const overwritten = await logsIn(ctx, again.username, again.password);
      ctx.should(
        !overwritten,
        `the second registration took '${first.username}' over: its new password logs in`,
      );
    },
  },
  {
    id: "xep0077/3.1/registered-when-logged-in",
    title: "a logged-in account's registration get is answered with an empty <registered/>",
    requirements: ["XEP0077-3.1-6"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await registeredAnswer(ctx, alice);
      if (reply.attrs.type !== "result")
        throw new Violation(`the registration get was refused: ${clip(reply)}`);
      const registered = queryOf(reply).getChild("registered");
      if (!registered) throw new Violation(`the answer has no <registered/>: ${clip(reply)}`);
      if (registered.children.length) throw new Violation(`<registered/> is not empty: ${clip(registered)}`);
    },
  },
  {
    id: "xep0077/3.1/registered-carries-registration",
    title: "the <registered/> answer carries the username on file and <instructions/>",
    requirements: ["XEP0077-3.1-6"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await registeredAnswer(ctx, alice);
      const query = queryOf(reply);
      ctx.require(reply.attrs.type === "result" && !!query.getChild("registered"), "no <registered/> answer");
      const username = query.getChildText("username");
      ctx.should(
        username === alice.account.username,
        `the registration on file should be there: <username/> is '${username ?? "(none)"}', not '${alice.account.username}'`,
      );
      ctx.should(query.getChild("instructions") !== undefined, "the answer has no <instructions/>");
    },
  },
  {
    id: "xep0077/3.1/disabled-get-service-unavailable",
    title:
      "where in-band registration is off (no stream feature), a registration get gets <service-unavailable/>",
    requirements: ["XEP0077-3.1-4"],
    needs: ["no-registration"],
    async run(ctx) {
      const { reply } = await formBeforeAuth(ctx);
      assertStanzaError(reply, ["service-unavailable"], reply.attrs.id);
    },
  },
  {
    id: "xep0077/3.1/disabled-set-refused",
    title:
      "where in-band registration is off, a registration set gets <service-unavailable/> and makes no account",
    requirements: ["XEP0077-3.1-4"],
    needs: ["no-registration"],
    async run(ctx) {
      const s = await ctx.openSecured({ label: "register" });
      const a = freshAccount(ctx);
      const reply = await s.iq(registerSet({ username: a.username, password: a.password }, ctx.domain));
      if (reply.attrs.type === "result") ctx.registered.push(a);
      assertStanzaError(reply, ["service-unavailable"], reply.attrs.id);
      if (await logsIn(ctx, a.username, a.password))
        throw new Violation("the refused registration made an account all the same: it logs in");
    },
  },
]);
