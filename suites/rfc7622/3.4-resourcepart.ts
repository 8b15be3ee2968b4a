// RFC 7622 §3.4 (resourcepart, the OpaqueString profile of the PRECIS FreeformClass): case is preserved and
// significant, spaces, symbols, '@' and '/' are allowed, NFC and the non-ASCII-space mapping apply, and the
// 1..1023-octet limit holds, both in the bind <resource/> slot and in a 'to'.
import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import { section } from "../../harness/runner/case.ts";
import {
  bindRequest,
  boundAsRequested,
  clipAddr,
  expectIqReaches,
  expectMalformed,
  expectNotReaches,
  expectWellFormed,
  prober,
  uid,
} from "./address-probes.ts";

const PREP = ["RFC7622-3.4-3", "RFC7622-8-6"];
const LENGTH = ["RFC7622-3.4-2", "RFC7622-8-5"];

export default section("rfc7622", "3.4", "Resourcepart", [
  {
    id: "rfc7622/3.4/bind-keeps-case",
    title: "binding resource 'Res-…' gives a full JID ending in 'Res-…', not a case-folded 'res-…'",
    requirements: [...PREP, "RFC7622-3.4-1"],
    accounts: 1,
    async run(ctx) {
      const want = `Res-${uid()}`;
      const out = await bindRequest(ctx, ctx.accounts[0], want);
      boundAsRequested(ctx, out, [want], { wrong: [want.toLowerCase()] });
    },
  },
  {
    id: "rfc7622/3.4/resource-case-significant",
    title: "an IQ to user@domain/Res-… reaches the resource 'Res-…'; one to user@domain/res-… does not",
    requirements: [...PREP, "RFC7622-3.4-1"],
    accounts: 1,
    async run(ctx) {
      const want = `Res-${uid()}`;
      // Two resources of one account share presence, so IQs between them are delivered (RFC 6121 §8.5.3.1).
      const alice = await prober(ctx);
      const bob = await ctx.login(ctx.accounts[0], { resource: want, label: "res" });
      if (bob.jid!.resource !== want)
        ctx.skip(`the server bound '${bob.jid!.resource}' instead of '${want}'`);
      await expectIqReaches(alice, bob, bob.jid!.toString());
      await expectNotReaches(alice, bob, `${bob.jid!.bare()}/${want.toLowerCase()}`);
    },
  },
  {
    id: "rfc7622/3.4/bind-freeform-characters",
    title:
      "a resource with spaces, '@', '/' and a symbol ('foo bar@x/y ♚…', §3.5 examples 3, 4, 12) binds as asked",
    requirements: [...PREP, "RFC7622-5-1"],
    accounts: 1,
    async run(ctx) {
      const want = `foo bar@x/y \u265a${uid()}`;
      boundAsRequested(ctx, await bindRequest(ctx, ctx.accounts[0], want), [want]);
    },
  },
  {
    id: "rfc7622/3.4/slash-and-at-in-resourcepart-routed",
    title:
      "an IQ to user@domain/a/b@c… reaches the resource bound as 'a/b@c…' (the resourcepart is opaque, not a path)",
    requirements: ["RFC7622-3.4-1", "RFC7622-3.4-3"],
    accounts: 1,
    async run(ctx) {
      const want = `a/b@c${uid()}`;
      const out = await bindRequest(ctx, ctx.accounts[0], want);
      boundAsRequested(ctx, out, [want]);
      if (out.kind !== "bound") return;
      // Another resource of the same account asks (own resources share presence, RFC 6121 §8.5.3.1).
      await expectIqReaches(await prober(ctx), out.session, `${ctx.accounts[0].jid}/${want}`);
    },
  },
  {
    id: "rfc7622/3.4/bind-nfc-normalized",
    title: "binding 'cafe\\u0301…' (decomposed é) gives the NFC form 'café…', never the unnormalized string",
    requirements: [...PREP],
    accounts: 1,
    async run(ctx) {
      const u = uid();
      const raw = `cafe\u0301${u}`;
      const out = await bindRequest(ctx, ctx.accounts[0], raw);
      boundAsRequested(ctx, out, [raw.normalize("NFC")], { wrong: [raw], refusalIsWarn: true });
    },
  },
  {
    id: "rfc7622/3.4/bind-non-ascii-space-mapped",
    title: "binding 'a\\u00A0b…' (NO-BREAK SPACE) gives 'a b…': OpaqueString maps non-ASCII spaces to U+0020",
    requirements: [...PREP],
    accounts: 1,
    async run(ctx) {
      const u = uid();
      const raw = `a\u00a0b${u}`;
      const out = await bindRequest(ctx, ctx.accounts[0], raw);
      boundAsRequested(ctx, out, [`a b${u}`], { wrong: [raw], refusalIsWarn: true });
    },
  },
  {
    id: "rfc7622/3.4/bind-private-use-refused",
    title:
      "binding a resource with a private-use code point (U+E000, DISALLOWED) is refused or replaced, never bound",
    requirements: [...PREP, "RFC7622-5-1"],
    accounts: 1,
    async run(ctx) {
      const raw = `x\ue000${uid()}`;
      const out = await bindRequest(ctx, ctx.accounts[0], raw);
      if (out.kind === "bound" && out.resource === raw) {
        throw new Violation(`the server bound the resourcepart '${raw}' holding U+E000`);
      }
    },
  },
  {
    id: "rfc7622/3.4/to-private-use-resourcepart-malformed",
    title: "a 'to' whose resourcepart holds U+E000 gets <jid-malformed/>",
    requirements: [...PREP, "RFC7622-4-1"],
    accounts: 1,
    async run(ctx) {
      await expectMalformed(await prober(ctx), `${ctx.accounts[0].jid}/x\ue000${uid()}`);
    },
  },
  {
    id: "rfc7622/3.4/to-symbol-resourcepart-well-formed",
    title:
      "bob@domain/♚ (§3.5 example 12: symbols are allowed in resourceparts) is not answered with <jid-malformed/>",
    requirements: [...PREP, "RFC7622-5-1"],
    accounts: 1,
    async run(ctx) {
      await expectWellFormed(await prober(ctx), `${ctx.accounts[0].jid}/\u265a${uid()}`);
    },
  },
  {
    id: "rfc7622/3.4/bind-1023-octets",
    title: "a resource of exactly 1023 octets binds as asked",
    requirements: LENGTH,
    accounts: 1,
    async run(ctx) {
      const u = uid();
      const want = `${u}${"r".repeat(1023 - u.length)}`;
      boundAsRequested(ctx, await bindRequest(ctx, ctx.accounts[0], want), [want]);
    },
  },
  {
    id: "rfc7622/3.4/bind-1024-octets-refused",
    title: "a resource of 1024 octets is refused or replaced, never bound",
    requirements: LENGTH,
    accounts: 1,
    async run(ctx) {
      const u = uid();
      const raw = `${u}${"r".repeat(1024 - u.length)}`;
      const out = await bindRequest(ctx, ctx.accounts[0], raw);
      if (out.kind === "bound" && out.resource === raw) {
        throw new Violation(`the server bound a resourcepart of 1024 octets ('${clipAddr(raw)}')`);
      }
      if (out.kind === "error" && !stanzaError(out.reply)?.condition) {
        throw new Violation("the bind error carries no defined condition");
      }
    },
  },
  {
    id: "rfc7622/3.4/to-resourcepart-1023-octets-well-formed",
    title: "a 'to' with a resourcepart of exactly 1023 octets is not answered with <jid-malformed/>",
    requirements: LENGTH,
    accounts: 1,
    async run(ctx) {
      const u = uid();
      await expectWellFormed(await prober(ctx), `${ctx.accounts[0].jid}/${u}${"r".repeat(1023 - u.length)}`);
    },
  },
  {
    id: "rfc7622/3.4/to-resourcepart-1024-octets-malformed",
    title: "a 'to' with a resourcepart of 1024 octets gets <jid-malformed/>",
    requirements: [...LENGTH, "RFC7622-4-1"],
    accounts: 1,
    async run(ctx) {
      const u = uid();
      await expectMalformed(await prober(ctx), `${ctx.accounts[0].jid}/${u}${"r".repeat(1024 - u.length)}`);
    },
  },
  {
    id: "rfc7622/3.4/to-resourcepart-1024-octets-in-342-characters-malformed",
    title: "a 'to' with a resourcepart of 342 characters but 1024 UTF-8 octets gets <jid-malformed/>",
    requirements: [...LENGTH, "RFC7622-4-1"],
    accounts: 1,
    async run(ctx) {
      await expectMalformed(await prober(ctx), `${ctx.accounts[0].jid}/${"\u4e2d".repeat(341)}a`);
    },
  },
]);
