// RFC 6120 §7.5-§7.6: server-generated resources — unique per account, a full JID of ours on every
// transport, in a well-formed result; a second bind on the stream binds nothing foreign.

import { Violation } from "../../harness/errors.ts";
import { parseJid, tryParseJid } from "../../harness/jid.ts";
import { stanzaError } from "../../harness/match.ts";
import {
  afterSasl,
  bindRequest,
  boundJid,
  type CaseSpec,
  clip,
  DIRECT_TLS,
  endpointFor,
  MAIN,
  section,
  type TransportCaseRow,
  transportCases,
  WEBSOCKET,
} from "../kit/index.ts";

/** §7.6.1: binding without a resource gives a full JID of our own account, per transport. */
function generatedResourceCases(rows: TransportCaseRow[]): CaseSpec[] {
  return transportCases(rows, {
    title: (via) =>
      `${via.kind === "main" ? "binding" : `over ${via.label} binding`} without a resource gets a full JID of our account with a server-generated resource`,
    requirements: [
      "RFC6120-7.6-1",
      "RFC6120-7.6.1-1",
      "RFC6120-4.3.6-6",
      "RFC6120-15-1",
      "RFC6120-7.2-1",
      "RFC6120-7.4-1",
    ],
    users: ["alice:account"],
    async run(ctx, via) {
      const a = ctx.account("alice");
      const s = await ctx.login("alice", { label: "alice", ...endpointFor(ctx, via.kind) });
      if (!s.jid.resource)
        throw new Violation(`the bind result over ${via.label} is not a full JID: ${s.full}`);
      ctx.expect(s.bare, "bare JID").to.equal(a.jid.toLowerCase());
    },
  });
}

export default section("rfc6120", "7.6", "Server-Generated Resource Identifier", [
  ...generatedResourceCases([
    { id: "rfc6120/7.6/server-generated-resource", via: MAIN },
    { id: "rfc6120/7.6.1/bind-over-direct-tls", via: DIRECT_TLS },
    { id: "rfc6120/7.6.1/bind-over-websocket", via: WEBSOCKET },
  ]),
  {
    id: "rfc6120/7.5/five-sessions-distinct",
    title: "five sessions of one account with server-generated resources get five distinct full JIDs",
    requirements: ["RFC6120-7.5-1", "RFC6120-7.6-2"],
    users: ["alice:account"],
    async run(ctx) {
      const sessions = await Promise.all([0, 1, 2, 3, 4].map(() => ctx.login("alice")));
      const jids = sessions.map((s) => s.full);
      if (new Set(jids).size !== jids.length) throw new Violation(`full JIDs repeat: ${jids.join(", ")}`);
    },
  },
  afterSasl({
    id: "rfc6120/7.6.1/result-carries-full-jid",
    title: "the bind result is an IQ result with our id whose <jid/> is a full JID of our account",
    requirements: ["RFC6120-7.6.1-1", "RFC6120-7.1-2", "RFC6120-4.3.6-1", "RFC6120-4.3.6-3"],
    async run(ctx, s) {
      const reply = await s.iq(bindRequest(undefined, "bind-raw"));
      if (reply.attrs.type !== "result") throw new Violation(`binding failed: ${clip(reply)}`);
      const text = boundJid(reply);
      if (!text) throw new Violation(`the bind result has no <jid/>: ${clip(reply)}`);
      let jid: ReturnType<typeof parseJid>;
      try {
        jid = parseJid(text);
      } catch (err) {
        throw new Violation(`the bound JID '${text}' is not a JID: ${(err as Error).message}`);
      }
      if (!jid.resource) throw new Violation(`the bound JID '${text}' has no resourcepart`);
      ctx.expect(jid.bare().toString(), "bare JID").to.equal(ctx.account("alice").jid.toLowerCase());
    },
  }),
  {
    id: "rfc6120/7.6.2.2/second-bind-refused",
    title:
      "a second bind request on a bound stream binds nothing foreign: another resource of the account, or a refusal (<not-allowed/>)",
    requirements: ["RFC6120-7.6.2.2-1", "RFC6120-7.1-2", "RFC6120-7.1-3"],
    users: ["alice"],
    async run(ctx, { alice }) {
      // no sentence forbids a second resource on one stream, and none names the refusal's condition
      ctx.reading("I-6120-second-bind");
      const reply = await alice.iq(bindRequest());
      if (reply.attrs.type === "result") {
        // §7.1: whatever is bound is a full JID of the client's own account
        const jid = tryParseJid(boundJid(reply));
        if (!jid?.resource || !jid.bare().equals(alice.jid.bare()))
          throw new Violation(`the second bind bound '${boundJid(reply)}', not a resource of ${alice.bare}`);
        return;
      }
      const cond = stanzaError(reply)?.condition;
      ctx.should(
        cond === "not-allowed",
        `the second bind was refused with <${cond ?? "none"}/>, not <not-allowed/>`,
      );
    },
  },
]);
