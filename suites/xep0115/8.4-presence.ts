// XEP-0115 §8.4 and §7: what the server does with the caps <c/> in a client's presence. It relays it (a
// server may strip repeats, "caps optimization", but then it advertises caps#optimize, its subscribers'
// first presence carries the annotation and every change of 'ver' reaches them).
import { Violation } from "../../harness/errors.ts";
import {
  assertInfoResult,
  type Client,
  clientCaps,
  type Element,
  infoReply,
  NS_CAPS,
  NS_CAPS_OPTIMIZE,
  presence,
  presenceFrom,
  section,
  subscribe,
  uid,
  withSubscriber,
} from "../kit/index.ts";

/** alice's presence with `c` and a fresh status; resolves to what bob gets of it. */
async function relayed(alice: Client, bob: Client, c: Element): Promise<Element> {
  const status = `caps ${uid()}`;
  const got = bob.expect({
    ...presenceFrom(alice.bare),
    where: (el) => el.getChildText("status") === status,
  });
  const p = presence({ status });
  p.append(c);
  await alice.send(p);
  return got;
}

/** The <c/> of a delivered presence, compared with the one sent; a difference is named. */
function capsMismatch(got: Element, sent: Element): string | undefined {
  const c = got.getChild("c", NS_CAPS);
  if (!c) return "the presence arrived without its caps <c/>";
  const diff = ["hash", "node", "ver"].filter((a) => c.attrs[a] !== sent.attrs[a]);
  return diff.length ? `the relayed <c/> differs in ${diff.join(", ")}: ${c.toString()}` : undefined;
}

export default section("xep0115", "8.4", "Caps Optimization", [
  withSubscriber({
    id: "xep0115/8.4/caps-relayed",
    title: "a subscriber gets the caps <c/> of the user's presence broadcast as the user sent it",
    requirements: ["XEP0115-8.4-3"],
    async run(_ctx, { alice, bob }) {
      const { c } = clientCaps();
      const miss = capsMismatch(await relayed(alice, bob, c), c);
      if (miss) throw new Violation(miss);
    },
  }),
  withSubscriber({
    id: "xep0115/8.4/caps-change-relayed",
    title: "when the user's caps 'ver' changes, the subscriber gets the new one",
    requirements: ["XEP0115-8.4-4"],
    async run(_ctx, { alice, bob }) {
      await relayed(alice, bob, clientCaps().c);
      const { c } = clientCaps();
      const miss = capsMismatch(await relayed(alice, bob, c), c);
      if (miss) throw new Violation(`after a change of caps: ${miss}`);
    },
  }),
  {
    id: "xep0115/8.4/first-presence-to-new-subscriber",
    title: "a new subscriber's first presence from the user carries the user's caps",
    requirements: ["XEP0115-8.4-3"],
    users: ["alice:online", "bob:online"],
    async run(ctx, { alice, bob }) {
      const { c } = clientCaps();
      const p = presence({ status: "with caps" });
      p.append(c);
      await ctx.setUp("alice broadcasts presence with caps", async () => {
        await alice.send(p);
        await alice.barrier();
      });
      const first = bob.expect(presenceFrom(alice.bare));
      await ctx.setUp("bob subscribes to alice's presence", () => subscribe(bob, alice, { settle: false }));
      const miss = capsMismatch(await first, c);
      if (miss) throw new Violation(`bob's first presence from alice: ${miss}`);
    },
  },
  withSubscriber({
    id: "xep0115/7/optimization-advertised",
    title: "a server that leaves out a repeated caps <c/> (caps optimization) advertises caps#optimize",
    requirements: ["XEP0115-7-2"],
    async run(ctx, { alice, bob }) {
      const { c } = clientCaps();
      await relayed(alice, bob, c);
      const again = await relayed(alice, bob, c);
      ctx.require(
        !again.getChild("c", NS_CAPS),
        "the server relays repeated caps: no caps optimization to check",
      );
      const info = assertInfoResult(await infoReply(alice, ctx.domain), `disco#info of ${ctx.domain}`);
      if (!info.features.includes(NS_CAPS_OPTIMIZE))
        throw new Violation(`the server stripped a repeated <c/> but does not list ${NS_CAPS_OPTIMIZE}`);
    },
  }),
]);
