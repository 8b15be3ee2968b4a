import { expect } from "chai";
import fc from "fast-check";
import {
  Jid,
  JidError,
  parseJid,
  prepareDomain,
  prepareLocalpart,
  prepareResource,
  tryParseJid,
} from "../harness/jid.ts";

function parts(s: string): [string, string, string] {
  const j = parseJid(s);
  return [j.local, j.domain, j.resource];
}

function expectInvalid(s: string, part?: string): void {
  let err: unknown;
  try {
    parseJid(s);
  } catch (e) {
    err = e;
  }
  expect(err, `${JSON.stringify(s)} should be refused`).to.be.instanceOf(JidError);
  if (part) expect((err as JidError).part, (err as Error).message).to.equal(part);
}

describe("jid: RFC 7622 §3.5 Table 1 (legal JIDs)", () => {
  const legal: [number, string, [string, string, string]][] = [
    [1, "juliet@example.com", ["juliet", "example.com", ""]],
    [2, "juliet@example.com/foo", ["juliet", "example.com", "foo"]],
    [3, "juliet@example.com/foo bar", ["juliet", "example.com", "foo bar"]],
    [4, "juliet@example.com/foo@bar", ["juliet", "example.com", "foo@bar"]],
    [5, "foo\\20bar@example.com", ["foo\\20bar", "example.com", ""]],
    [6, "fussball@example.com", ["fussball", "example.com", ""]],
    [7, "fu\u00dfball@example.com", ["fu\u00dfball", "example.com", ""]],
    [8, "\u03c0@example.com", ["\u03c0", "example.com", ""]],
    [9, "\u03a3@example.com/foo", ["\u03c3", "example.com", "foo"]],
    [10, "\u03c3@example.com/foo", ["\u03c3", "example.com", "foo"]],
    [11, "\u03c2@example.com/foo", ["\u03c2", "example.com", "foo"]],
    [12, "king@example.com/\u265a", ["king", "example.com", "\u265a"]],
    [13, "example.com", ["", "example.com", ""]],
    [14, "example.com/foobar", ["", "example.com", "foobar"]],
    [15, "a.example.com/b@example.net", ["", "a.example.com", "b@example.net"]],
  ];
  for (const [n, s, expected] of legal) {
    it(`example ${n}: ${JSON.stringify(s)}`, () => {
      expect(parts(s)).to.deep.equal(expected);
    });
  }

  it("examples 6 and 7 (ss vs ß) are different JIDs", () => {
    expect(parseJid("fussball@example.com").equals(parseJid("fu\u00dfball@example.com"))).to.equal(false);
  });

  it("examples 9 and 10 match; 11 (final sigma) matches neither", () => {
    const [s9, s10, s11] = ["\u03a3", "\u03c3", "\u03c2"].map((l) => parseJid(`${l}@example.com/foo`));
    expect(s9.equals(s10)).to.equal(true);
    expect(s9.equals(s11)).to.equal(false);
    expect(s10.equals(s11)).to.equal(false);
  });
});

describe("jid: RFC 7622 §3.5 Table 2 (not JIDs)", () => {
  const illegal: [number, string, string][] = [
    [16, '"juliet"@example.com', "localpart"],
    [17, "foo bar@example.com", "localpart"],
    [19, "@example.com/", "localpart"],
    [20, "henry\u2163@example.com", "localpart"],
    [21, "\u265a@example.com", "localpart"],
    [22, "juliet@", "domainpart"],
    [23, "/foobar", "domainpart"],
  ];
  for (const [n, s, part] of illegal) {
    it(`example ${n}: ${JSON.stringify(s)} is refused (${part})`, () => {
      expectInvalid(s, part);
    });
  }

  it("example 18 (leading space in the resourcepart) is accepted: OpaqueString allows U+0020 (documented)", () => {
    expect(parts("juliet@example.com/ foo")).to.deep.equal(["juliet", "example.com", " foo"]);
  });
});

describe("jid: splitting at the separators (RFC 7622 §3.1-3.2)", () => {
  it("takes the resourcepart from the first '/' on, keeping later '/' and '@'", () => {
    expect(parts("room@chat.example.com/user@host")).to.deep.equal(["room", "chat.example.com", "user@host"]);
    expect(parts("juliet@example.com/foo/bar")).to.deep.equal(["juliet", "example.com", "foo/bar"]);
    expect(parts("juliet@example.com//@")).to.deep.equal(["juliet", "example.com", "/@"]);
    expect(parts("juliet@example.com/@")).to.deep.equal(["juliet", "example.com", "@"]);
  });

  it("splits the localpart at the first '@', so a second '@' lands in the domainpart", () => {
    expectInvalid("a@b@c", "domainpart");
    expectInvalid("a@b@c/d", "domainpart");
  });

  it("refuses an empty part next to a separator", () => {
    expectInvalid("@invalid", "localpart");
    expectInvalid("juliet@example.com/", "resourcepart");
    expectInvalid("@", "localpart");
    expectInvalid("", "jid");
    expectInvalid("juliet@/foo", "domainpart");
  });

  it("matches separators before mapping: a fullwidth '@' or '/' is not a separator", () => {
    // U+FF20 FULLWIDTH COMMERCIAL AT width-maps to '@', which is then a forbidden localpart character.
    expectInvalid("juliet\uff20evil@example.com", "localpart");
    // U+FF0F FULLWIDTH SOLIDUS in a domain maps to '/', which no label may hold.
    expectInvalid("example.com\uff0fres", "domainpart");
  });
});

describe("jid: localpart (UsernameCaseMapped + RFC 7622 §3.3.1)", () => {
  for (const ch of ['"', "&", "'", "/", ":", "<", ">", "@", " "]) {
    it(`refuses ${JSON.stringify(ch)}`, () => {
      expect(() => prepareLocalpart(`ju${ch}liet`)).to.throw(JidError);
    });
  }

  it("maps case, including non-ASCII", () => {
    expect(prepareLocalpart("JuLiEt")).to.equal("juliet");
    expect(prepareLocalpart("\u00c9LODIE")).to.equal("\u00e9lodie");
    expect(parseJid("Juliet@example.com").equals(parseJid("juliet@example.com"))).to.equal(true);
  });

  it("maps fullwidth and halfwidth forms (width mapping)", () => {
    expect(prepareLocalpart("\uff2a\uff55\uff4c\uff49\uff45\uff54")).to.equal("juliet");
    expect(prepareLocalpart("\uff76\uff85")).to.equal("\u30ab\u30ca"); // halfwidth katakana
  });

  it("normalizes to NFC", () => {
    expect(prepareLocalpart("rene\u0301")).to.equal("ren\u00e9");
  });

  it("refuses compatibility characters, symbols, controls and unassigned code points", () => {
    for (const s of [
      "\ufb01x",
      "x\u2163",
      "\u265a",
      "a\u0007b",
      "a\u00a0b",
      "a\u200bb",
      "a\u{e0001}b",
      "a\u0378b",
    ]) {
      expect(() => prepareLocalpart(s), JSON.stringify(s)).to.throw(JidError);
    }
  });

  it("applies the contextual rules of RFC 5892 Appendix A", () => {
    expect(prepareLocalpart("col\u00b7la")).to.equal("col\u00b7la"); // MIDDLE DOT between two 'l'
    expect(() => prepareLocalpart("co\u00b7lla")).to.throw(JidError);
    expect(prepareLocalpart("\u0915\u094d\u200d\u0937")).to.have.length(4); // ZWJ after a virama
    expect(() => prepareLocalpart("a\u200db")).to.throw(JidError);
    expect(() => prepareLocalpart("\u0661\u06f1")).to.throw(JidError); // mixed Arabic-Indic digit sets
  });

  it("applies the Bidi Rule to right-to-left localparts", () => {
    expect(prepareLocalpart("\u05e9\u05dc\u05d5\u05dd")).to.equal("\u05e9\u05dc\u05d5\u05dd"); // Hebrew
    expect(prepareLocalpart("\u0633\u0644\u0627\u06451")).to.have.length(5); // Arabic then a digit
    expect(() => prepareLocalpart("abc\u05e9")).to.throw(JidError, /bidi/);
    expect(() => prepareLocalpart("\u05e9abc")).to.throw(JidError, /bidi/);
  });

  it("counts the 1023-octet limit in UTF-8 octets", () => {
    expect(prepareLocalpart("a".repeat(1023))).to.have.length(1023);
    expect(() => prepareLocalpart("a".repeat(1024))).to.throw(JidError, /1023 octets/);
    expect(prepareLocalpart(`${"\u03c0".repeat(511)}a`)).to.have.length(512); // 1022 + 1 octets
    expect(() => prepareLocalpart("\u03c0".repeat(512))).to.throw(JidError, /1023 octets/);
    // The limit applies after mapping: 1023 fullwidth letters (3 octets each) become 1023 octets.
    expect(prepareLocalpart("\uff41".repeat(1023))).to.equal("a".repeat(1023));
  });
});

describe("jid: resourcepart (OpaqueString)", () => {
  it("preserves case and width", () => {
    expect(prepareResource("Balcony")).to.equal("Balcony");
    expect(prepareResource("\uff22")).to.equal("\uff22");
    expect(parseJid("juliet@example.com/Foo").equals(parseJid("juliet@example.com/foo"))).to.equal(false);
  });

  it("maps non-ASCII spaces to U+0020 and normalizes to NFC", () => {
    expect(prepareResource("foo\u00a0bar\u3000baz")).to.equal("foo bar baz");
    expect(prepareResource("cafe\u0301")).to.equal("caf\u00e9");
  });

  it("allows symbols, punctuation and compatibility characters (FreeformClass)", () => {
    for (const s of ["\u265a", "henry\u2163", "\ufb01", "a/b@c", "\u00bfqu\u00e9?", " ", "\u{1f600}"]) {
      expect(prepareResource(s), JSON.stringify(s)).to.equal(s);
    }
  });

  it("refuses controls, ignorables and unassigned code points", () => {
    for (const s of [
      "a\u0000b",
      "a\tb",
      "a\u007fb",
      "a\u0085b",
      "a\u200bb",
      "a\ufeffb",
      "a\u0378b",
      "a\ud800b",
    ]) {
      expect(() => prepareResource(s), JSON.stringify(s)).to.throw(JidError);
    }
  });

  it("enforces 1 to 1023 octets", () => {
    expect(prepareResource("r".repeat(1023))).to.have.length(1023);
    expect(() => prepareResource("r".repeat(1024))).to.throw(JidError, /1023 octets/);
    expect(prepareResource("\u265a".repeat(341))).to.have.length(341); // 3 octets each: 1023
    expect(() => prepareResource("\u265a".repeat(342))).to.throw(JidError, /1023 octets/);
    expect(() => prepareResource("")).to.throw(JidError, /empty/);
  });
});

describe("jid: domainpart", () => {
  it("lowercases, width-maps and strips one trailing dot", () => {
    expect(prepareDomain("Example.COM")).to.equal("example.com");
    expect(prepareDomain("\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com")).to.equal("example.com");
    expect(prepareDomain("example.com.")).to.equal("example.com");
    expect(parseJid("juliet@example.com./r").equals(parseJid("juliet@example.com/r"))).to.equal(true);
    expect(() => prepareDomain("example.com..")).to.throw(JidError);
    expect(() => prepareDomain(".")).to.throw(JidError);
  });

  it("maps the ideographic full stop to a label separator", () => {
    expect(prepareDomain("example\u3002com")).to.equal("example.com");
  });

  it("accepts unqualified hostnames, digits and hyphens inside labels", () => {
    for (const d of ["localhost", "a", "my-host.example", "1.example", "a--b.example", "123"]) {
      expect(prepareDomain(d), d).to.equal(d);
    }
  });

  it("refuses labels that are not letters-digits-hyphen or U-labels", () => {
    for (const d of [
      "a_b.example",
      "-a.example",
      "a-.example",
      "ab--c.example",
      "a..b",
      ".a",
      "a b",
      "a@b",
      "\u265a.example",
    ]) {
      expect(() => prepareDomain(d), d).to.throw(JidError);
    }
  });

  it("keeps U-labels and converts A-labels to U-labels", () => {
    expect(prepareDomain("B\u00dcCHER.example")).to.equal("b\u00fccher.example");
    expect(prepareDomain("xn--bcher-kva.example")).to.equal("b\u00fccher.example");
    expect(prepareDomain("XN--BCHER-KVA.example")).to.equal("b\u00fccher.example");
    expect(parseJid("juliet@xn--bcher-kva.example").equals(parseJid("juliet@b\u00fccher.example"))).to.equal(
      true,
    );
    expect(() => prepareDomain("xn--zz.example")).to.throw(JidError, /A-label/);
    expect(() => prepareDomain("\u0301a.example")).to.throw(JidError, /combining/);
  });

  it("accepts IPv4 and bracketed IPv6 literals", () => {
    expect(prepareDomain("127.0.0.1")).to.equal("127.0.0.1");
    expect(prepareDomain("[::1]")).to.equal("[::1]");
    expect(prepareDomain("[FE80::1]")).to.equal("[fe80::1]");
    expect(prepareDomain("[fe80::1%25eth0]")).to.equal("[fe80::1%25eth0]");
    expect(parts("juliet@[::1]/balcony")).to.deep.equal(["juliet", "[::1]", "balcony"]);
    for (const d of ["[::1", "[example.com]", "[127.0.0.1]", "::1", "[::1]x"]) {
      expect(() => prepareDomain(d), d).to.throw(JidError);
    }
  });

  it("enforces the DNS limits (63-octet labels, 253-octet names) under the 1023-octet one", () => {
    const label = (n: number) => "a".repeat(n);
    expect(prepareDomain(`${label(63)}.example`)).to.have.length(71);
    expect(() => prepareDomain(`${label(64)}.example`)).to.throw(JidError, /63/);
    const name253 = [label(63), label(63), label(63), label(61)].join(".");
    expect(prepareDomain(name253)).to.have.length(253);
    expect(() => prepareDomain(`${name253}a`)).to.throw(JidError, /253/);
    expect(() => prepareDomain("a.".repeat(600))).to.throw(JidError, /1023 octets/);
    expect(() => prepareDomain("")).to.throw(JidError, /empty/);
  });
});

describe("jid: Jid object", () => {
  it("prints, compares and derives bare and full JIDs", () => {
    const full = parseJid("Juliet@Example.com/Balcony");
    expect(full.toString()).to.equal("juliet@example.com/Balcony");
    expect(full.isBare).to.equal(false);
    const bare = full.bare();
    expect(bare.toString()).to.equal("juliet@example.com");
    expect(bare.isBare).to.equal(true);
    expect(bare.bare()).to.equal(bare);
    expect(bare.equals(parseJid("juliet@example.com"))).to.equal(true);
    expect(bare.equals(full)).to.equal(false);
    expect(bare.withResource("Orchard").toString()).to.equal("juliet@example.com/Orchard");
    expect(() => bare.withResource("")).to.throw(JidError);
    expect(parseJid("example.com/r").toString()).to.equal("example.com/r");
  });

  it("prepares parts given to the constructor", () => {
    const j = new Jid("JULIET", "EXAMPLE.com.", "r");
    expect(j.toString()).to.equal("juliet@example.com/r");
    expect(new Jid("", "example.com").toString()).to.equal("example.com");
    expect(() => new Jid("a b", "example.com")).to.throw(JidError);
  });

  it("tryParseJid returns null instead of throwing", () => {
    expect(tryParseJid("juliet@")).to.equal(null);
    expect(tryParseJid("juliet@example.com")?.local).to.equal("juliet");
  });

  it("error messages name the part and the reason", () => {
    expect(() => parseJid("ju:liet@example.com")).to.throw(JidError, /^localpart: forbidden character ':'/);
  });

  it("is idempotent: a printed JID parses back to an equal JID (property)", () => {
    const piece = fc.constantFrom(
      "a",
      "B",
      "\u00e9",
      "\u03a3",
      "@",
      "/",
      " ",
      ".",
      "\uff21",
      "\u265a",
      "-",
      "1",
      "\u00a0",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (chars) => {
        const j = tryParseJid(chars.join(""));
        if (j === null) return;
        const again = parseJid(j.toString());
        expect(again.equals(j)).to.equal(true);
        expect(again.toString()).to.equal(j.toString());
      }),
      { numRuns: 500 },
    );
  });
});
