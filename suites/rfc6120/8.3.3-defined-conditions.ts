// RFC 6120 §8.3.3: the defined stanza error conditions. Each row provokes one condition and grades it: the
// conditions the sentence allows, and the type the definition recommends (a SHOULD, from
// fixtures/rfc/error-conditions.tsv). Then the two security warnings: an error must not tell an
// unauthorised sender that a resource is absent (§8.3.3.7, §8.3.3.13), per stanza kind.

import { conditionsOf } from "../../harness/error-conditions.ts";
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import {
  answersTo,
  assertStanzaError,
  type CaseContext,
  type CaseSpec,
  defaultTypeMiss,
  type Element,
  NS,
  ping,
  type Row,
  rosterRemove,
  rosterSet,
  section,
  tableCases,
  twoPayloads,
  type Users,
  unknownPayloadIq,
  xml,
} from "../kit/index.ts";

/** Answers to IQs for a domain that cannot exist may wait on DNS. */
const REMOTE_MS = 20_000;

interface ConditionRow extends Row {
  /** Send what provokes the error; its reply. */
  provoke: (ctx: CaseContext, users: Users) => Promise<Element>;
  /** The conditions the sentence allows (any other fails the case); none: not graded here. */
  allowed?: string[];
  /** The id the error must carry. */
  requestId?: string;
  /** The condition the definition describes for this case, where another one is only a WARN. */
  should?: string;
  /** The row is about this condition: a server that answers with another one is skipped. */
  onlyFor?: string;
}

const conditionCases = (rows: ConditionRow[]): CaseSpec[] =>
  tableCases(rows, {
    users: ["alice"],
    async run(row, ctx, users) {
      const reply = await row.provoke(ctx, users);
      if (row.onlyFor && stanzaError(reply)?.condition !== row.onlyFor)
        ctx.skip("the server answered with another condition");
      if (row.allowed) {
        const cond = assertStanzaError(reply, row.allowed, row.requestId);
        if (row.should)
          ctx.should(cond === row.should, `the error should be <${row.should}/>, got <${cond}/>`);
      }
      const miss = defaultTypeMiss(reply);
      ctx.should(miss === undefined, miss ?? "");
    },
  });

/** An address the sender may not know the availability of: a resource of Bob's that is not there. */
const absentResource = (users: Users) => `${users.bob.bare}/xmppspec-absent`;

/** Conditions that tell an unauthorised sender the intended recipient is absent (§8.3.3.7, §8.3.3.13). */
const REVEALING = ["item-not-found", "recipient-unavailable"];

/** A stanza of one kind to an absent resource of Bob's; the error it got, if any. */
interface RevealRow extends Row {
  kind: string;
  error: (users: Users) => Promise<Element | undefined>;
}

const notRevealing = (rows: RevealRow[]): CaseSpec[] =>
  tableCases(rows, {
    users: ["alice", "bob:available"],
    async run(row, _ctx, users) {
      const reply = await row.error(users);
      if (reply?.attrs.type !== "error") return;
      const condition = stanzaError(reply)?.condition ?? "";
      if (REVEALING.includes(condition))
        throw new Violation(
          `the ${row.kind} to an absent resource revealed the absence to an unauthorised sender: <${condition}/>`,
        );
    },
  });

export default section("rfc6120", "8.3.3", "Defined Conditions", [
  ...conditionCases([
    {
      id: "rfc6120/8.3.3/error-default-type",
      title: "the error for an unknown payload carries the condition's recommended type",
      requirements: ["RFC6120-8.3.3.19-1", "RFC6120-8.3.3-1"],
      provoke: (_ctx, { alice }) => alice.iq(unknownPayloadIq()),
      allowed: ["service-unavailable", "feature-not-implemented"],
    },
    {
      id: "rfc6120/8.3.3.1/bad-request-type",
      title: "<bad-request/> (IQ get with two payloads) carries type 'modify'",
      requirements: ["RFC6120-8.3.3.1-1"],
      provoke: (ctx, { alice }) => alice.iq(twoPayloads(ctx.domain)),
      allowed: ["bad-request"],
    },
    {
      id: "rfc6120/8.3.3.4/forbidden-type",
      title: "a roster set on another account's roster is refused; <forbidden/> carries type 'auth'",
      requirements: ["RFC6120-8.3.3.4-1"],
      users: ["alice", "bob:account"],
      provoke(ctx, { alice }) {
        const set = rosterSet(`someone@${ctx.domain}`);
        set.attrs.to = ctx.account("bob").jid;
        return alice.iq(set);
      },
      // RFC 6121 §2.1.5 names forbidden; service-unavailable hides the account (RFC 6120 §8.3.3.19)
      allowed: ["forbidden", "service-unavailable", "not-allowed"],
    },
    {
      id: "rfc6120/8.3.3.7/item-not-found-type",
      title: "removing a roster item that does not exist gives <item-not-found/> with type 'cancel'",
      requirements: ["RFC6120-8.3.3.7-1"],
      provoke: (ctx, { alice }) => alice.iq(rosterRemove(`nobody-${Date.now()}@${ctx.domain}`)),
      allowed: ["item-not-found"],
    },
    {
      id: "rfc6120/8.3.3.8/jid-malformed",
      title: "an IQ to a malformed 'to' gets an error, which should be <jid-malformed/> of type 'modify'",
      requirements: ["RFC6120-8.3.3.8-1", "RFC6120-8.3.1-1", "RFC6120-8.3.1-4"],
      async provoke(ctx, { alice }) {
        const to = `a@b@${ctx.domain}`;
        await alice.send(`<iq type='get' id='malformed-1' to='${to}'><ping xmlns='${NS.ping}'/></iq>`);
        return alice.expect({ name: "iq", id: "malformed-1" });
      },
      // The error and its id are MUSTs (§8.3.1); §8.3.3.8 describes the condition that fits, so
      // another defined condition is a WARN, as in the RFC 7622 address cases.
      allowed: conditionsOf("stanza"),
      requestId: "malformed-1",
      should: "jid-malformed",
    },
    {
      id: "rfc6120/8.3.3.16/remote-server-not-found-type",
      title: "<remote-server-not-found/> for a domain that cannot exist carries type 'cancel'",
      requirements: ["RFC6120-8.3.3.16-1"],
      provoke: (_ctx, { alice }) => alice.iq(ping(`nobody@xmppspec-${Date.now()}.invalid`), REMOTE_MS),
      onlyFor: "remote-server-not-found",
    },
  ]),
  ...notRevealing([
    {
      id: "rfc6120/8.3.3.7/iq-absent-resource-not-revealed",
      title:
        "an IQ to an absent resource of an account the sender may not see is not answered with item-not-found",
      requirements: ["RFC6120-8.3.3.7-2", "RFC6120-8.3.3.13-2"],
      kind: "IQ",
      error: (users) => users.alice.iq(ping(absentResource(users), "absent-iq-1")),
    },
    {
      id: "rfc6120/8.3.3.13/message-absent-resource-not-revealed",
      title:
        "a message to an absent resource of an account the sender may not see is not bounced with recipient-unavailable",
      requirements: ["RFC6120-8.3.3.13-2", "RFC6120-8.3.3.7-2"],
      kind: "message",
      async error(users) {
        const msg = xml("message", { to: absentResource(users), id: "absent-msg-1" }, xml("body", {}, "x"));
        const back = await answersTo(users.alice, msg);
        return back.find((el) => el.name === "message" && el.attrs.id === "absent-msg-1");
      },
    },
  ]),
]);
