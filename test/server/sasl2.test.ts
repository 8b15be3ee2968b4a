// SASL2 on the reference server's connections (harness/server/sasl2.ts, XEP-0388), with XEP-0386 Bind 2 and
// XEP-0198 resumption inline (XEP-0198 §9.2).
import { expect } from "chai";
import { NS_BIND2, NS_SASL2 } from "../../harness/server/sasl2.ts";
import { NS_SM } from "../../harness/server/sm/endpoint.ts";
import { type Element, NS, xml } from "../../harness/xml/element.ts";
import { PASSWORD, type Raw } from "../support/raw-client.ts";
import { newUser, server, tcp, useStubServer } from "../support/stub-server.ts";

function plain(user: string, password = PASSWORD): string {
  return Buffer.from(`\0${user}\0${password}`).toString("base64");
}

function authenticate(user: string, password: string, ...inline: Element[]): Element {
  return xml(
    "authenticate",
    { xmlns: NS_SASL2, mechanism: "PLAIN" },
    xml("initial-response", {}, plain(user, password)),
    ...inline,
  );
}

describe("reference server: SASL2 (XEP-0388)", function () {
  this.timeout(30_000);
  useStubServer();

  async function secured(): Promise<Raw> {
    const c = await tcp();
    await c.open();
    await c.starttls(server.certificate.cert);
    await c.open();
    return c;
  }

  it("offers SASL2 beside SASL, with the same mechanisms and inline <sm/> and Bind 2", async () => {
    const c = await secured();
    const sasl2 = c.features?.getChild("authentication", NS_SASL2);
    const mechs = (el: Element | undefined) => el?.getChildren("mechanism").map((m) => m.getText());
    expect(mechs(sasl2)).to.deep.equal(mechs(c.features?.getChild("mechanisms", NS.sasl)));
    const inline = sasl2?.getChild("inline");
    expect(inline?.getChild("sm", NS_SM)).to.not.equal(undefined);
    expect(inline?.getChild("bind", NS_BIND2)).to.not.equal(undefined);
  });

  it("succeeds without a stream restart: <success/> names the bare JID, then the features follow", async () => {
    const c = await secured();
    const user = newUser(server);
    c.features = undefined; // the features before authentication are read
    c.sendEl(authenticate(user, PASSWORD));
    const success = await c.next();
    expect(success.is("success", NS_SASL2), success.toString()).to.equal(true);
    expect(success.getChildText("authorization-identifier")).to.equal(`${user}@localhost`);
    const features = await c.featuresOrNext();
    expect(features.getChildElements().map((e) => e.name)).to.have.members(["bind", "csi", "sm"]);
  });

  it("fails in its own namespace with RFC 6120's condition, and processes no inline <bind/> then", async () => {
    const c = await secured();
    const user = newUser(server);
    c.sendEl(authenticate(user, "wrong", xml("bind", { xmlns: NS_BIND2 })));
    const failure = await c.next();
    expect(failure.is("failure", NS_SASL2), failure.toString()).to.equal(true);
    expect(failure.getChild("not-authorized", NS.sasl)).to.not.equal(undefined);
    c.sendEl(authenticate(user, PASSWORD, xml("bind", { xmlns: NS_BIND2 }, xml("tag", {}, "t"))));
    const success = await c.next();
    expect(success.getChild("bound", NS_BIND2), success.toString()).to.not.equal(undefined);
    expect(success.getChildText("authorization-identifier")).to.match(new RegExp(`^${user}@localhost/t/`));
  });

  it("closes the stream with <not-authorized/> for a second <authenticate/>", async () => {
    const c = await secured();
    const user = newUser(server);
    c.sendEl(authenticate(user, PASSWORD));
    expect((await c.next()).is("success", NS_SASL2)).to.equal(true);
    await c.featuresOrNext();
    c.sendEl(authenticate(user, PASSWORD));
    expect(await c.streamError()).to.equal("not-authorized");
  });
});
