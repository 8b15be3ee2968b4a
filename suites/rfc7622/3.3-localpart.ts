// RFC 7622 §3.3 (localpart, the UsernameCaseMapped profile of the PRECIS IdentifierClass) and §3.3.1 (further
// excluded characters): case and width mapping before comparison, the code points refused with <jid-malformed/>
// (§4), and the 1..1023-octet length counted in UTF-8 octets.

import { SaslFailure, Violation } from "../../harness/errors.ts";
import { tryParseJid } from "../../harness/jid.ts";
import {
  type AddressRow,
  addressCases,
  type BindOutcome,
  bindOutcome,
  fullwidth,
  ofOctets,
  rosterItems,
  rosterSet,
  section,
  uid,
} from "../kit/index.ts";

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

const excluded: AddressRow[] = EXCLUDED.map(([ch, name]) => ({
  id: `rfc7622/3.3/localpart-excludes-${name}`,
  title: `a localpart holding ${ch} (U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}, excluded by §3.3.1) gets <jid-malformed/>`,
  requirements: REFUSED,
  expect: "malformed",
  to: (_, domain) => `a${uid()}${ch}b@${domain}`,
}));

/** Code points the IdentifierClass refuses (§3.5 Table 2 and RFC 8264 §9): slug, what, the localpart. */
const REFUSED_CODE_POINTS: [string, string, (u: string) => string][] = [
  ["space", "a space (U+0020, §3.5 example 17)", (u) => `foo bar${u}`],
  ["symbol", "BLACK CHESS KING (U+265A, §3.5 example 21)", (u) => `\u265a${u}`],
  ["private-use", "a private-use code point (U+E000)", (u) => `a\ue000${u}`],
  ["unassigned", "an unassigned code point (U+0378)", (u) => `a\u0378${u}`],
];

const refusedCodePoints: AddressRow[] = REFUSED_CODE_POINTS.map(([slug, what, local]) => ({
  id: `rfc7622/3.3/localpart-${slug}-malformed`,
  title: `a localpart holding ${what} gets <jid-malformed/>`,
  requirements: [...REFUSED, "RFC7622-5-1"],
  expect: "malformed",
  to: (_, domain) => `${local(uid())}@${domain}`,
}));

/**
 * `local` with its first letter or digit as the MATHEMATICAL BOLD form (U+1D41A.., U+1D7CE..): a
 * compatibility character the IdentifierClass disallows, which NFKC (as stringprep's nodeprep applied)
 * maps back, so a server that skips the PRECIS rules reads the localpart as `local` itself.
 */
function withCompatibilityCharacter(local: string): string {
  const i = local.search(/[a-z0-9]/);
  if (i < 0) return `henry\u2163${local}`; // no letter to stand in for: ROMAN NUMERAL FOUR, §3.5 example 20
  const c = local.charCodeAt(i);
  const bold = c <= 0x39 ? 0x1d7ce + (c - 0x30) : 0x1d41a + (c - 0x61);
  return local.slice(0, i) + String.fromCodePoint(bold) + local.slice(i + 1);
}

export default section("rfc7622", "3.3", "Localpart", [
  ...addressCases([
    {
      id: "rfc7622/3.3/localpart-case-mapped",
      title: "a message to BOB@domain (localpart in upper case) reaches bob@domain",
      requirements: [...PREP, "RFC7622-5-1"],
      expect: "reaches",
      to: (bob) => `${bob.local.toUpperCase()}@${bob.domain}`,
    },
    {
      id: "rfc7622/3.3/localpart-width-mapped",
      title: "a message to ｂｏｂ@domain (localpart in fullwidth forms) reaches bob@domain",
      requirements: [...PREP, "RFC7622-5-1"],
      expect: "reaches",
      to: (bob) => `${fullwidth(bob.local)}@${bob.domain}`,
    },
    ...excluded,
    ...refusedCodePoints,
    {
      id: "rfc7622/3.3/localpart-compatibility-character-malformed",
      title:
        "a message to bob's localpart with a letter as its MATHEMATICAL BOLD form (a compatibility character, §3.5 example 20) is refused, not delivered to bob",
      requirements: [...REFUSED, "RFC7622-5-1"],
      expect: "for-contact",
      to: (bob) => `${withCompatibilityCharacter(bob.local)}@${bob.domain}`,
    },
    {
      id: "rfc7622/3.3/localpart-1023-octets-well-formed",
      title: "a localpart of exactly 1023 octets is a valid JID: not answered with <jid-malformed/>",
      requirements: LENGTH,
      expect: "well-formed",
      to: (_, domain) => `${ofOctets(1023, "a")}@${domain}`,
    },
    {
      id: "rfc7622/3.3/localpart-1024-octets-malformed",
      title: "a localpart of 1024 octets gets <jid-malformed/>",
      requirements: [...LENGTH, "RFC7622-4-1"],
      expect: "malformed",
      to: (_, domain) => `${ofOctets(1024, "a")}@${domain}`,
    },
    {
      id: "rfc7622/3.3/localpart-1024-octets-in-342-characters-malformed",
      title:
        "a localpart of 342 characters but 1024 UTF-8 octets (341 × U+4E2D and 'a') gets <jid-malformed/>",
      requirements: [...LENGTH, "RFC7622-4-1"],
      expect: "malformed",
      // §3.1 implementation note: the limits count octets, not characters.
      to: (_, domain) => `${"\u4e2d".repeat(341)}a@${domain}`,
    },
  ]),
  {
    id: "rfc7622/3.3/roster-jid-compared-prepared",
    title: "roster sets for BOB@domain and then bob@domain leave one roster item, not two",
    requirements: PREP,
    users: ["alice:online", "bob:online"],
    async run(_ctx, { alice, bob }) {
      await alice.iqResult(rosterSet(`${bob.jid.local.toUpperCase()}@${bob.jid.domain}`), "roster set");
      await alice.iqResult(rosterSet(bob.bare, { name: `b${uid()}` }), "roster set");
      const jids = (await rosterItems(alice)).map((i) => i.attrs.jid as string);
      // RFC 7622 §4: the roster 'jid' is a JID slot the server enforces, so both sets name one contact.
      if (jids.length !== 1 || tryParseJid(jids[0])?.toString() !== bob.bare) {
        throw new Violation(
          `the roster holds ${jids.length} items (${jids.join(", ")}), not one for ${bob.bare}`,
        );
      }
    },
  },
  {
    id: "rfc7622/3.3/bound-jid-localpart-prepared",
    title: "authenticating as USER (upper case) binds a JID whose localpart is the prepared 'user'",
    requirements: PREP,
    users: ["alice:account"],
    async run(ctx) {
      const a = ctx.account("alice");
      let out: BindOutcome;
      try {
        out = await bindOutcome(ctx, { ...a, username: a.username.toUpperCase() });
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
]);
