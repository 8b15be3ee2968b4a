// The mechanisms as one set (harness/sasl/index.ts): their list, the factories, and a client against a server
// for every mechanism, SASLprep'd passwords and usernames included.
import { expect } from "chai";
import {
  createClient,
  createServer,
  isMechanismName,
  MECHANISMS,
  type MechanismName,
} from "../../harness/sasl/index.ts";
import { accounts, b, exchange, expectChallenge, expectFailure, SCRAMS } from "../support/sasl-exchange.ts";

describe("sasl: mechanism list", () => {
  it("lists the mechanisms strongest first", () => {
    expect(MECHANISMS).to.deep.equal(["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"]);
    expect(isMechanismName("PLAIN")).to.equal(true);
    expect(isMechanismName("DIGEST-MD5")).to.equal(false);
  });
});

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

describe("sasl: factories", () => {
  it("creates a client and a server for every mechanism", () => {
    for (const name of MECHANISMS as MechanismName[]) {
      expect(createClient(name, { username: "u", password: "p" }).name).to.equal(name);
      expect(createServer(name, () => undefined).name).to.equal(name);
    }
  });
});
