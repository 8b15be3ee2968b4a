// A real client nobody here wrote (@xmpp/client) against the reference server: STARTTLS, SCRAM over SASL2
// (XEP-0388), a message from one account to another.
import { client } from "@xmpp/client";
import { expect } from "chai";
import { ReferenceServer } from "../harness/server/server.ts";
import { xml } from "../harness/xml/element.ts";

describe("@xmpp/client against the reference server", () => {
  let server: ReferenceServer;
  const saved = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  before(async () => {
    server = await ReferenceServer.start();
    server.accounts.create("alice@localhost", "alice-secret");
    server.accounts.create("bob@localhost", "bob-secret");
  });
  after(async () => {
    await server.stop();
    if (saved === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  });

  function connect(username: string, password: string) {
    const c = client({
      service: `xmpp://127.0.0.1:${server.endpoints.tcp.port}`,
      domain: "localhost",
      username,
      password,
    });
    c.on("error", () => {});
    return c;
  }

  it("logs in over STARTTLS with SCRAM (over SASL2) and delivers a message to a second account", async () => {
    // @xmpp/client takes no CA option: trust the generated certificate this way, for this test only
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
    const alice = connect("alice", "alice-secret");
    const bob = connect("bob", "bob-secret");
    const mechanisms: string[] = [];
    const successes: string[] = [];
    for (const c of [alice, bob]) {
      c.on("send", (el) => {
        // RFC 6120 <auth/>, or XEP-0388 <authenticate/> (which @xmpp/client prefers when offered)
        if (el.name === "auth" || el.name === "authenticate")
          mechanisms.push(`${el.name} ${el.attrs.mechanism}`);
      });
      c.on("element", (el) => {
        if (el.name === "success") successes.push(el.name);
      });
    }
    const got = new Promise<string>((resolve) => {
      bob.on("stanza", (st) => {
        if (st.is("message")) resolve(`${st.attrs.from} ${st.getChildText("body")}`);
      });
    });
    await bob.start();
    await bob.send(xml("presence"));
    await alice.start();
    expect(alice.isSecure(), "STARTTLS negotiated").to.equal(true);
    expect(mechanisms).to.deep.equal(["authenticate SCRAM-SHA-1", "authenticate SCRAM-SHA-1"]);
    expect(successes).to.have.length(2);
    await alice.send(xml("message", { to: "bob@localhost", type: "chat" }, xml("body", {}, "hello bob")));
    expect(await got).to.equal(`${alice.jid?.toString()} hello bob`);
    await alice.stop();
    await bob.stop();
  });
});
