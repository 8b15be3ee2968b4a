// The XEP-0115 §5.1 verification string (suites/kit/caps.ts) against the XEP's own worked examples
// (§5.2 simple, §5.3 complex with an XEP-0128 form), and what changes the hash.
import { expect } from "chai";
import {
  capsString,
  capsVer,
  type Element,
  IANA_HASHES,
  NS,
  readDiscoInfo,
  xml,
} from "../suites/kit/index.ts";

const FEATURES = [
  "http://jabber.org/protocol/caps",
  "http://jabber.org/protocol/disco#info",
  "http://jabber.org/protocol/disco#items",
  "http://jabber.org/protocol/muc",
];

const info = (...children: Element[]) => readDiscoInfo(xml("query", { xmlns: NS.discoInfo }, ...children));
const features = (list: string[]) => list.map((f) => xml("feature", { var: f }));
const field = (name: string, ...values: string[]) =>
  xml("field", { var: name }, ...values.map((v) => xml("value", {}, v)));

// §5.2, features given out of order
const simple = () =>
  info(
    xml("identity", { category: "client", type: "pc", name: "Exodus 0.9.1" }),
    ...features([...FEATURES].reverse()),
  );

// §5.3's result; the XEP's S shows a no-break space in the names, but its ver is the hash of plain spaces
const complex = () =>
  info(
    xml("identity", { "xml:lang": "en", category: "client", name: "Psi 0.11", type: "pc" }),
    xml("identity", { "xml:lang": "el", category: "client", name: "\u03a8 0.11", type: "pc" }),
    ...features(FEATURES),
    xml(
      "x",
      { xmlns: "jabber:x:data", type: "result" },
      field("FORM_TYPE", "urn:xmpp:dataforms:softwareinfo"),
      field("ip_version", "ipv6", "ipv4"),
      field("os", "Mac"),
      field("software_version", "0.11"),
      field("os_version", "10.5.1"),
      field("software", "Psi"),
    ),
  );

describe("kit: XEP-0115 verification string", () => {
  it("reproduces §5.2 (simple generation example)", () => {
    const i = simple();
    expect(capsString(i)).to.equal(
      "client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<" +
        "http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<",
    );
    expect(capsVer(i, "sha-1")).to.equal("QgayPKawpkPSDYmwT/WM94uAlu0=");
  });

  it("reproduces §5.3 (identities by lang, a form with sorted fields and values)", () => {
    const i = complex();
    expect(capsString(i)).to.equal(
      "client/pc/el/\u03a8 0.11<client/pc/en/Psi 0.11<http://jabber.org/protocol/caps<" +
        "http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<" +
        "http://jabber.org/protocol/muc<urn:xmpp:dataforms:softwareinfo<ip_version<ipv4<ipv6<os<Mac<" +
        "os_version<10.5.1<software<Psi<software_version<0.11<",
    );
    expect(capsVer(i, "sha-1")).to.equal("q07IKJEyjvHSyhy//CH0CxmKi8w=");
  });

  it("changes with a feature, and keeps '&lt;' literal (§5.1 note, §9.2)", () => {
    const base = simple();
    const more = info(
      ...base.query.children.filter((c): c is Element => typeof c !== "string"),
      ...features(["urn:xmpp:ping"]),
    );
    expect(capsVer(more, "sha-1")).to.not.equal(capsVer(base, "sha-1"));
    const lt = info(xml("identity", { category: "client", type: "pc", name: "a&lt;b" }));
    expect(capsString(lt)).to.equal("client/pc//a&lt;b<");
  });

  it("names the IANA algorithms and computes the ones node:crypto has", () => {
    expect(capsVer(simple(), "sha-256")).to.match(/^[A-Za-z0-9+/]{43}=$/);
    expect(capsVer(simple(), "sha1")).to.equal(undefined); // not an IANA textual name
    expect(Object.keys(IANA_HASHES)).to.include.members(["sha-1", "sha-256", "md5"]);
  });
});
