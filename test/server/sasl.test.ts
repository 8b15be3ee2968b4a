// SASL negotiation on the reference server's connections (harness/server/sasl-step.ts, RFC 6120 §6).
import { expect } from "chai";
import type { MechanismName } from "../../harness/sasl/index.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { headerText, PASSWORD, type Raw, saslCondition } from "../support/raw-client.ts";
import { newUser, server, tcp, until, useStubServer } from "../support/stub-server.ts";

describe("reference server: connection layer", function () {
  this.timeout(30_000);
  useStubServer();

  describe("SASL (RFC 6120 §6)", () => {
    async function secured(): Promise<Raw> {
      const c = await tcp();
      await c.open();
      await c.starttls(server.certificate.cert);
      await c.open();
      return c;
    }

    for (const mechanism of ["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"] as MechanismName[]) {
      it(`authenticates with ${mechanism}, then restarts into fresh features: <bind/> and XEP-0352's <csi/>`, async () => {
        const c = await secured();
        const user = newUser(server);
        const before = c.header!.attrs.id;
        const success = await c.sasl(mechanism, user, PASSWORD);
        expect(success.is("success", NS.sasl)).to.equal(true);
        if (mechanism !== "PLAIN")
          expect(success.getText(), "SCRAM server-final data").to.match(/^[A-Za-z0-9+/=]+$/);
        const h = await c.open();
        expect(h.attrs.id).to.not.equal(before);
        expect(c.features?.getChildElements().map((e) => e.name)).to.deep.equal(["bind", "csi"]);
      });
    }

    it("sends an empty challenge for PLAIN without an initial response", async () => {
      const c = await secured();
      const user = newUser(server);
      c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }));
      const challenge = await c.next();
      expect(challenge.is("challenge", NS.sasl)).to.equal(true);
      expect(challenge.getText()).to.equal("");
      c.sendEl(xml("response", { xmlns: NS.sasl }, Buffer.from(`\0${user}\0${PASSWORD}`).toString("base64")));
      expect((await c.next()).is("success", NS.sasl)).to.equal(true);
    });

    it("takes '=' as an empty initial response", async () => {
      const c = await secured();
      c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "="));
      expect(saslCondition(await c.next())).to.equal("malformed-request");
    });

    it("answers a wrong password with <not-authorized/> and lets the client retry", async () => {
      const c = await secured();
      const user = newUser(server);
      expect(saslCondition(await c.sasl("SCRAM-SHA-1", user, "wrong"))).to.equal("not-authorized");
      expect(saslCondition(await c.sasl("PLAIN", user, "wrong"))).to.equal("not-authorized");
      expect(saslCondition(await c.sasl("PLAIN", "nobody", "wrong"))).to.equal("not-authorized");
      expect((await c.sasl("PLAIN", user, PASSWORD)).is("success", NS.sasl)).to.equal(true);
    });

    it("closes with <policy-violation/> when the client exceeds the retries (§6.4.5)", async () => {
      const c = await secured();
      const user = newUser(server);
      for (let i = 0; i < 4; i++)
        expect(saslCondition(await c.sasl("PLAIN", user, "wrong"))).to.equal("not-authorized");
      c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "AGEAYg=="));
      expect(await c.streamError()).to.equal("policy-violation");
    });

    it("answers <abort/> with <aborted/>", async () => {
      const c = await secured();
      c.sendEl(
        xml(
          "auth",
          { xmlns: NS.sasl, mechanism: "SCRAM-SHA-256" },
          Buffer.from("n,,n=x,r=abc").toString("base64"),
        ),
      );
      expect((await c.next()).is("challenge", NS.sasl)).to.equal(true);
      c.sendEl(xml("abort", { xmlns: NS.sasl }));
      expect(saslCondition(await c.next())).to.equal("aborted");
    });

    const failures: [string, Element, string][] = [
      ["bad base64", xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "AGE!YmM="), "incorrect-encoding"],
      ["an unknown mechanism", xml("auth", { xmlns: NS.sasl, mechanism: "X-UNKNOWN" }), "invalid-mechanism"],
      ["no mechanism", xml("auth", { xmlns: NS.sasl }), "invalid-mechanism"],
      ["a <response/> out of the blue", xml("response", { xmlns: NS.sasl }, "AA=="), "malformed-request"],
    ];
    for (const [what, el, condition] of failures) {
      it(`answers ${what} with <${condition}/>`, async () => {
        const c = await secured();
        c.sendEl(el);
        expect(saslCondition(await c.next())).to.equal(condition);
      });
    }

    it("answers an authzid for another account with <invalid-authzid/>", async () => {
      const c = await secured();
      const user = newUser(server);
      expect(saslCondition(await c.sasl("PLAIN", user, PASSWORD, "someone@localhost"))).to.equal(
        "invalid-authzid",
      );
      expect((await c.sasl("PLAIN", user, PASSWORD, `${user}@localhost`)).is("success", NS.sasl)).to.equal(
        true,
      );
    });

    it("starts over when a new <auth/> arrives mid-handshake (§6.4.2)", async () => {
      const c = await secured();
      const user = newUser(server);
      c.sendEl(
        xml(
          "auth",
          { xmlns: NS.sasl, mechanism: "SCRAM-SHA-1" },
          Buffer.from(`n,,n=${user},r=abc`).toString("base64"),
        ),
      );
      expect((await c.next()).is("challenge", NS.sasl)).to.equal(true);
      expect((await c.sasl("PLAIN", user, PASSWORD)).is("success", NS.sasl)).to.equal(true);
    });

    it("fails SASL when a TLS-protected header's 'from' names another account (§6.4.6)", async () => {
      const user = newUser(server);
      const c = await tcp();
      await c.open();
      await c.starttls(server.certificate.cert);
      await c.open({ from: "someone-else@localhost" });
      expect(saslCondition(await c.sasl("PLAIN", user, PASSWORD))).to.equal("not-authorized");
      const d = await tcp();
      await d.open();
      await d.starttls(server.certificate.cert);
      await d.open({ from: `${user}@localhost` });
      expect((await d.sasl("PLAIN", user, PASSWORD)).is("success", NS.sasl)).to.equal(true);
    });

    it("closes a restarted stream that names another domain with <not-authorized/>", async () => {
      const c = await secured();
      expect((await c.sasl("PLAIN", newUser(server), PASSWORD)).is("success", NS.sasl)).to.equal(true);
      c.send(headerText({ to: "example.test" }));
      expect(await c.streamError()).to.equal("not-authorized");
    });

    it("closes on <auth/> after authentication with <not-authorized/>", async () => {
      const c = await secured();
      await c.authenticate(newUser(server));
      c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "AGEAYg=="));
      expect(await c.streamError()).to.equal("not-authorized");
    });

    it("accepts a pipelined stream header right after <success/>", async () => {
      const c = await secured();
      const user = newUser(server);
      const initial = Buffer.from(`\0${user}\0${PASSWORD}`).toString("base64");
      c.send(`<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${initial}</auth>${headerText()}`);
      expect((await c.next()).is("success", NS.sasl)).to.equal(true);
      await until("features with bind", () => c.features?.getChild("bind", NS.bind) !== undefined);
      expect(c.header?.attrs.from).to.equal("localhost");
    });
  });
});
