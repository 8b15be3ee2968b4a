// The case kit (suites/kit, harness/runner/users.ts): users set up in their states, should() as WARN,
// matchers as data that name what never arrived, against the embedded reference server.
import { expect } from "chai";
import { describeMatcher } from "../harness/match.ts";
import { buildCases } from "../harness/runner/registry.ts";
import { parseUser } from "../harness/runner/users.ts";
import { presenceFrom, rosterPush, section, subscribe, subscription } from "../suites/kit/index.ts";
import { runSuite } from "./support/run-suite.ts";

const kitCases = buildCases([
  section("rfc6121", "3.1.2", "kit checks", [
    {
      id: "rfc6121/3.1.2/kit-users-and-subscribe",
      title: "users come logged in; subscribe() settles a subscription",
      requirements: ["RFC6121-3.1.2-1"],
      users: ["alice:online", "bob:online", "carol:account"],
      async run(ctx, { alice, bob }) {
        ctx.expect(alice.full.startsWith(`${alice.bare}/`)).to.equal(true);
        ctx.expect(ctx.account("carol").jid).to.match(/@/);
        await subscribe(alice, bob);
      },
    },
    {
      id: "rfc6121/3.1.2/kit-should-warns",
      title: "a should() miss gives WARN and the case goes on",
      requirements: ["RFC6121-3.1.2-1"],
      users: ["alice"],
      async run(ctx, { alice }) {
        ctx.should(false, "a recommendation missed");
        await alice.barrier();
      },
    },
    {
      id: "rfc6121/3.1.2/kit-timeout-names-what",
      title: "a timeout names the presence that never arrived",
      requirements: ["RFC6121-3.1.2-1"],
      users: ["alice", "bob"],
      async run(_ctx, { alice, bob }) {
        await alice.send(subscription("subscribe", bob.bare));
        await alice.expect(presenceFrom(bob.bare, "subscribed"), 300);
      },
    },
    {
      id: "rfc6121/3.1.2/kit-account-user-has-no-session",
      title: "a user declared :account has no session",
      requirements: ["RFC6121-3.1.2-1"],
      users: ["carol:account"],
      async run(_ctx, users) {
        void users.carol;
      },
    },
  ]),
]);

describe("the case kit", () => {
  it("parses user specs and refuses an unknown state in one line", () => {
    expect(parseUser("bob:online")).to.deep.equal({ name: "bob", state: "online" });
    expect(parseUser("alice")).to.deep.equal({ name: "alice", state: "bound" });
    expect(() => parseUser("bob:asleep")).to.throw("user 'bob:asleep' is not name[:");
  });

  it("describes data matchers by what they wait for", () => {
    expect(describeMatcher(presenceFrom("b@x", "subscribe"))).to.equal(
      "<presence type='subscribe' from b@x (any resource)>",
    );
    expect(describeMatcher(presenceFrom("b@x"))).to.equal("<presence with no type from b@x (any resource)>");
    expect(describeMatcher(rosterPush("b@x", ["to", "both"]))).to.equal(
      "<iq type='set' with roster <item jid='b@x' subscription='to|both'/>>",
    );
  });

  it("runs kit cases against the embedded server with the right verdicts", async function () {
    this.timeout(30_000);
    const { byId } = await runSuite({ cases: kitCases, inProcess: true });
    const v = (slug: string) => byId.get(`rfc6121/3.1.2/${slug}`);
    expect(v("kit-users-and-subscribe")?.verdict, v("kit-users-and-subscribe")?.message).to.equal("PASS");
    expect(v("kit-should-warns")?.verdict).to.equal("WARN");
    expect(v("kit-should-warns")?.message).to.equal("a recommendation missed");
    expect(v("kit-timeout-names-what")?.verdict).to.equal("FAIL");
    expect(v("kit-timeout-names-what")?.message).to.include("no <presence type='subscribed' from");
    expect(v("kit-account-user-has-no-session")?.verdict).to.equal("ERROR");
    expect(v("kit-account-user-has-no-session")?.message).to.include('use ctx.account("carol")');
  });
});
