// RFC 7622 §3.3 (localpart, the UsernameCaseMapped profile of the PRECIS IdentifierClass) and §3.3.1 (further
// excluded characters): case and width mapping before comparison, the code points refused with <jid-malformed/>
// (§4), and the 1..1023-octet length counted in UTF-8 octets.
import { SaslFailure, Violation } from "../../harness/errors.ts";
import { tryParseJid } from "../../harness/jid.ts";
import type { CaseSpec } from "../../harness/runner/case.ts";
import { section } from "../../harness/runner/case.ts";
import { NS, rosterGet, rosterSet, twoOnline } from "../helpers.ts";
import {
  type BindOutcome,
  bindRequest,
  expectMalformed,
  expectReaches,
  expectWellFormed,
  fullwidth,
  prober,
  uid,
} from "./address-probes.ts";

const PREP = ["RFC7622-3.3-2", "RFC7622-8-4"];
const REFUSED = [...PREP, "RFC7622-4-1"];
const LENGTH = ["RFC7622-3.3-1", "RFC7622-8-3"];

/** §3.3.1 characters a 'to' can carry in the localpart position ('/' and '@' would be read as separators). */
const EXCLUDED: [string, string][] = [
  ['"', "quotation-mark"],
  ["&", "ampersand"],
  ["'", "apostrophe"],
  [":", "colon"],
  ["<", "less-than"],
  [">", "greater-than"],
];

const excluded: CaseSpec[] = EXCLUDED.map(([ch, name]) => ({
  id: `rfc7622/3.3.1/localpart-excludes-${name}`,
  title: `a localpart holding ${ch} (U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}, excluded by §3.3.1) gets <jid-malformed/>`,
  requirements: REFUSED,
  accounts: 1,
  async run(ctx) {
    await expectMalformed(await prober(ctx), `a${uid()}${ch}b@${ctx.domain}`);
  },
}));

/** A localpart with a code point the IdentifierClass refuses (§3.5 Table 2 and RFC 8264 §9). */
function refusedCodePoint(slug: string, what: string, local: (u: string) => string): CaseSpec {
  return {
    id: `rfc7622/3.3/localpart-${slug}-malformed`,
    title: `a localpart holding ${what} gets <jid-malformed/>`,
    requirements: [...REFUSED, "RFC7622-5-1"],
    accounts: 1,
    async run(ctx) {
      await expectMalformed(await prober(ctx), `${local(uid())}@${ctx.domain}`);
    },
  };
}

export default section("rfc7622", "3.3", "Localpart", [
  {
    id: "rfc7622/3.3/localpart-case-mapped",
    title: "a message to BOB@domain (localpart in upper case) reaches bob@domain",
    requirements: [...PREP, "RFC7622-5-1"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await twoOnline(ctx);
      await expectReaches(alice, bob, `${bob.jid!.local.toUpperCase()}@${bob.jid!.domain}`);
    },
  },
  {
    id: "rfc7622/3.3/localpart-width-mapped",
    title: "a message to ｂｏｂ@domain (localpart in fullwidth forms) reaches bob@domain",
    requirements: [...PREP, "RFC7622-5-1"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await twoOnline(ctx);
      await expectReaches(alice, bob, `${fullwidth(bob.jid!.local)}@${bob.jid!.domain}`);
    },
  },
  {
    id: "rfc7622/3.3/roster-jid-compared-prepared",
    title: "roster sets for BOB@domain and then bob@domain leave one roster item, not two",
    requirements: PREP,
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await twoOnline(ctx);
      const bare = bob.jid!.bare().toString();
      await alice.iqResult(rosterSet(`${bob.jid!.local.toUpperCase()}@${bob.jid!.domain}`), "roster set");
      await alice.iqResult(rosterSet(bare, { name: `b${uid()}` }), "roster set");
      const roster = await alice.iqResult(rosterGet(), "roster get");
      const items = roster.getChild("query", NS.roster)?.getChildren("item") ?? [];
      const jids = items.map((i) => i.attrs.jid as string);
      // RFC 7622 §4: the roster 'jid' is a JID slot the server enforces, so both sets name one contact.
      if (jids.length !== 1 || tryParseJid(jids[0])?.toString() !== bare) {
        throw new Violation(
          `the roster holds ${jids.length} items (${jids.join(", ")}), not one for ${bare}`,
        );
      }
    },
  },
  {
    id: "rfc7622/3.3/bound-jid-localpart-prepared",
    title: "authenticating as USER (upper case) binds a JID whose localpart is the prepared 'user'",
    requirements: PREP,
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const typed = { ...a, username: a.username.toUpperCase() };
      let out: BindOutcome;
      try {
        out = await bindRequest(ctx, typed);
      } catch (err) {
        // which SASL usernames are accepted is the mechanism's business (RFC 6120 §6.3.7), not RFC 7622's
        if (err instanceof SaslFailure)
          ctx.skip(`the server refused the username in upper case: <${err.condition}/>`);
        throw err;
      }
      if (out.kind === "error") return ctx.skip("the server refused to bind a resource for this stream");
      // §4: the server enforces the rules in the JIDs it hands out; the bound JID is the prepared one.
      const local = out.jid.slice(0, out.jid.indexOf("@"));
      if (local !== a.username) {
        throw new Violation(
          `the bound JID '${out.jid}' does not carry the prepared localpart '${a.username}'`,
        );
      }
    },
  },
  ...excluded,
  refusedCodePoint("space", "a space (U+0020, §3.5 example 17)", (u) => `foo bar${u}`),
  refusedCodePoint("symbol", "BLACK CHESS KING (U+265A, §3.5 example 21)", (u) => `\u265a${u}`),
  refusedCodePoint(
    "compatibility-character",
    "ROMAN NUMERAL FOUR (U+2163, a compatibility character, §3.5 example 20)",
    (u) => `henry\u2163${u}`,
  ),
  refusedCodePoint("private-use", "a private-use code point (U+E000)", (u) => `a\ue000${u}`),
  refusedCodePoint("unassigned", "an unassigned code point (U+0378)", (u) => `a\u0378${u}`),
  {
    id: "rfc7622/3.3/localpart-1023-octets-well-formed",
    title: "a localpart of exactly 1023 octets is a valid JID: not answered with <jid-malformed/>",
    requirements: LENGTH,
    accounts: 1,
    async run(ctx) {
      const u = uid();
      await expectWellFormed(await prober(ctx), `${u}${"a".repeat(1023 - u.length)}@${ctx.domain}`);
    },
  },
  {
    id: "rfc7622/3.3/localpart-1024-octets-malformed",
    title: "a localpart of 1024 octets gets <jid-malformed/>",
    requirements: [...LENGTH, "RFC7622-4-1"],
    accounts: 1,
    async run(ctx) {
      const u = uid();
      await expectMalformed(await prober(ctx), `${u}${"a".repeat(1024 - u.length)}@${ctx.domain}`);
    },
  },
  {
    id: "rfc7622/3.3/localpart-1024-octets-in-342-characters-malformed",
    title: "a localpart of 342 characters but 1024 UTF-8 octets (341 × U+4E2D and 'a') gets <jid-malformed/>",
    requirements: [...LENGTH, "RFC7622-4-1"],
    accounts: 1,
    async run(ctx) {
      // §3.1 implementation note: the limits count octets, not characters.
      await expectMalformed(await prober(ctx), `${"\u4e2d".repeat(341)}a@${ctx.domain}`);
    },
  },
]);
