// RFC 7622 §3.4 (resourcepart, the OpaqueString profile of the PRECIS FreeformClass): case is preserved and
// significant, spaces, symbols, '@' and '/' are allowed, NFC and the non-ASCII-space mapping apply, and the
// 1..1023-octet limit holds, both in the bind <resource/> slot and in a 'to'.

import { Violation } from "../../harness/errors.ts";
import { stanzaError } from "../../harness/match.ts";
import {
  addressCases,
  type BindOutcome,
  bindOutcome,
  boundAsRequested,
  type CaseContext,
  type CaseSpec,
  clipAddr,
  expectIqReaches,
  expectNotReaches,
  ofOctets,
  type Row,
  section,
  tableCases,
  uid,
} from "../kit/index.ts";

const PREP = ["RFC7622-3.4-3", "RFC7622-8-6"];
const LENGTH = ["RFC7622-3.4-2", "RFC7622-8-5"];

/** A resource the server must bind as `bindsAs(asked)` (or one of its own), never as one of `wrong(asked)`. */
interface BindRow extends Row {
  asked: (u: string) => string;
  bindsAs: (asked: string) => string;
  wrong?: (asked: string) => string[];
  /** The string only needs mapping, which RFC 7622 §4 encourages (a SHOULD): a refusal is a WARN. */
  refusalIsWarn?: boolean;
}

const bindCases = (rows: BindRow[]): CaseSpec[] =>
  tableCases(rows, {
    users: ["alice:account"],
    async run(row, ctx) {
      const asked = row.asked(uid());
      const out = await bindOutcome(ctx, ctx.account("alice"), asked);
      boundAsRequested(ctx, out, [row.bindsAs(asked)], {
        wrong: row.wrong?.(asked),
        refusalIsWarn: row.refusalIsWarn,
      });
    },
  });

/** Bind a resourcepart RFC 7622 forbids: it is refused or replaced, never bound as asked. */
async function refusesBind(ctx: CaseContext, asked: string, what: string): Promise<BindOutcome> {
  const out = await bindOutcome(ctx, ctx.account("alice"), asked);
  if (out.kind === "bound" && out.resource === asked) {
    throw new Violation(`the server bound ${what}`);
  }
  return out;
}

const same = (asked: string) => asked;

export default section("rfc7622", "3.4", "Resourcepart", [
  ...bindCases([
    {
      id: "rfc7622/3.4/bind-keeps-case",
      title: "binding resource 'Res-…' gives a full JID ending in 'Res-…', not a case-folded 'res-…'",
      requirements: [...PREP, "RFC7622-3.4-1"],
      asked: (u) => `Res-${u}`,
      bindsAs: same,
      wrong: (asked) => [asked.toLowerCase()],
    },
    {
      id: "rfc7622/3.4/bind-freeform-characters",
      title:
        "a resource with spaces, '@', '/' and a symbol ('foo bar@x/y ♚…', §3.5 examples 3, 4, 12) binds as asked",
      requirements: [...PREP, "RFC7622-5-1"],
      asked: (u) => `foo bar@x/y \u265a${u}`,
      bindsAs: same,
    },
    {
      id: "rfc7622/3.4/bind-nfc-normalized",
      title:
        "binding 'cafe\\u0301…' (decomposed é) gives the NFC form 'café…', never the unnormalized string",
      requirements: [...PREP],
      asked: (u) => `cafe\u0301${u}`,
      bindsAs: (asked) => asked.normalize("NFC"),
      wrong: (asked) => [asked],
      refusalIsWarn: true,
    },
    {
      id: "rfc7622/3.4/bind-non-ascii-space-mapped",
      title:
        "binding 'a\\u00A0b…' (NO-BREAK SPACE) gives 'a b…': OpaqueString maps non-ASCII spaces to U+0020",
      requirements: [...PREP],
      asked: (u) => `a\u00a0b${u}`,
      bindsAs: (asked) => asked.replace("\u00a0", " "),
      wrong: (asked) => [asked],
      refusalIsWarn: true,
    },
    {
      id: "rfc7622/3.4/bind-1023-octets",
      title: "a resource of exactly 1023 octets binds as asked",
      requirements: LENGTH,
      asked: () => ofOctets(1023, "r"),
      bindsAs: same,
    },
  ]),
  {
    id: "rfc7622/3.4/resource-case-significant",
    title: "an IQ to user@domain/Res-… reaches the resource 'Res-…'; one to user@domain/res-… does not",
    requirements: [...PREP, "RFC7622-3.4-1"],
    users: ["alice"],
    async run(ctx, { alice }) {
      const want = `Res-${uid()}`;
      // Two resources of one account share presence, so IQs between them are delivered (RFC 6121 §8.5.3.1).
      const res = await ctx.login("alice", { resource: want, label: "res" });
      if (res.jid.resource !== want) ctx.skip(`the server bound '${res.jid.resource}' instead of '${want}'`);
      await expectIqReaches(alice, res, res.full);
      await expectNotReaches(alice, res, `${res.bare}/${want.toLowerCase()}`);
    },
  },
  {
    id: "rfc7622/3.4/slash-and-at-in-resourcepart-routed",
    title:
      "an IQ to user@domain/a/b@c… reaches the resource bound as 'a/b@c…' (the resourcepart is opaque, not a path)",
    requirements: ["RFC7622-3.4-1", "RFC7622-3.4-3"],
    users: ["alice:account"],
    async run(ctx) {
      const want = `a/b@c${uid()}`;
      const out = await bindOutcome(ctx, ctx.account("alice"), want);
      boundAsRequested(ctx, out, [want]);
      if (out.kind !== "bound") return;
      // Another resource of the same account asks (own resources share presence, RFC 6121 §8.5.3.1).
      const asker = await ctx.login("alice");
      await expectIqReaches(asker, out.session, `${ctx.account("alice").jid}/${want}`);
    },
  },
  {
    id: "rfc7622/3.4/bind-private-use-refused",
    title:
      "binding a resource with a private-use code point (U+E000, DISALLOWED) is refused or replaced, never bound",
    requirements: [...PREP, "RFC7622-5-1"],
    users: ["alice:account"],
    async run(ctx) {
      const asked = `x\ue000${uid()}`;
      await refusesBind(ctx, asked, `the resourcepart '${asked}' holding U+E000`);
    },
  },
  {
    id: "rfc7622/3.4/bind-1024-octets-refused",
    title: "a resource of 1024 octets is refused or replaced, never bound",
    requirements: LENGTH,
    users: ["alice:account"],
    async run(ctx) {
      const asked = ofOctets(1024, "r");
      const out = await refusesBind(ctx, asked, `a resourcepart of 1024 octets ('${clipAddr(asked)}')`);
      if (out.kind === "error" && !stanzaError(out.reply)?.condition) {
        throw new Violation("the bind error carries no defined condition");
      }
    },
  },
  ...addressCases([
    {
      id: "rfc7622/3.4/to-private-use-resourcepart-malformed",
      title: "a message to bob@domain/… with U+E000 in the resourcepart is refused, not delivered to bob",
      requirements: [...PREP, "RFC7622-4-1"],
      expect: "for-contact",
      to: (bob) => `${bob.local}@${bob.domain}/x\ue000${uid()}`,
    },
    {
      id: "rfc7622/3.4/to-symbol-resourcepart-well-formed",
      title:
        "bob@domain/♚ (§3.5 example 12: symbols are allowed in resourceparts) is not answered with <jid-malformed/>",
      requirements: [...PREP, "RFC7622-5-1"],
      expect: "well-formed",
      to: (me) => `${me.account.jid}/\u265a${uid()}`,
    },
    {
      id: "rfc7622/3.4/to-resourcepart-1023-octets-well-formed",
      title: "a 'to' with a resourcepart of exactly 1023 octets is not answered with <jid-malformed/>",
      requirements: LENGTH,
      expect: "well-formed",
      to: (me) => `${me.account.jid}/${ofOctets(1023, "r")}`,
    },
    {
      id: "rfc7622/3.4/to-resourcepart-1024-octets-malformed",
      title: "a message to bob@domain/… with a resourcepart of 1024 octets is refused, not delivered to bob",
      requirements: [...LENGTH, "RFC7622-4-1"],
      expect: "for-contact",
      to: (bob) => `${bob.local}@${bob.domain}/${ofOctets(1024, "r")}`,
    },
    {
      id: "rfc7622/3.4/to-resourcepart-1024-octets-in-342-characters-malformed",
      title:
        "a message to bob@domain/… with a resourcepart of 342 characters but 1024 UTF-8 octets is refused, not delivered to bob",
      requirements: [...LENGTH, "RFC7622-4-1"],
      expect: "for-contact",
      to: (bob) => `${bob.local}@${bob.domain}/${"\u4e2d".repeat(341)}a`,
    },
  ]),
]);
