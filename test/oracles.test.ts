// The oracles that judge every case (harness/runner/oracles/): isolation and fidelity, each proven both
// ways against the reference server, with and without a fault that leaks or rewrites.
import { expect } from "chai";
import { Violation } from "../harness/errors.ts";
import type { Case } from "../harness/runner/case.ts";
import type { CaseContext } from "../harness/runner/context.ts";
import type { Client } from "../harness/runner/users.ts";
import { xml } from "../harness/xml/element.ts";
import { runSuite } from "./support/run-suite.ts";
import { testCase } from "./support/test-case.ts";

/**
 * alice sends bob a message with an extension child and an xml:lang; bob waits for any message from
 * her, so only the fidelity oracle can tell what arrived from what was sent.
 */
function relay(to: "full" | "bare"): Case {
  return testCase(`test/relay-${to}`, ["alice:online", "bob:online"], async (_ctx, { alice, bob }) => {
    const got = bob.expect({ name: "message", from: alice.full });
    await alice.send(
      xml(
        "message",
        { to: to === "full" ? bob.full : bob.bare, type: "chat", id: `relay-${to}`, "xml:lang": "en" },
        xml("body", {}, "as sent"),
        xml("thing", { xmlns: "urn:example:oracle", n: "1" }, xml("inner", {}, "kept")),
      ),
    );
    await got;
  });
}

/** A point both cases reach before either goes on (so each is online, or has spoken, when the other acts). */
function rendezvous(parties: number): () => Promise<void> {
  let arrived = 0;
  const waiting: (() => void)[] = [];
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      arrived += 1;
      if (arrived === parties) for (const w of waiting.splice(0)) w();
    });
}

/** Two cases at once, each with a pair that talks: presence updates and a message inside the pair. */
function neighbours(): Case[] {
  const online = rendezvous(2);
  const spoken = rendezvous(2);
  const talk = (id: string) =>
    testCase(id, ["alice:online", "bob:online"], async (_ctx: CaseContext, { alice, bob }) => {
      await online();
      await alice.send(xml("presence", {}, xml("status", {}, `${id} is here`)));
      const got = bob.expect({ name: "message", from: alice.full });
      await alice.send(xml("message", { to: bob.full, type: "chat" }, xml("body", {}, "between us")));
      await got;
      await alice.barrier();
      await spoken();
      await Promise.all([alice, bob].map((s: Client) => s.barrier()));
    });
  return [talk("test/left"), talk("test/right")];
}

describe("oracles of every case", function () {
  this.timeout(60_000);

  describe("fidelity", () => {
    const cases = [relay("full"), relay("bare")];

    it("passes a stanza delivered as sent (the server stamps 'from' and adds xml:lang only)", async () => {
      const { results } = await runSuite({ cases, inProcess: true });
      for (const r of results) expect(r.verdict, `${r.id}: ${r.message}`).to.equal("PASS");
    });

    const rewrites: [string, RegExp][] = [
      [
        "chat-delivered-as-normal",
        /'type' 'chat' arrived as 'normal' \(RFC6120-8\.4-13, RFC6121-8\.5\.3\.1-3/,
      ],
      ["message-id-replaced", /'id' 'relay-full' arrived as 'relay-full-relayed'/],
      [
        "strip-unknown-children",
        /the child <thing xmlns="urn:example:oracle" n="1"><inner>kept<\/inner><\/thing> did/,
      ],
      ["strip-xml-lang", /xml:lang 'en' arrived as \(none\) \(RFC6120-8\.1\.5-6, RFC6120-4\.7\.4-10/],
    ];
    for (const [fault, says] of rewrites) {
      it(`fails the case under ${fault}, naming the oracle, the change and the requirements`, async () => {
        const { byId } = await runSuite({ fault: [fault], cases: [cases[0]], inProcess: true });
        const r = byId.get("test/relay-full");
        expect(r?.verdict, r?.message).to.equal("FAIL");
        expect(r?.message).to.match(/^fidelity: bob received the <message id='relay-full(-relayed)?'> /);
        expect(r?.message).to.match(says);
      });
    }

    it("fails a bare 'to' rewritten to the full JID (rewrite-to-full-jid) under RFC 6120 §8.1.1.1", async () => {
      const { byId } = await runSuite({ fault: ["rewrite-to-full-jid"], cases: [cases[1]], inProcess: true });
      const r = byId.get("test/relay-bare");
      expect(r?.verdict, r?.message).to.equal("FAIL");
      expect(r?.message).to.match(
        /^fidelity: .*'to' '[^']+@localhost' arrived as '[^']+@localhost\/[^']+' \(RFC6120-8\.1\.1\.1-3, RFC6121-8\.5\.2\.1\.1-13;/,
      );
    });

    it("skips a stanza the case exempts, with its reason in the transcript", async () => {
      const exempt = testCase("test/exempt", ["alice:online", "bob:online"], async (ctx, users) => {
        ctx.allowAltered("relay-full", "the test says so");
        await relay("full").run(ctx, users);
      });
      const { byId } = await runSuite({
        fault: ["chat-delivered-as-normal"],
        cases: [exempt],
        inProcess: true,
      });
      const r = byId.get("test/exempt");
      expect(r?.verdict, r?.message).to.equal("PASS");
      expect(r?.transcript.some((e) => e.data.includes("'relay-full' may arrive changed: the test says so")))
        .to.be.true;
    });
  });

  describe("isolation", () => {
    it("passes two cases that run side by side without a leak", async () => {
      const { results } = await runSuite({ cases: neighbours(), parallel: 2, inProcess: true });
      for (const r of results) expect(r.verdict, `${r.id}: ${r.message}`).to.equal("PASS");
    });

    for (const [fault, kind, breaks] of [
      ["presence-broadcast-to-everyone", "presence", "RFC6121-11-2, RFC6121-11-3, RFC6120-13.10.2-1"],
      ["leak-message", "message", "RFC6120-10.5.4-2, RFC6121-8.5.3.1-3"],
    ]) {
      it(`fails both cases under ${fault}: each receives the other's ${kind}`, async () => {
        const { results } = await runSuite({
          fault: [fault],
          cases: neighbours(),
          parallel: 2,
          inProcess: true,
        });
        for (const r of results) {
          expect(r.verdict, `${r.id}: ${r.message}`).to.equal("FAIL");
          expect(r.message).to.match(new RegExp(`^isolation: (alice|bob) received <${kind} `));
          expect(r.message).to.include(`an account that is not part of this case (${breaks})`);
        }
      });
    }

    it("leaves a case that failed on its own FAIL with its own message first, the leak added", async () => {
      const [left, right] = neighbours();
      const failing = testCase("test/failing", left.users ?? [], async (ctx, users) => {
        await left.run(ctx, users);
        throw new Violation("the case's own finding");
      });
      const { byId } = await runSuite({
        fault: ["presence-broadcast-to-everyone"],
        cases: [failing, right],
        parallel: 2,
        inProcess: true,
      });
      const r = byId.get("test/failing");
      expect(r?.verdict).to.equal("FAIL");
      expect(r?.message).to.match(/^the case's own finding \(the oracles also found: isolation: /);
    });
  });
});
