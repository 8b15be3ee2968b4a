// RFC 6120 §8.3.1-8.3.2: when the server returns an error stanza and how it is built: the request's id,
// swapped addresses, an <error/> child of a defined type with one defined condition, never an error in
// answer to an error. The properties of one error (to an IQ no server understands) are a table.

import { ERROR_TYPES } from "../../harness/error-conditions.ts";
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import {
  answersTo,
  assertStanzaError,
  type CaseContext,
  type CaseSpec,
  type Client,
  clip,
  type Element,
  message,
  NS,
  ping,
  type Row,
  section,
  tableCases,
  unknownPayloadIq,
  xml,
} from "../kit/index.ts";

function errorChild(reply: Element): Element {
  const error = reply.getChild("error");
  if (!error) throw new Violation(`the error stanza has no <error/> child: ${clip(reply)}`);
  return error;
}

/** One property of the error the server returns to an IQ get no server understands. */
interface ErrorPropertyRow extends Row {
  check: (reply: Element, ctx: CaseContext, alice: Client) => void;
}

const errorProperties = (rows: ErrorPropertyRow[]): CaseSpec[] =>
  tableCases(rows, {
    users: ["alice"],
    async run(row, ctx, { alice }) {
      const reply = await alice.iq(unknownPayloadIq({ to: ctx.domain }));
      if (reply.attrs.type !== "error") throw new Violation(`expected an IQ error, got ${clip(reply)}`);
      row.check(reply, ctx, alice);
    },
  });

/** An error to a message or presence need not come (§8.3.1 rule 1), but if it does it keeps the id. */
interface KeepsIdRow extends Row {
  kind: "message" | "presence";
  stanza: (domain: string) => Element;
  /** The conditions the error may carry, where a rule beyond §8.3.1 names them. */
  conditions?: string[];
}

const keepsId = (rows: KeepsIdRow[]): CaseSpec[] =>
  tableCases(rows, {
    users: ["alice"],
    async run(row, ctx, { alice }) {
      const sent = row.stanza(ctx.domain);
      await alice.send(sent);
      const back = await alice.barrier();
      const err = back.find((el) => el.name === row.kind && el.attrs.type === "error");
      if (!err) return;
      ctx.expect(err.attrs.id, `id of the ${row.kind} error`).to.equal(sent.attrs.id);
      if (row.conditions) assertStanzaError(err, row.conditions);
    },
  });

export default section("rfc6120", "8.3", "Stanza Errors", [
  ...errorProperties([
    {
      id: "rfc6120/8.3.1/error-has-error-child",
      title: "an IQ error carries an <error/> child",
      requirements: ["RFC6120-8.3.1-6", "RFC6120-8.2.3-9", "RFC6120-15-24"],
      check: (reply) => errorChild(reply),
    },
    {
      id: "rfc6120/8.3.1/error-addresses-swapped",
      title: "an error from the server swaps the request's 'from' and 'to'",
      requirements: ["RFC6120-8.3.1-2"],
      check(reply, ctx, alice) {
        const { from, to } = reply.attrs;
        if (from !== undefined && from.toLowerCase() !== ctx.domain.toLowerCase())
          throw new Violation(`the error's 'from' is '${from}', not the request's 'to' '${ctx.domain}'`);
        if (to !== undefined && to !== alice.full)
          throw new Violation(`the error's 'to' is '${to}', not the request's sender '${alice.full}'`);
      },
    },
    {
      id: "rfc6120/8.3.2/error-type-defined",
      title: "the <error/> type is one of auth, cancel, continue, modify, wait",
      requirements: ["RFC6120-8.3.2-3"],
      check(reply, ctx) {
        ctx.expect(errorChild(reply).attrs.type, "error type").to.be.oneOf([...ERROR_TYPES]);
      },
    },
    {
      id: "rfc6120/8.3.2/one-defined-condition",
      title: "the <error/> carries exactly one defined condition of the stanzas namespace",
      requirements: ["RFC6120-8.3.2-4", "RFC6120-8.3.2-6"],
      check(reply) {
        errorChild(reply);
        const conditions = stanzaError(reply)?.conditions ?? [];
        if (conditions.length !== 1)
          throw new Violation(`expected one defined condition, found ${conditions.length}: ${clip(reply)}`);
      },
    },
    {
      id: "rfc6120/8.3.2/error-children-qualified",
      title:
        "every child of <error/> (<text/>, application conditions) is namespace-qualified, not jabber:client",
      requirements: ["RFC6120-8.3.2-7", "RFC6120-8.3.2-8"],
      check(reply) {
        const error = errorChild(reply);
        for (const child of error.getChildElements()) {
          const ns = child.getNS();
          if (ns === undefined || ns === NS.client)
            throw new Violation(
              `<${child.name}/> inside <error/> is in the content namespace: ${clip(error)}`,
            );
        }
      },
    },
  ]),
  ...keepsId([
    {
      id: "rfc6120/8.3.1/message-error-keeps-id",
      title: "a message to an unknown local account comes back as an error with the same id (or is dropped)",
      requirements: ["RFC6120-8.3.1-3", "RFC6120-8.3.1-5", "RFC6120-10.5.3.1-1", "RFC6120-15-25"],
      kind: "message",
      // silently ignoring is allowed (RFC 6120 §10.5.3.1); an error is <service-unavailable/>
      stanza: (domain) => message(`nobody-${Date.now()}@${domain}`, "anyone?", { id: "nobody-1" }),
      conditions: ["service-unavailable"],
    },
    {
      id: "rfc6120/8.3.1/presence-error-keeps-id",
      title: "a presence to a malformed JID is ignored or bounced with the presence's id",
      requirements: ["RFC6120-8.3.1-3", "RFC6120-8.3.1-5"],
      kind: "presence",
      stanza: (domain) => xml("presence", { to: `a@b@${domain}`, id: "pres-err-1" }),
    },
  ]),
  {
    id: "rfc6120/8.3.1/no-error-reply-to-error",
    title: "an IQ error sent to the server is not answered with another error",
    requirements: ["RFC6120-8.3.1-11", "RFC6120-8.2.3-6", "RFC6120-15-26"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const condition = xml("undefined-condition", { xmlns: NS.stanzas });
      const error = xml("error", { type: "cancel" }, condition);
      await alice.send(xml("iq", { type: "error", id: "unsolicited-error", to: ctx.domain }, error));
      await alice.expectNothing({ name: "iq", id: "unsolicited-error" }, "the server answered an IQ error");
    },
  },
  {
    id: "rfc6120/8.3.1/no-error-child-in-result",
    title: "an IQ result (ping to the server) carries no <error/> child",
    requirements: ["RFC6120-8.3.1-10"],
    serverGenerated: true, // the server generates what is checked: the sender's rules bind it
    users: ["alice"],
    async run(ctx, { alice }) {
      const reply = await alice.iq(ping(ctx.domain));
      if (reply.attrs.type !== "result") ctx.skip("the server does not answer pings with a result");
      if (reply.getChild("error")) throw new Violation(`a result carries an <error/>: ${clip(reply)}`);
    },
  },
  {
    id: "rfc6120/8.3.2/error-stanza-kind",
    title: "error replies to a message, an IQ and a presence are <message/>, <iq/> and <presence/> stanzas",
    requirements: ["RFC6120-8.3.2-2"],
    users: ["alice"],
    async run(ctx, { alice }) {
      // a message to the server (ignored or bounced, §10.5.1), an unknown IQ payload (must be an error),
      // presence to a malformed JID (ignored or bounced, §8.3.1)
      const sent: [string, Element][] = [
        ["message", xml("message", { to: ctx.domain, id: "kind-msg" }, xml("body", {}, "x"))],
        ["iq", unknownPayloadIq({ to: ctx.domain, id: "kind-iq" })],
        ["presence", xml("presence", { to: `a@b@${ctx.domain}`, id: "kind-pres" })],
      ];
      const back: Element[] = [];
      for (const [, stanza] of sent) back.push(...(await answersTo(alice, stanza)));
      const kinds = sent.map(([kind]) => kind);
      const odd = back.find((el) => el.attrs.type === "error" && !kinds.includes(el.name));
      if (odd) throw new Violation(`an error stanza of kind <${odd.name}/>: ${clip(odd)}`);
      for (const [kind, stanza] of sent) {
        const reply = back.find((el) => el.attrs.id === stanza.attrs.id);
        if (reply && reply.name !== kind)
          throw new Violation(`the error to a <${kind}/> came back as <${reply.name}/>: ${clip(reply)}`);
      }
    },
  },
]);
