// RFC 6121 §3.1 with the contact (or the user) at a remote domain the harness plays: the user's server
// routes the request stamped with the user's bare JID (§3.1.2); the contact's server delivers an inbound
// request to the contact and never approves it on the contact's behalf, unless the user is subscribed
// already, when it auto-replies 'subscribed' (§3.1.3).
import {
  assertBareFrom,
  type CaseSpec,
  crossBarrier,
  crossDomainMs,
  fromRemote,
  notExercised,
  outcomeOf,
  presenceFrom,
  remoteContact,
  remoteSubscribesTo,
  routedSubscription,
  s2sIn,
  section,
  subscription,
  uid,
  xml,
} from "../../kit/index.ts";

const CASES: CaseSpec[] = [
  {
    id: "rfc6121/3.1.2/outbound-subscribe-routed",
    title:
      "a subscription request to a remote contact is routed there, to the bare JID, from the user's bare JID",
    requirements: ["RFC6121-3.1.2-6", "RFC6121-3.1.2-7"],
    needs: ["s2s-outbound"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const domain = ctx.federation.domain();
      const juliet = `juliet@${domain}`;
      const routed = ctx.federation.listener.expect(
        domain,
        { name: "presence", type: "subscribe", to: juliet },
        crossDomainMs(ctx),
      );
      routed.catch(() => {});
      // a message after it shows whether the target reached the domain at all (a bounce: not exercised)
      const marker = `m-${uid()}`;
      const after = outcomeOf(ctx, alice, domain, marker);
      await alice.send(subscription("subscribe", juliet));
      await alice.send(xml("message", { to: juliet, id: marker, type: "chat" }, xml("body", {}, "after")));
      const o = await after;
      if ("bounced" in o) notExercised(domain, o.bounced);
      assertBareFrom(await routed, alice, "the routed subscription request");
    },
  },
  {
    id: "rfc6121/3.1.3/inbound-subscribe-not-auto-approved",
    title:
      "a subscription request from a remote user is delivered to the contact, and the contact's server does not approve it itself",
    requirements: ["RFC6121-3.1.3-6", "RFC6121-3.1.3-5"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      const romeo = remoteContact(inbound);
      const request = alice.expect(presenceFrom(romeo, "subscribe"), crossDomainMs(ctx));
      await inbound.s.send(fromRemote(inbound, subscription("subscribe", alice.bare)));
      await request;
      await crossBarrier(ctx, inbound, alice);
      await ctx.federation.listener.expectNothing(
        inbound.domain,
        { name: "presence", type: "subscribed" },
        "the contact's server MUST NOT approve the request on the contact's behalf",
        { quietMs: 0 },
      );
    },
  },
  {
    id: "rfc6121/3.1.3/inbound-subscribe-already-subscribed",
    title:
      "a repeated subscription request from a remote user who is already subscribed is answered 'subscribed' from the contact's bare JID",
    requirements: ["RFC6121-3.1.3-7"],
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      await remoteSubscribesTo(ctx, inbound, alice);
      const romeo = remoteContact(inbound);
      const reply = routedSubscription(ctx, inbound, "subscribed", romeo);
      await inbound.s.send(fromRemote(inbound, subscription("subscribe", alice.bare)));
      assertBareFrom(await reply, alice, "the auto-reply 'subscribed'");
    },
  },
];

export default section("rfc6121", "3.1", "Requesting a Subscription (server-to-server)", CASES);
