import { expect } from "chai";
import {
  createClient,
  createServer,
  decodeBase64Strict,
  encodeBase64,
  isMechanismName,
  MECHANISMS,
  type MechanismName,
  type SaslClient,
  SaslError,
  type SaslServer,
  type ServerOptions,
  type ServerStep,
  type StoredCredentials,
} from "../harness/sasl/index.ts";

const SCRAMS = ["SCRAM-SHA-1", "SCRAM-SHA-256"] as const;
const b = (s: string) => Buffer.from(s, "utf8");
const accounts = (map: Record<string, string>) => (u: string) =>
  u in map ? ({ password: map[u] } as StoredCredentials) : undefined;

/** Drives a client against a server until the server succeeds or fails; returns the last server step. */
function exchange(client: SaslClient, server: SaslServer): ServerStep {
  let step = server.start(client.initial());
  for (let i = 0; i < 5 && step.kind === "challenge"; i++) step = server.respond(client.challenge(step.data));
  if (step.kind === "success") client.success(step.data);
  return step;
}

function expectFailure(step: ServerStep, condition: string): void {
  expect(step.kind, JSON.stringify(step)).to.equal("failure");
  if (step.kind === "failure") expect(step.condition).to.equal(condition);
}

function expectChallenge(step: ServerStep): Buffer {
  expect(step.kind, JSON.stringify(step)).to.equal("challenge");
  return step.kind === "challenge" ? step.data : Buffer.alloc(0);
}

describe("sasl: base64 helpers", () => {
  it("encodes an empty payload as '=' and other payloads canonically", () => {
    expect(encodeBase64(Buffer.alloc(0))).to.equal("=");
    expect(encodeBase64(b("user"))).to.equal("dXNlcg==");
  });

  it("decodes '=' and '' to an empty payload and canonical text to bytes", () => {
    expect(decodeBase64Strict("=")!.length).to.equal(0);
    expect(decodeBase64Strict("")!.length).to.equal(0);
    expect(decodeBase64Strict("dXNlcg==")!.toString()).to.equal("user");
    expect(decodeBase64Strict("biws")!.toString()).to.equal("n,,");
  });

  for (const text of [
    "abc",
    "ab=c",
    "QR==",
    "QUI=x",
    "YW Jj",
    "YWJj\n",
    " YWJj",
    "YW-j",
    "YW_j",
    "====",
    "Y===",
    "==",
  ]) {
    it(`rejects non-canonical ${JSON.stringify(text)}`, () => {
      expect(decodeBase64Strict(text)).to.equal(null);
    });
  }
});

describe("sasl: mechanism list", () => {
  it("lists the mechanisms strongest first", () => {
    expect(MECHANISMS).to.deep.equal(["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"]);
    expect(isMechanismName("PLAIN")).to.equal(true);
    expect(isMechanismName("DIGEST-MD5")).to.equal(false);
  });
});

// The published test vectors: RFC 5802 §5 (SHA-1) and RFC 7677 §3 (SHA-256).
const VECTORS = [
  {
    name: "SCRAM-SHA-1" as const,
    rfc: "RFC 5802 §5",
    clientNonce: "fyko+d2lbbFgONRv9qkxdawL",
    serverNonce: "3rfcNHYJY1ZVvWVs7j",
    salt: "QSXCR+Q6sek8bf92",
    clientFirst: "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
    serverFirst: "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
    clientFinal: "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
    serverFinal: "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=",
  },
  {
    name: "SCRAM-SHA-256" as const,
    rfc: "RFC 7677 §3",
    clientNonce: "rOprNGfwEbeRWgbNEkqO",
    serverNonce: "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
    salt: "W22ZaJ0SNY7soEsUEjb6gQ==",
    clientFirst: "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
    serverFirst: "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
    clientFinal:
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
    serverFinal: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
  },
];

for (const v of VECTORS) {
  describe(`sasl: ${v.name} test vector (${v.rfc})`, () => {
    const serverOpts: ServerOptions = {
      nonce: v.serverNonce,
      salt: () => Buffer.from(v.salt, "base64"),
      iterations: 4096,
    };

    it("client produces the exact client-first and client-final messages and accepts the server-final", () => {
      const client = createClient(v.name, { username: "user", password: "pencil" }, { nonce: v.clientNonce });
      expect(client.name).to.equal(v.name);
      expect(client.initial().toString()).to.equal(v.clientFirst);
      expect(client.challenge(b(v.serverFirst)).toString()).to.equal(v.clientFinal);
      expect(() => client.success(b(v.serverFinal))).not.to.throw();
    });

    it("server produces the exact server-first and server-final messages", () => {
      const server = createServer(v.name, accounts({ user: "pencil" }), serverOpts);
      expect(server.name).to.equal(v.name);
      expect(expectChallenge(server.start(b(v.clientFirst))).toString()).to.equal(v.serverFirst);
      const step = server.respond(b(v.clientFinal));
      expect(step.kind).to.equal("success");
      if (step.kind === "success") {
        expect(step.data!.toString()).to.equal(v.serverFinal);
        expect(step.username).to.equal("user");
        expect(step.authzid).to.equal(undefined);
      }
    });

    it("server refuses the vector's client-final when the stored password differs", () => {
      const server = createServer(v.name, accounts({ user: "pencil2" }), serverOpts);
      expect(expectChallenge(server.start(b(v.clientFirst))).toString()).to.equal(v.serverFirst);
      expectFailure(server.respond(b(v.clientFinal)), "not-authorized");
    });

    it("client detects a forged server signature", () => {
      const client = createClient(v.name, { username: "user", password: "pencil" }, { nonce: v.clientNonce });
      client.initial();
      client.challenge(b(v.serverFirst));
      const forged = Buffer.from(v.serverFinal.slice(2), "base64");
      forged[0] ^= 1;
      expect(() => client.success(b(`v=${forged.toString("base64")}`)))
        .to.throw(SaslError)
        .with.property("message", "server signature mismatch");
    });
  });
}

describe("sasl: client/server round trips", () => {
  // [stored password, password the client types]: equal after SASLprep (RFC 4013).
  const passwords: [string, string][] = [
    ["pencil", "pencil"],
    ["pässwörd", "pässwörd"],
    ["pässwörd", "pa\u0308sswo\u0308rd"], // decomposed umlauts, NFKC-equal
    ["IX", "I\u00adX"], // SOFT HYPHEN is mapped to nothing
    ["IX", "\u2168"], // ROMAN NUMERAL NINE, NFKC to "IX"
    ["a b", "a\u00a0b"], // NO-BREAK SPACE is mapped to SPACE
    ["パスワード", "パスワード"],
  ];
  for (const name of MECHANISMS) {
    for (const [stored, typed] of passwords) {
      it(`${name}: stored ${JSON.stringify(stored)} accepts ${JSON.stringify(typed)}`, () => {
        const client = createClient(name, { username: "juliet", password: typed });
        const step = exchange(client, createServer(name, accounts({ juliet: stored })));
        expect(step.kind, JSON.stringify(step)).to.equal("success");
        if (step.kind === "success") expect(step.username).to.equal("juliet");
      });
    }

    it(`${name}: succeeds with an authzid equal to the bare JID (case-insensitively)`, () => {
      const client = createClient(name, {
        username: "juliet",
        password: "pw",
        authzid: "Juliet@Example.COM",
      });
      const server = createServer(name, accounts({ juliet: "pw" }), { domain: "example.com" });
      const step = exchange(client, server);
      expect(step.kind, JSON.stringify(step)).to.equal("success");
      if (step.kind === "success") expect(step.authzid).to.equal("Juliet@Example.COM");
    });

    it(`${name}: a non-ASCII username reaches the lookup SASLprepped`, () => {
      const seen: string[] = [];
      const lookup = (u: string) => {
        seen.push(u);
        return u === "rené" ? { password: "pw" } : undefined;
      };
      const step = exchange(
        createClient(name, { username: "rene\u0301", password: "pw" }),
        createServer(name, lookup),
      );
      expect(step.kind, JSON.stringify(step)).to.equal("success");
      expect(seen).to.deep.equal(["rené"]);
    });

    it(`${name}: works when <auth/> carries no initial response`, () => {
      const client = createClient(name, { username: "juliet", password: "pw" });
      const server = createServer(name, accounts({ juliet: "pw" }));
      const empty = expectChallenge(server.start(null));
      expect(empty.length).to.equal(0);
      // PLAIN answers the empty challenge itself; SCRAM sends its client-first-message as the response.
      let step = server.respond(name === "PLAIN" ? client.challenge(empty) : client.initial());
      if (step.kind === "challenge") step = server.respond(client.challenge(step.data));
      expect(step.kind, JSON.stringify(step)).to.equal("success");
      if (step.kind === "success") client.success(step.data);
    });
  }

  for (const name of SCRAMS) {
    it(`${name}: escapes ',' and '=' in the username`, () => {
      const client = createClient(name, { username: "a,b=c", password: "pw", authzid: "x=y,z@example.com" });
      expect(client.initial().toString()).to.match(/^n,a=x=3Dy=2Cz@example\.com,n=a=2Cb=3Dc,r=/);
      const seen: string[] = [];
      const lookup = (u: string) => {
        seen.push(u);
        return { password: "pw" };
      };
      const server = createServer(name, lookup);
      const step = server.respond(client.challenge(expectChallenge(server.start(client.initial()))));
      expect(seen).to.deep.equal(["a,b=c"]);
      // The authzid names another account ('a,b=c' is no valid localpart), so it is refused after auth.
      expectFailure(step, "invalid-authzid");
    });

    it(`${name}: accepts the server-final-message sent as a challenge`, () => {
      const client = createClient(name, { username: "juliet", password: "pw" });
      const server = createServer(name, accounts({ juliet: "pw" }));
      const step = server.respond(client.challenge(expectChallenge(server.start(client.initial()))));
      expect(step.kind).to.equal("success");
      if (step.kind !== "success") return;
      expect(client.challenge(step.data!).length).to.equal(0);
      expect(() => client.success(null)).not.to.throw();
    });

    it(`${name}: 'y' GS2 flag is accepted when no -PLUS mechanism is offered`, () => {
      const server = createServer(name, accounts({ juliet: "pw" }));
      expectChallenge(server.start(b("y,,n=juliet,r=abcdef")));
    });

    it(`${name}: uses the configured iteration count`, () => {
      const server = createServer(name, accounts({ juliet: "pw" }), { iterations: 5000 });
      expect(expectChallenge(server.start(b("n,,n=juliet,r=abc"))).toString()).to.match(/,i=5000$/);
    });
  }
});

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

for (const name of SCRAMS) {
  describe(`sasl: ${name} server failures`, () => {
    const server = (opts?: ServerOptions) => createServer(name, accounts({ juliet: "pw" }), opts);

    const badFirst: [string, string][] = [
      ["empty message", ""],
      ["unknown GS2 flag", "x,,n=juliet,r=abc"],
      ["GS2 header without its second comma", "n,n=juliet,r=abc"],
      ["p= flag (channel binding required)", "p=tls-unique,,n=juliet,r=abc"],
      ["p= flag without a name", "p=,,n=juliet,r=abc"],
      ["attributes out of order", "n,,r=abc,n=juliet"],
      ["missing nonce", "n,,n=juliet"],
      ["empty username", "n,,n=,r=abc"],
      ["bad username escape", "n,,n=jul=2Biet,r=abc"],
      ["empty nonce", "n,,n=juliet,r="],
      ["non-printable nonce", "n,,n=juliet,r=ab\u00e9"],
      ["mandatory extension", "n,,m=ext,n=juliet,r=abc"],
      ["malformed extension", "n,,n=juliet,r=abc,xyz"],
      ["empty authzid", "n,a=,n=juliet,r=abc"],
      ["bad authzid escape", "n,a=x=41,n=juliet,r=abc"],
      ["username failing SASLprep", "n,,n=jul\u0007iet,r=abc"],
    ];
    for (const [what, text] of badFirst) {
      it(`client-first: ${what} → malformed-request`, () => {
        expectFailure(server().start(b(text)), "malformed-request");
      });
    }

    it("client-first: invalid UTF-8 → malformed-request", () => {
      expectFailure(server().start(Buffer.from([0x6e, 0x2c, 0x2c, 0xff])), "malformed-request");
    });

    it("iteration count below 4096 is refused at construction", () => {
      expect(() => server({ iterations: 4095 })).to.throw(RangeError);
      expect(() => server({ iterations: 4096 })).not.to.throw();
    });

    it("unknown user is challenged like a known one, then not-authorized", () => {
      const known = expectChallenge(server().start(b("n,,n=juliet,r=abc"))).toString();
      const s = server();
      const unknown = expectChallenge(s.start(b("n,,n=romeo,r=abc"))).toString();
      const shape = (t: string) => t.replace(/[A-Za-z0-9+/=]{4,}/g, "#");
      expect(shape(unknown)).to.equal(shape(known));
      const client = createClient(name, { username: "romeo", password: "pw" }, { nonce: "abc" });
      client.initial();
      expectFailure(s.respond(client.challenge(b(unknown))), "not-authorized");
    });

    it("gives an unknown user a stable salt, as for a real account", () => {
      const salt = (t: string) => /,s=([^,]+),/.exec(t)![1];
      const first = expectChallenge(server().start(b("n,,n=romeo,r=abc"))).toString();
      const second = expectChallenge(server().start(b("n,,n=romeo,r=xyz"))).toString();
      expect(salt(first)).to.equal(salt(second));
    });

    it("wrong password → not-authorized, same as unknown user", () => {
      const step = exchange(createClient(name, { username: "juliet", password: "nope" }), server());
      expect(step).to.deep.equal({ kind: "failure", condition: "not-authorized", text: undefined });
      const unknown = exchange(createClient(name, { username: "romeo", password: "pw" }), server());
      expect(unknown).to.deep.equal(step);
    });

    it("authzid of another user → invalid-authzid (after authentication)", () => {
      const creds = { username: "juliet", password: "pw", authzid: "romeo@example.com" };
      expectFailure(
        exchange(createClient(name, creds), server({ domain: "example.com" })),
        "invalid-authzid",
      );
      const wrong = { ...creds, password: "nope" };
      expectFailure(exchange(createClient(name, wrong), server({ domain: "example.com" })), "not-authorized");
    });

    /** Runs a real client-first, then hands the real client-final to `tamper` before the server sees it. */
    function finalStep(tamper: (clientFinal: string) => string | Buffer): ServerStep {
      const client = createClient(name, { username: "juliet", password: "pw" }, { nonce: "abc" });
      const s = server({ nonce: "XYZ" });
      const clientFinal = client.challenge(expectChallenge(s.start(client.initial()))).toString();
      const out = tamper(clientFinal);
      return s.respond(typeof out === "string" ? b(out) : out);
    }

    it("the untampered client-final succeeds", () => {
      expect(finalStep((t) => t).kind).to.equal("success");
    });

    const badFinal: [string, (t: string) => string | Buffer][] = [
      ["wrong nonce", (t) => t.replace("r=abcXYZ", "r=abcXYQ")],
      ["client nonce only", (t) => t.replace("r=abcXYZ", "r=abc")],
      ["channel binding of another GS2 header", (t) => t.replace("c=biws", "c=eSws")],
      ["channel binding not base64", (t) => t.replace("c=biws", "c=b!ws")],
      ["empty channel binding", (t) => t.replace("c=biws", "c=")],
      ["missing proof", (t) => t.replace(/,p=.*$/, "")],
      ["empty proof", (t) => t.replace(/,p=.*$/, ",p=")],
      ["proof not base64", (t) => t.replace(/,p=.*$/, ",p=***")],
      ["proof of the wrong length", (t) => t.replace(/,p=.*$/, ",p=AAAA")],
      ["attributes out of order", (t) => t.replace(/^c=biws,(r=[^,]+)/, "$1,c=biws")],
      ["malformed extension", (t) => t.replace(/,p=/, ",zz,p=")],
      ["invalid UTF-8", () => Buffer.from([0x63, 0x3d, 0xff])],
    ];
    for (const [what, tamper] of badFinal) {
      it(`client-final: ${what} → malformed-request`, () => {
        expectFailure(finalStep(tamper), "malformed-request");
      });
    }

    it("client-final: a flipped proof bit → not-authorized", () => {
      const step = finalStep((t) => {
        const proof = Buffer.from(t.slice(t.indexOf(",p=") + 3), "base64");
        proof[3] ^= 0x10;
        return `${t.slice(0, t.indexOf(",p="))},p=${proof.toString("base64")}`;
      });
      expectFailure(step, "not-authorized");
    });

    it("refuses a further response after the exchange ended", () => {
      const client = createClient(name, { username: "juliet", password: "pw" });
      const s = server();
      const step = s.respond(client.challenge(expectChallenge(s.start(client.initial()))));
      expect(step.kind).to.equal("success");
      expectFailure(s.respond(b("c=biws")), "malformed-request");
    });

    it("acceptAnyPassword accepts a wrong proof, and the client then sees a signature mismatch", () => {
      const client = createClient(name, { username: "juliet", password: "nope" });
      const s = server({ acceptAnyPassword: true });
      const step = s.respond(client.challenge(expectChallenge(s.start(client.initial()))));
      expect(step.kind).to.equal("success");
      if (step.kind === "success")
        expect(() => client.success(step.data)).to.throw("server signature mismatch");
    });
  });

  describe(`sasl: ${name} client checks`, () => {
    const client = () => {
      const c = createClient(name, { username: "user", password: "pencil" }, { nonce: "cn" });
      c.initial();
      return c;
    };
    const badServerFirst: [string, string][] = [
      ["nonce that does not extend the client's", "r=xxSN,s=QSXCR+Q6sek8bf92,i=4096"],
      ["nonce equal to the client's", "r=cn,s=QSXCR+Q6sek8bf92,i=4096"],
      ["iteration count below 4096", "r=cnSN,s=QSXCR+Q6sek8bf92,i=4095"],
      ["non-numeric iteration count", "r=cnSN,s=QSXCR+Q6sek8bf92,i=4k"],
      ["empty salt", "r=cnSN,s=,i=4096"],
      ["salt not base64", "r=cnSN,s=!!!!,i=4096"],
      ["mandatory extension", "m=x,r=cnSN,s=QSXCR+Q6sek8bf92,i=4096"],
      ["attributes out of order", "s=QSXCR+Q6sek8bf92,r=cnSN,i=4096"],
    ];
    for (const [what, text] of badServerFirst) {
      it(`refuses a server-first-message with ${what}`, () => {
        expect(() => client().challenge(b(text))).to.throw(SaslError);
      });
    }

    it("honours a lower minIterations when asked", () => {
      const c = createClient(name, { username: "u", password: "p" }, { nonce: "cn", minIterations: 1 });
      c.initial();
      expect(() => c.challenge(b("r=cnSN,s=QSXCR+Q6sek8bf92,i=1"))).not.to.throw();
    });

    it("reports a server error attribute and a missing or malformed verifier", () => {
      const ready = () => {
        const c = client();
        c.challenge(b("r=cnSN,s=QSXCR+Q6sek8bf92,i=4096"));
        return c;
      };
      expect(() => ready().success(b("e=invalid-proof"))).to.throw(SaslError, /invalid-proof/);
      expect(() => ready().success(null)).to.throw(SaslError, /server signature missing/);
      expect(() => ready().success(b("v=***"))).to.throw(SaslError);
      expect(() => ready().success(b("x=1"))).to.throw(SaslError);
    });

    it("refuses success before the exchange and a password failing SASLprep", () => {
      expect(() => client().success(b("v=AAAA"))).to.throw(SaslError);
      const c = createClient(name, { username: "u", password: "p\u0007" }, { nonce: "cn" });
      c.initial();
      expect(() => c.challenge(b("r=cnSN,s=QSXCR+Q6sek8bf92,i=4096"))).to.throw(SaslError, /SASLprep/);
    });
  });
}

describe("sasl: factories", () => {
  it("creates a client and a server for every mechanism", () => {
    for (const name of MECHANISMS as MechanismName[]) {
      expect(createClient(name, { username: "u", password: "p" }).name).to.equal(name);
      expect(createServer(name, () => undefined).name).to.equal(name);
    }
  });
});
