// PLAIN (harness/sasl/plain.ts, RFC 4616): the server's failures and the client's message.
import { expect } from "chai";
import { createClient, createServer, SaslError, type ServerOptions } from "../../harness/sasl/index.ts";
import { accounts, b, expectFailure } from "../support/sasl-exchange.ts";

describe("sasl: PLAIN server failures", () => {
  const server = (opts?: ServerOptions) => createServer("PLAIN", accounts({ juliet: "pw" }), opts);
  const cases: [string, Buffer, string][] = [
    ["empty username", b("\0\0pw"), "malformed-request"],
    ["empty password", b("\0juliet\0"), "malformed-request"],
    ["empty response", Buffer.alloc(0), "malformed-request"],
    ["a single NUL", b("juliet\0pw"), "malformed-request"],
    ["no NUL", b("julietpw"), "malformed-request"],
    ["three NULs", b("\0juliet\0pw\0"), "malformed-request"],
    ["NUL inside the password", b("\0juliet\0p\0w"), "malformed-request"],
    ["invalid UTF-8", Buffer.from([0, 0x6a, 0, 0xc3, 0x28]), "malformed-request"],
    ["authcid over 255 octets", b(`\0${"j".repeat(256)}\0pw`), "malformed-request"],
    ["passwd over 255 octets", b(`\0juliet\0${"p".repeat(256)}`), "malformed-request"],
    ["username failing SASLprep", b("\0jul\u0007iet\0pw"), "malformed-request"],
    ["password failing SASLprep", b("\0juliet\0p\u200ew"), "malformed-request"],
    ["wrong password", b("\0juliet\0wrong"), "not-authorized"],
    ["unknown user", b("\0romeo\0pw"), "not-authorized"],
    ["unknown user with a bad authzid", b("other@x\0romeo\0pw"), "not-authorized"],
    ["authzid of another user", b("romeo@example.com\0juliet\0pw"), "invalid-authzid"],
    ["authzid of another domain", b("juliet@example.net\0juliet\0pw"), "invalid-authzid"],
    ["full-JID authzid", b("juliet@example.com/balcony\0juliet\0pw"), "invalid-authzid"],
    ["domain-only authzid", b("example.com\0juliet\0pw"), "invalid-authzid"],
    ["unparsable authzid", b("@@\0juliet\0pw"), "invalid-authzid"],
  ];
  for (const [what, data, condition] of cases) {
    it(`${what} → ${condition}`, () => {
      expectFailure(server({ domain: "example.com" }).start(data), condition);
    });
  }

  it("answers wrong password and unknown user identically", () => {
    expect(server().start(b("\0juliet\0wrong"))).to.deep.equal(server().start(b("\0romeo\0pw")));
  });

  it("accepts an authzid equal to the bare JID", () => {
    const step = server({ domain: "example.com" }).start(b("juliet@example.com\0juliet\0pw"));
    expect(step).to.deep.include({ kind: "success", username: "juliet", authzid: "juliet@example.com" });
  });

  it("refuses a further response after the exchange ended", () => {
    const s = server();
    expect(s.start(b("\0juliet\0pw")).kind).to.equal("success");
    expectFailure(s.respond(b("\0juliet\0pw")), "malformed-request");
  });

  it("acceptAnyPassword accepts a wrong password but not an unknown user", () => {
    expect(server({ acceptAnyPassword: true }).start(b("\0juliet\0wrong")).kind).to.equal("success");
    expectFailure(server({ acceptAnyPassword: true }).start(b("\0romeo\0x")), "not-authorized");
  });
});

describe("sasl: PLAIN client", () => {
  it("builds authzid NUL authcid NUL passwd", () => {
    const c = createClient("PLAIN", { username: "juliet", password: "pw", authzid: "juliet@example.com" });
    expect(c.initial().toString()).to.equal("juliet@example.com\0juliet\0pw");
    expect(createClient("PLAIN", { username: "juliet", password: "pw" }).initial().toString()).to.equal(
      "\0juliet\0pw",
    );
  });

  it("refuses a non-empty challenge and additional data with success", () => {
    const c = createClient("PLAIN", { username: "juliet", password: "pw" });
    expect(() => c.challenge(b("x"))).to.throw(SaslError);
    expect(() => c.success(b("x"))).to.throw(SaslError);
    expect(() => c.success(null)).not.to.throw();
  });
});
