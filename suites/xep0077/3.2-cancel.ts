// XEP-0077 §3.2: an entity cancels its registration with <remove/>. The host acts on the account of the
// stream the request came over (its 'from'), never on one a request before authentication names; the
// account is gone (its password no longer logs in), its sessions end with <not-authorized/> (SHOULD), and
// its presence subscriptions are cancelled (SHOULD), so a new account of the same name starts afresh.
// A cancellation sent to another service carries the user's full JID as its 'from' (the home server's MUST).
import { Violation } from "../../harness/errors.ts";
import {
  assertLogsIn,
  assertRefused,
  cancelRegistration,
  cancelSet,
  clip,
  freshAccount,
  mutual,
  NS,
  offeredForm,
  rosterItems,
  rosterPush,
  s2sOut,
  section,
  submit,
  subOf,
  xml,
} from "../kit/index.ts";

export default section("xep0077", "3.2", "Entity Cancels an Existing Registration", [
  {
    id: "xep0077/3.2/cancel-removes-account",
    title: "after <remove/> is answered with a result, the account's password no longer logs in",
    requirements: ["XEP0077-3.2-1", "XEP0077-3.2-3"],
    needs: ["disposable-accounts"],
    users: ["alice"],
    async run(ctx, { alice }) {
      await cancelRegistration(ctx, alice);
      await assertRefused(ctx, alice.account.username, alice.account.password, "the cancelled account");
    },
  },
  {
    id: "xep0077/3.2/cancel-ends-other-sessions",
    title: "a cancellation ends the account's other sessions with a <not-authorized/> stream error",
    requirements: ["XEP0077-3.2-2"],
    needs: ["disposable-accounts"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const other = await ctx.setUp("log alice in a second time", () => ctx.login("alice", "bound"));
      await cancelRegistration(ctx, alice);
      const condition = await other.expectStreamError().catch((err: Error) => err);
      if (condition instanceof Error) {
        ctx.should(false, `alice's other session was not ended with a stream error (${condition.message})`);
        return;
      }
      ctx.should(
        condition === "not-authorized",
        `the other session ended with <${condition}/>, not <not-authorized/>`,
      );
    },
  },
  {
    id: "xep0077/3.2/cancel-unsubscribes-contacts",
    title:
      "a cancellation cancels the account's subscriptions: its contact's roster shows it as 'none' or removed",
    requirements: ["XEP0077-3.2-4"],
    needs: ["disposable-accounts"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      await ctx.setUp("alice and bob subscribe to each other", () => mutual(alice, bob));
      const pushed = bob.expect(rosterPush(alice.bare, ["none", "remove"]));
      pushed.catch(() => {});
      await cancelRegistration(ctx, alice);
      const push = await pushed.catch(() => undefined);
      ctx.should(
        push !== undefined,
        "bob's roster still shows a subscription with alice after she cancelled",
      );
    },
  },
  {
    id: "xep0077/3.2/cancel-roster-not-inherited",
    title: "an account registered again under a cancelled one's username inherits none of its subscriptions",
    requirements: ["XEP0077-3.2-4"],
    needs: ["registration"],
    users: ["bob:online"],
    async run(ctx, { bob }) {
      const { s, fields } = await offeredForm(ctx);
      const a = freshAccount(ctx);
      const made = await ctx.setUp("register a fresh account", () => submit(ctx, s, fields, a));
      if (made.attrs.type !== "result") ctx.skip(`the target refused a fresh registration: ${clip(made)}`);
      const alice = await ctx.setUp("log the new account in", () => ctx.login(a, "online"));
      await ctx.setUp("the account and bob subscribe to each other", () => mutual(alice, bob));
      await cancelRegistration(ctx, alice);
      const again = await offeredForm(ctx);
      const remade = await submit(ctx, again.s, again.fields, a);
      if (remade.attrs.type !== "result")
        ctx.skip(`the target does not let the username be registered again: ${clip(remade)}`);
      const reborn = await ctx.setUp("log the new account of that name in", () => ctx.login(a, "bound"));
      const kept = (await rosterItems(reborn)).filter((i) => subOf(i) !== "none");
      ctx.should(
        kept.length === 0,
        `the account registered again has the cancelled one's subscriptions: ${kept.map((i) => clip(i)).join(" ")}`,
      );
    },
  },
  {
    id: "xep0077/3.2/cancel-unauthenticated-refused",
    title: "before authentication, a <remove/> naming an account's username is refused and the account stays",
    requirements: ["XEP0077-3.2-1"],
    users: ["alice:account"],
    async run(ctx) {
      const a = ctx.account("alice");
      const s = await ctx.openSecured({ label: "anonymous" });
      const el = cancelSet(xml("username", {}, a.username));
      el.attrs.to = ctx.domain;
      // a stream error (no stanzas before authentication, RFC 6120 §4.3.5) refuses it as well
      const reply = await s.iq(el).catch(() => undefined);
      if (reply?.attrs.type === "result")
        throw new Violation(
          `an unauthenticated <remove/> naming '${a.username}' was accepted: ${clip(reply)}`,
        );
      await assertLogsIn(ctx, a.username, a.password, "the account an unauthenticated <remove/> named");
    },
  },
  {
    id: "xep0077/3.2/cancel-to-service-stamped",
    title: "a cancellation sent to another service reaches it with the user's full JID as 'from'",
    requirements: ["XEP0077-3.2-5", "RFC6120-8.1.2.1-1"],
    needs: ["s2s-outbound"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const iq = (domain: string) => [
        xml(
          "iq",
          { type: "set", to: domain, id: "unreg-remote" },
          xml("query", { xmlns: NS.register }, xml("remove")),
        ),
      ];
      const out = await s2sOut(ctx, alice, iq);
      const arrived = await out.arrived;
      if (arrived.attrs.from !== alice.full)
        throw new Violation(
          `the cancellation reached ${out.domain} from '${arrived.attrs.from ?? "(none)"}', not ${alice.full}`,
        );
    },
  },
]);
