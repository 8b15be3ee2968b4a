// RFC 6121 §8.5 on the inbound server-to-server path: stanzas from a remote user (the harness plays its
// server) to a local bare JID. An account that exists and is online gets a message with 'to' left bare
// (§8.5.2.1.1); for an account that does not exist (§8.5.1) an IQ is refused with <service-unavailable/>,
// a message is ignored or refused with <service-unavailable/> (either, per the table), a subscription
// stanza is ignored, and a probe is ignored or answered 'unsubscribed' (from the bare JID, §4.3.2).
import { Violation } from "../../../harness/errors.ts";
import {
  assertStanzaError,
  type CaseContext,
  type CaseSpec,
  clip,
  crossBarrier,
  crossDomainMs,
  type Element,
  fromRemote,
  type Inbound,
  messageWithId,
  type Row,
  remoteContact,
  s2sIn,
  section,
  tableCases,
  takeArrived,
  uid,
  xml,
} from "../../kit/index.ts";

/** A stanza to an account of the target that does not exist, and what may come back for it. */
interface MissingRow extends Row {
  stanza: (to: string, id: string) => Element;
  /** Check what came back to the remote user (by id, or any presence from the account); [] is silence. */
  judge: (replies: Element[], to: string) => void;
}

const nothing = (what: string) => (replies: Element[]) => {
  const [first] = replies;
  if (first) throw new Violation(`${what} MUST be silently ignored, but the server answered: ${clip(first)}`);
};

const serviceUnavailable = (replies: Element[]) => {
  for (const el of replies) assertStanzaError(el, ["service-unavailable"]);
};

const unsubscribedOrNothing = (replies: Element[], to: string) => {
  for (const el of replies) {
    if (el.attrs.type !== "unsubscribed")
      throw new Violation(
        `a probe to a missing account is ignored or answered 'unsubscribed', got: ${clip(el)}`,
      );
    if (el.attrs.from?.toLowerCase() !== to.toLowerCase())
      throw new Violation(`the 'unsubscribed' answer MUST come from the bare JID ${to}: ${clip(el)}`);
  }
};

/** What the target sent back to the remote user about `to` (after a barrier): anything with `id`, or from `to`. */
function repliesAbout(ctx: CaseContext, inbound: Inbound, to: string, id: string): Promise<Element[]> {
  return takeArrived(ctx, inbound.domain, {
    where: (el) => el.attrs.id === id || el.attrs.from?.split("/")[0]?.toLowerCase() === to.toLowerCase(),
    what: `a reply about ${to}`,
  });
}

const MISSING: MissingRow[] = [
  {
    id: "rfc6121/8.5.1/inbound-iq-missing-account",
    title:
      "an IQ from a remote user to an account that does not exist is refused with <service-unavailable/>",
    requirements: ["RFC6121-8.5.1-1", "RFC6121-8.5-1"],
    stanza: (to, id) =>
      xml("iq", { to, id, type: "get" }, xml("query", { xmlns: "urn:example:xmppspec:nothing" })),
    judge(replies) {
      if (!replies.length) throw new Violation("no <service-unavailable/> error came back for the IQ");
      serviceUnavailable(replies);
    },
  },
  {
    id: "rfc6121/8.5.1/inbound-message-missing-account",
    title:
      "a message from a remote user to an account that does not exist is ignored or refused with <service-unavailable/>",
    requirements: ["RFC6121-8.5.1-2", "RFC6121-8.5-1"],
    stanza: (to, id) => xml("message", { to, id, type: "chat" }, xml("body", {}, "anyone there?")),
    judge: serviceUnavailable,
  },
  {
    id: "rfc6121/8.5.1/inbound-subscribe-missing-account",
    title: "a subscription request from a remote user to an account that does not exist is silently ignored",
    requirements: ["RFC6121-8.5.1-4", "RFC6121-8.5-1"],
    stanza: (to, id) => xml("presence", { to, id, type: "subscribe" }),
    judge: nothing("a 'subscribe' to a missing account"),
  },
  {
    id: "rfc6121/8.5.1/inbound-probe-missing-account",
    title:
      "a presence probe from a remote user to an account that does not exist is ignored or answered 'unsubscribed' from the bare JID",
    requirements: ["RFC6121-8.5.1-5", "RFC6121-4.3.2-1", "RFC6121-4.3.2-3"],
    stanza: (to, id) => xml("presence", { to, id, type: "probe" }),
    judge: unsubscribedOrNothing,
  },
];

const CASES: CaseSpec[] = [
  {
    id: "rfc6121/8.5.2.1.1/inbound-message-bare-delivered",
    title: "a chat message from a remote user to a local bare JID reaches the only resource, 'to' left bare",
    requirements: ["RFC6121-8.5.2.1.1-5", "RFC6121-8.5.2.1.1-13", "RFC6121-8.5.2-1"],
    needs: ["s2s"],
    users: ["alice:online"],
    async run(ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      const id = `m-${uid()}`;
      const got = alice.expect(messageWithId(id), crossDomainMs(ctx));
      await inbound.s.send(
        fromRemote(inbound, xml("message", { to: alice.bare, id, type: "chat" }, xml("body", {}, "hi")), "r"),
      );
      const el = await got;
      ctx
        .expect(el.attrs.from, `the delivered message's 'from': ${clip(el)}`)
        .to.equal(`${remoteContact(inbound)}/r`);
      ctx
        .expect(el.attrs.to?.toLowerCase(), `the delivered message's 'to': ${clip(el)}`)
        .to.equal(alice.bare.toLowerCase());
    },
  },
  ...tableCases<MissingRow>(MISSING, {
    needs: ["s2s", "s2s-outbound"],
    users: ["alice:online"],
    async run(row, ctx, { alice }) {
      const inbound = await s2sIn(ctx);
      const to = `nobody-${uid()}@${ctx.federation.targetDomain}`;
      const id = `x-${uid()}`;
      await inbound.s.send(fromRemote(inbound, row.stanza(to, id), "r"));
      // the replies the target owes for it are routed before the barrier's message on the same stream
      await crossBarrier(ctx, inbound, alice);
      row.judge(await repliesAbout(ctx, inbound, to, id), to);
    },
  }),
];

export default section("rfc6121", "8.5", "Local Domain (server-to-server)", CASES);
