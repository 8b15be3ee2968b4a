// XEP-0220 §2.1, the target as initiating server: a local user's message makes it connect to a domain the
// harness plays, which offers only dialback after TLS and reads the target's key, then answers it.
import { Violation } from "../../harness/errors.ts";
import {
  type AnsweredOutbound,
  assertStanzaError,
  type CaseContext,
  type Client,
  isDialbackKey,
  NS,
  NS_DIALBACK,
  s2sOutbound,
  section,
  xml,
} from "../kit/index.ts";

/** The target's stanza came before any key: a stanza sent before authorization (XEP-0220 §2.1.1). */
function stanzaFirst(out: AnsweredOutbound): boolean {
  return out.next.name === out.message.name;
}

/** Set-up: the target's stream to a domain of the case, up to its dialback key (else SKIP). */
async function keySent(ctx: CaseContext, alice: Client): Promise<AnsweredOutbound> {
  const out = await s2sOutbound(ctx, alice, "dialback");
  await ctx.setUp("the target asks for authorization with a dialback key", async () => {
    if (stanzaFirst(out)) throw new Violation("the target sent its stanza before any dialback key");
  });
  ctx.require(
    isDialbackKey(out.next),
    `the target sent no dialback key when only dialback was offered (<${out.next.name}/>)`,
  );
  return out;
}

/** Our answer to the target's key, as the receiving server (XEP-0220 §2.2.1). */
function result(out: AnsweredOutbound, target: string, type: "valid" | "invalid") {
  return xml("db:result", { "xmlns:db": NS_DIALBACK, from: out.domain, to: target, type });
}

export default section(
  "xep0220",
  "2.1",
  "Server Dialback: initiating server",
  [
    {
      id: "xep0220/2.1.1/outbound-key-attributes",
      title:
        "the target's <db:result/> key carries 'from' (its domain) and 'to' (the receiving domain), with the prefix its stream header declares",
      requirements: ["XEP0220-2.1.1-1", "XEP0220-2-1"],
      needs: ["s2s-outbound"],
      targetInitiates: true,
      users: ["alice"],
      async run(ctx, { alice }) {
        const out = await keySent(ctx, alice);
        const { from, to } = out.next.attrs;
        const target = ctx.federation.targetDomain;
        if (from !== target || to !== out.domain)
          throw new Violation(
            `the key has from='${from ?? ""}' to='${to ?? ""}', not from='${target}' to='${out.domain}'`,
          );
        if (out.next.getText().trim() === "") throw new Violation("the <db:result/> carries no key");
        const prefix = out.next.name.includes(":") ? out.next.name.split(":")[0] : undefined;
        const declared = prefix !== undefined && out.ps.header?.attrs[`xmlns:${prefix}`] === NS_DIALBACK;
        if (!declared)
          throw new Violation(
            `<${out.next.name}/> does not use a prefix the target's stream header declares for '${NS_DIALBACK}'`,
          );
      },
    },
    {
      id: "xep0220/2.1.1/outbound-queue-until-valid",
      title: "the target sends no stanza on the stream before its key is answered valid, and sends it after",
      requirements: ["XEP0220-2.1.1-4", "RFC6120-4.3.5-2"],
      needs: ["s2s-outbound"],
      targetInitiates: true,
      users: ["alice"],
      async run(ctx, { alice }) {
        const out = await s2sOutbound(ctx, alice, "dialback");
        if (stanzaFirst(out))
          throw new Violation("the target sent its stanza before it asked for authorization");
        ctx.require(isDialbackKey(out.next), `the target sent no dialback key (<${out.next.name}/>)`);
        const early = await out.ps.expect({ name: "message" }, 500).catch(() => undefined);
        if (early) throw new Violation("the target sent its stanza before its key was answered");
        await out.ps.send(result(out, ctx.federation.targetDomain, "valid"));
        await out.ps.expect({ name: "message", id: out.message.attrs.id });
      },
    },
    {
      id: "xep0220/2.1.1/outbound-invalid-bounces",
      title:
        "after <db:result type='invalid'/> the target does not send the queued stanza but returns it to its sender with an error",
      requirements: ["XEP0220-2.1.1-9"],
      needs: ["s2s-outbound"],
      targetInitiates: true,
      users: ["alice"],
      async run(ctx, { alice }) {
        const out = await keySent(ctx, alice);
        // a second attempt for the domain is refused too: the verdict stands
        ctx.federation.listener.policy(out.domain, { behaviour: "refuse", refuseWith: "not-authorized" });
        const bounced = alice.expect({ name: "message", type: "error", id: out.message.attrs.id }, 15_000);
        await out.ps.send(result(out, ctx.federation.targetDomain, "invalid"));
        await out.ps.end(); // "MUST close the XML stream" (§2.2.1): what the receiving server does next
        ctx.reading("I-XEP0220-bounce-condition");
        await bounced;
        const sent = await out.ps.expect({ name: "message" }, 1).catch(() => undefined);
        if (sent) throw new Violation("the target sent its queued stanza after its key came back invalid");
      },
    },
    {
      id: "xep0220/2.5/outbound-error-bounces-timeout",
      title:
        "after a dialback error answers its key, the target returns the queued stanza to its sender with <remote-server-timeout/>",
      requirements: ["XEP0220-2.5-2", "XEP0220-2.1.1-11", "RFC6120-10.4.3-3"],
      needs: ["s2s-outbound"],
      targetInitiates: true,
      users: ["alice"],
      async run(ctx, { alice }) {
        const out = await keySent(ctx, alice);
        ctx.federation.listener.policy(out.domain, {
          behaviour: "refuse",
          refuseWith: "remote-connection-failed",
        });
        const id = out.message.attrs.id;
        const bounced = alice.expect({ name: "message", type: "error", id }, 15_000);
        const error = xml("error", { type: "cancel" }, xml("remote-server-not-found", { xmlns: NS.stanzas }));
        const answer = xml(
          "db:result",
          { "xmlns:db": NS_DIALBACK, from: out.domain, to: ctx.federation.targetDomain, type: "error" },
          error,
        );
        await out.ps.send(answer);
        assertStanzaError(await bounced, ["remote-server-timeout"], id);
      },
    },
  ],
  { generated: true },
);
