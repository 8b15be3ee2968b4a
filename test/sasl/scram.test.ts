// SCRAM-SHA-1 and SCRAM-SHA-256 (harness/sasl/scram-*.ts, RFC 5802, RFC 7677): the published test vectors,
// the server's failures and the client's checks.
import { randomBytes } from "node:crypto";
import { expect } from "chai";
import {
  createClient,
  createServer,
  SaslError,
  type ServerOptions,
  type ServerStep,
} from "../../harness/sasl/index.ts";
import { onDerived } from "../../harness/sasl/scram-crypto.ts";
import { accounts, b, exchange, expectChallenge, expectFailure, SCRAMS } from "../support/sasl-exchange.ts";

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
      // a hostile server's count would keep the client deriving for hours
      ["iteration count above a million", "r=cnSN,s=QSXCR+Q6sek8bf92,i=2000000000"],
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

    it("prepare derives the keys on the thread pool, and challenge then derives nothing", async () => {
      const derived: string[] = [];
      onDerived((key) => derived.push(key));
      try {
        // a salt no other test used, so nothing is cached yet
        const server = createServer(name, accounts({ u: "pw" }), { salt: () => randomBytes(16) });
        const c = createClient(name, { username: "u", password: "pw" });
        const first = expectChallenge(server.start(c.initial()));
        await c.prepare?.(first);
        expect(derived, "prepare").to.have.length(1);
        const step = server.respond(c.challenge(first));
        expect(derived, "challenge after prepare").to.have.length(1);
        expect(step.kind).to.equal("success");
        if (step.kind === "success") c.success(step.data);
      } finally {
        onDerived(undefined);
      }
    });

    it("prepare leaves a server-first-message it would refuse to challenge, deriving nothing", async () => {
      const derived: string[] = [];
      onDerived((key) => derived.push(key));
      try {
        for (const [, text] of badServerFirst) {
          const c = client();
          await c.prepare?.(b(text));
          expect(() => c.challenge(b(text)), text).to.throw(SaslError);
        }
        expect(derived).to.deep.equal([]);
      } finally {
        onDerived(undefined);
      }
    });

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
