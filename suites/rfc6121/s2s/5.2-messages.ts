// RFC 6121 §5 messages sent by a local user to a remote JID (the harness plays the remote server): the
// user's server routes them with the user's full JID as 'from' (RFC 6120 §8.1.2.1) and leaves 'to', 'type'
// and the payload as the client sent them (RFC 6120 §10.4: the stanza is routed, not rewritten; RFC 6121
// §5.2.5: the <thread/> is opaque to every entity, the routing server too).
import { Violation } from "../../../harness/errors.ts";
import {
  type CaseSpec,
  clip,
  notExercised,
  outcomeOf,
  type Row,
  section,
  tableCases,
  uid,
  xml,
} from "../../kit/index.ts";

interface ToRow extends Row {
  /** The recipient at the case's remote domain. */
  to: (domain: string) => string;
}

const CASES: CaseSpec[] = tableCases<ToRow>(
  [
    {
      id: "rfc6121/5.2/outbound-message-full-jid-routed",
      title: "a chat message to a remote full JID is routed unmodified, from the sender's full JID",
      requirements: ["RFC6120-8.1.2.1-1", "RFC6120-10.4-1", "RFC6121-5.2.5-7"],
      to: (d) => `juliet@${d}/balcony`,
    },
    {
      id: "rfc6121/5.2/outbound-message-bare-jid-routed",
      title: "a chat message to a remote bare JID is routed to that bare JID, from the sender's full JID",
      requirements: ["RFC6120-8.1.2.1-1", "RFC6120-10.4-1", "RFC6121-5.2.5-7"],
      to: (d) => `juliet@${d}`,
    },
  ],
  {
    needs: ["s2s-outbound"],
    users: ["alice:online"],
    async run(row, ctx, { alice }) {
      const domain = ctx.federation.domain();
      const to = row.to(domain);
      const id = `m-${uid()}`;
      const [body, thread] = [`wherefore ${uid()}`, `t-${uid()}`];
      const outcome = outcomeOf(ctx, alice, domain, id);
      await alice.send(
        xml("message", { to, id, type: "chat" }, xml("body", {}, body), xml("thread", {}, thread)),
      );
      const o = await outcome;
      if ("bounced" in o) notExercised(domain, o.bounced);
      if ("neither" in o) throw new Violation(`the message to ${to} was neither routed nor bounced`);
      const el = o.routed;
      const what = (k: string) => `the routed message's ${k}: ${clip(el)}`;
      ctx.expect(el.attrs.from, what("'from'")).to.equal(alice.full);
      ctx.expect(el.attrs.to?.toLowerCase(), what("'to'")).to.equal(to.toLowerCase());
      ctx.expect(el.attrs.type, what("'type'")).to.equal("chat");
      ctx.expect(el.getChildText("body"), what("<body/>")).to.equal(body);
      ctx.expect(el.getChildText("thread"), what("<thread/>")).to.equal(thread);
    },
  },
);

export default section("rfc6121", "5.2", "Message Syntax (server-to-server)", CASES);
