// RFC 6120 §4, more rows: the minor version (§4.7.5) and the content namespace of what a client is sent (§4.8.3).
import { Violation } from "../../harness/errors.ts";
import { section } from "../../harness/runner/case.ts";
import { NS } from "../../harness/xml/element.ts";
import { clip, markerBarrier, message, ping } from "../helpers.ts";

const uid = () => Math.random().toString(36).slice(2, 10);

export default section("rfc6120", "4", "XML Streams", [
  {
    id: "rfc6120/4.7.5/unknown-minor-version-ignored",
    title:
      "a header offering version 1.1 is answered like 1.0 (the unknown minor version ignored), features follow",
    requirements: ["RFC6120-4.7.5-3"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.connect();
      await s.openStream({ version: "1.1" });
      // §4.7.5: a 1.0 server ignores the higher minor version; one that knows 1.1 may answer 1.1.
      const v = s.header!.attrs.version;
      const features = await s.readFeatures().catch(() => undefined);
      if (s.streamError) throw new Violation(`version 1.1 got a stream error: ${clip(s.streamError)}`);
      if (v !== "1.0" && v !== "1.1")
        throw new Violation(`answered version '${v ?? "(none)"}' to an offer of 1.1`);
      if (!features) throw new Violation("no stream features followed the answer to version 1.1");
    },
  },
  {
    id: "rfc6120/4.8.3/client-gets-jabber-client",
    title:
      "a delivered message and the server's own IQ answer are qualified by 'jabber:client', never 'jabber:server'",
    requirements: ["RFC6120-4.8.3-8", "RFC6120-4.8.3-7"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await Promise.all([
        ctx.login(ctx.accounts[0]),
        ctx.login(ctx.accounts[1], { presence: true }),
      ]);
      const id = `ns-${uid()}`;
      const got = bob.expect((el) => el.attrs.id === id);
      got.catch(() => {});
      await alice.send(message(bob.jid!.toString(), "which namespace?", { id }));
      const delivered = await got;
      const answer = await alice.iq(ping(ctx.domain));
      for (const el of [delivered, answer]) {
        // the namespace as the stream scopes it (the header's default namespace, or one declared on the stanza)
        const ns = el.getNS();
        if (ns === NS.server) {
          throw new Violation(`the server sent a 'jabber:server' stanza to a client: ${clip(el)}`);
        }
        if (ns !== NS.client) {
          throw new Violation(`<${el.name}/> is qualified by '${ns ?? "(none)"}', not 'jabber:client'`);
        }
      }
    },
  },
  {
    id: "rfc6120/4.3.6/bound-jid-is-authenticated-account",
    title:
      "after negotiation the server names the client's JID, whose bare part is the account authenticated as",
    requirements: ["RFC6120-4.3.6-1", "RFC6120-4.3.6-3"],
    accounts: 1,
    async run(ctx) {
      const a = ctx.accounts[0];
      const s = await ctx.login(a);
      const bound = s.jid!;
      // §4.3.6: the bare JID is the authorization identity (here derived from the authentication identity)
      const bare = `${bound.local}@${bound.domain}`;
      if (bare.toLowerCase() !== a.jid.toLowerCase()) {
        throw new Violation(`authenticated as ${a.jid} but bound to ${bound.toString()}`);
      }
    },
  },
  {
    id: "rfc6120/4.9.1.1/server-closes-after-client-stream-error",
    title: "a stream error sent by the client makes the server close the stream (its closing tag)",
    requirements: ["RFC6120-4.9.1.1-2"],
    needs: ["tcp"],
    async run(ctx) {
      const s = await ctx.openSecured();
      await s.send(`<stream:error><undefined-condition xmlns='${NS.streams}'/></stream:error>`);
      // §4.9.1.1: the receiving entity SHALL close the stream as §4.4 says, i.e. with its closing tag
      await s.expectClose();
      if (!s.streamEnded) throw new Violation("the server dropped the connection without closing its stream");
    },
  },
  {
    id: "rfc6120/4.8.4/other-namespace-not-routed",
    title: "a first-level element in another namespace addressed to another user's full JID is not delivered",
    requirements: ["RFC6120-4.8.4-2"],
    accounts: 2,
    async run(ctx) {
      const [alice, bob] = await Promise.all([
        ctx.login(ctx.accounts[0]),
        ctx.login(ctx.accounts[1], { presence: true }),
      ]);
      const id = `other-${uid()}`;
      await alice.send(
        `<thing xmlns='urn:example:xmppspec:${uid()}' to='${bob.jid}' id='${id}'><x/></thing>`,
      );
      // the server may ignore it or close Alice's stream with a stream error (§4.9.3.24); either way, once
      // Alice's stream has moved past it, Bob (who advertised nothing of the kind) must not have it
      const open = await alice.barrier().then(
        () => true,
        () => false,
      );
      if (open) await markerBarrier(alice, bob);
      await bob.expectNothing((el) => el.attrs.id === id, "the element in another namespace was delivered");
    },
  },
  {
    id: "rfc6120/4.3.5/no-features-after-negotiation",
    title:
      "once binding completes negotiation, the server sends no further <stream:features/> (an empty one allowed)",
    requirements: ["RFC6120-4.3.5-1"],
    accounts: 1,
    async run(ctx) {
      const s = await ctx.login(ctx.accounts[0]);
      // the ping's answer proves everything sent after the bind result is in the inbox (§10.1: in order)
      const seen = await s.barrier();
      const extra = seen.find((el) => el.is("features", NS.stream) && el.getChildElements().length > 0);
      if (extra) throw new Violation(`stream features after negotiation completed: ${clip(extra)}`);
    },
  },
]);
