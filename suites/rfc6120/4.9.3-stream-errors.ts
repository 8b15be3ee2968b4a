// RFC 6120 §4.9.3 Defined Stream Error Conditions: the conditions a server uses for an unknown host,
// a forged 'from' and a flood. (Conditions for bad XML are checked with §11, for namespaces with §4.8,
// for stanzas before authentication with §4.3.5.)
import {
  type CaseSpec,
  clientHeaderAttrs,
  expectStreamError,
  nextId,
  rawHeader,
  section,
  stillOpen,
  streamBytesCases,
} from "../kit/index.ts";

const cases: CaseSpec[] = [
  ...streamBytesCases([
    {
      id: "rfc6120/4.9.3/host-unknown",
      title: "a 'to' naming a domain the server does not serve gets <host-unknown/>",
      requirements: ["RFC6120-4.9.1.1-1", "RFC6120-4.9.1.2-1"],
      on: "start",
      bytes: () => rawHeader(clientHeaderAttrs(`unknown-${Date.now()}.invalid`)),
      gradedBy: ["RFC6120-4.9.3.6"],
    },
  ]),
  {
    id: "rfc6120/4.9.3/invalid-from",
    title: "a stanza whose 'from' is not the client's JID gets <invalid-from/> (or is stamped over)",
    requirements: ["RFC6120-8.1.2.1-1", "RFC6120-4.9.1.1-1"],
    users: ["alice", "bob:available"],
    async run(ctx, { alice, bob }) {
      const forged = `forged-${alice.account.username}@${ctx.domain}/x`;
      const id = nextId("spoof");
      await alice.send(
        `<message to='${bob.full}' from='${forged}' id='${id}' type='chat'><body>spoof</body></message>`,
      );
      // §8.1.2.1: the server MUST add or override 'from'; §4.9.3.9 lets it close with <invalid-from/>
      const open = await stillOpen(alice);
      if (!open) {
        await expectStreamError(ctx, alice, ["RFC6120-4.9.3.9"]);
        await bob.expectNothing({ name: "message", id, from: forged }, "the forged 'from' was delivered");
        return;
      }
      const got = await bob.expect({ name: "message", id });
      ctx.expect(got.attrs.from, "'from' of the delivered message").to.equal(alice.full);
    },
  },
];

export default section("rfc6120", "4.9.3", "Defined Stream Error Conditions", cases);
