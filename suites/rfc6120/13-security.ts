// RFC 6120 §13: security considerations a client can observe — base64 in SASL, presence leaks,
// stanza size floor, unpredictable stream ids.
import { Violation } from "../../harness/errors.ts";
import { isStreamError, stanzaError } from "../../harness/match.ts";
import { section } from "../../harness/runner/case.ts";
import type { Session } from "../../harness/session.ts";
import { nextId } from "../../harness/session.ts";
import { NS, xml } from "../../harness/xml/element.ts";
import { b64, clip } from "../helpers.ts";

/** §13.9.1: right PLAIN credentials in badly formed base64 MUST be rejected (a failure or a closed stream). */
async function plainRejected(s: Session, data: string): Promise<void> {
  await s.send(`<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${data}</auth>`);
  const el = await s
    .expect((e) => e.getNS() === NS.sasl)
    .catch((err) => {
      if (s.streamError) return undefined; // closing the stream rejects it too
      throw err;
    });
  if (el?.name === "success") throw new Violation(`base64 '${data}' was accepted and authenticated`);
  if (el && el.name !== "failure") throw new Violation(`expected <failure/>, got <${el.name}/>`);
}

/**
 * §4.7.3: two ids from a counter differ only in a short run of digits. Strip what the ids share at
 * both ends; if what is left is numbers close together, the next id can be guessed.
 */
function predictable(ids: string[]): boolean {
  let pre = 0;
  while (ids.every((id) => id[pre] !== undefined && id[pre] === ids[0][pre])) pre++;
  let suf = 0;
  const at = (id: string, k: number) => id[id.length - 1 - k];
  while (ids.every((id) => id.length - suf > pre && at(id, suf) === at(ids[0], suf))) suf++;
  const rest = ids.map((id) => id.slice(pre, id.length - suf));
  if (!rest.every((r) => /^[0-9a-fA-F]{0,8}$/.test(r))) return false;
  // a prefix that ends in digits belongs to the counter too
  const digits = /[0-9a-fA-F]*$/.exec(ids[0].slice(0, pre))?.[0] ?? "";
  const nums = rest.map((r) => Number.parseInt(`${digits}${r}` || "0", 16));
  return Math.max(...nums) - Math.min(...nums) < 1000;
}

export default section("rfc6120", "13", "Security Considerations", [
  {
    id: "rfc6120/13.9.1/base64-foreign-character",
    title: "right PLAIN credentials whose base64 carries a character outside the alphabet ('!') are rejected",
    requirements: ["RFC6120-13.9.1-2", "RFC6120-13.9.1-1"],
    needs: ["mechanism:PLAIN"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.openSecured();
      const good = b64(`\0${a.username}\0${a.password}`);
      const cut = Math.floor(good.length / 2);
      await plainRejected(s, `${good.slice(0, cut)}!${good.slice(cut)}`);
    },
  },
  {
    id: "rfc6120/13.9.1/base64-inner-padding",
    title: "right PLAIN credentials followed by '=' and more data (as in 'BBBB=CCC') are rejected",
    requirements: ["RFC6120-13.9.1-3", "RFC6120-13.9.1-1"],
    needs: ["mechanism:PLAIN"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.openSecured();
      const good = b64(`\0${a.username}\0${a.password}`);
      await plainRejected(s, good.endsWith("=") ? `${good}AAAA` : `${good}=AAA`);
    },
  },
  {
    id: "rfc6120/13.10.2/uninvolved-account-learns-nothing",
    title:
      "an account without a subscription receives neither the presence nor the messages exchanged by others",
    requirements: ["RFC6120-13.10.2-1"],
    accounts: 3,
    async run(ctx) {
      const [alice, bob, eve] = await Promise.all(
        ctx.accounts.map((acc) => ctx.login(acc, { roster: true, presence: true })),
      );
      const id = nextId("private");
      const got = bob.expect({ name: "message", id });
      await alice.send(
        xml("message", { to: bob.jid!.toString(), type: "chat", id }, xml("body", {}, "between us")),
      );
      await alice.send(xml("presence", {}, xml("status", {}, "only for my contacts")));
      await got;
      const aliceBare = alice.jid!.bare().toString();
      await eve.expectNothing(
        (el) =>
          (el.name === "presence" || el.name === "message") &&
          (el.attrs.from ?? "").split("/")[0] === aliceBare,
        "an uninvolved account received another account's presence or message",
      );
    },
  },
  {
    id: "rfc6120/13.10.2/same-error-bare-and-full",
    title: "an IQ to a user's bare JID and to a full JID of theirs with no such resource get the same error",
    requirements: ["RFC6120-13.10.2-2"],
    accounts: 2,
    async run(ctx) {
      const [attacker, victim] = await Promise.all([
        ctx.login(ctx.accounts[0]),
        ctx.login(ctx.accounts[1], { presence: true }),
      ]);
      const bare = victim.jid!.bare().toString();
      const ask = (to: string) =>
        attacker.iq(xml("iq", { type: "get", to }, xml("query", { xmlns: "urn:example:probe" })));
      const [toBare, toFull] = [await ask(bare), await ask(`${bare}/${nextId("absent")}`)];
      const describe = (r: typeof toBare) => {
        const e = stanzaError(r);
        return r.attrs.type === "error" ? `<${e?.condition}/> (${e?.type})` : `type='${r.attrs.type}'`;
      };
      if (describe(toBare) !== describe(toFull)) {
        throw new Violation(
          `the bare JID got ${describe(toBare)} but the full JID got ${describe(toFull)}: ${clip(toFull)}`,
        );
      }
    },
  },
  {
    id: "rfc6120/13.12/stanza-of-10000-bytes",
    title: "a message stanza of 10000 bytes (the smallest allowed maximum) is accepted and delivered",
    requirements: ["RFC6120-13.12-9"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await Promise.all([
        ctx.login(ctx.accounts[0]),
        ctx.login(ctx.accounts[1], { presence: true }),
      ]);
      const id = nextId("big");
      const make = (n: number) =>
        xml("message", { to: bob.jid!.toString(), type: "chat", id }, xml("body", {}, "x".repeat(n)));
      // fill to exactly 10000 bytes of markup (§13.12: from the opening '<' to the closing '>')
      const size = make(1).toString().length - 1;
      const stanza = make(10_000 - size);
      ctx.expect(Buffer.byteLength(stanza.toString()), "stanza size").to.equal(10_000);
      const got = bob.expect({ name: "message", id });
      got.catch(() => {});
      // a refusal comes back to the sender: a bounce of this message or a stream error
      const refused = alice.expect(
        (e) => isStreamError(e) || (e.name === "message" && e.attrs.id === id && e.attrs.type === "error"),
      );
      refused.catch(() => {});
      await alice.send(stanza);
      const first = await Promise.race([got.then((el) => ({ el })), refused.then((no) => ({ no }))]);
      if ("no" in first) throw new Violation(`a 10000-byte stanza was refused: ${clip(first.no)}`);
      ctx.expect(first.el.getChildText("body")?.length, "body length").to.equal(10_000 - size);
    },
  },
  {
    id: "rfc6120/13/stream-ids-unpredictable",
    title: "stream ids are not a counter: consecutive streams' ids differ by more than a small number",
    requirements: ["RFC6120-4.7.3-2"],
    async run(ctx) {
      const sessions = [];
      for (let i = 0; i < 3; i++) sessions.push(await ctx.open());
      const ids = sessions.map((s) => s.header!.attrs.id ?? "");
      if (ids.some((id) => id === "")) ctx.skip("the target sends no stream id");
      if (predictable(ids)) throw new Violation(`stream ids look sequential: ${ids.join(", ")}`);
    },
  },
]);
