// XEP-0352 on one client stream of the reference server (harness/server/csi.ts): what it holds back while
// the client is inactive, and when it lets it go.
import { expect } from "chai";
import { ClientState } from "../../harness/server/csi.ts";
import type { FaultName } from "../../harness/server/faults/index.ts";
import { type Element, xml } from "../../harness/xml/element.ts";

function stream(faults: FaultName[] = []) {
  const wire: Element[] = [];
  const fromClient: Element[] = [];
  const csi = new ClientState((n) => faults.includes(n), {
    send: (s) => wire.push(s),
    asFromClient: (s) => fromClient.push(s),
  });
  return { csi, wire, fromClient };
}

const presence = (status: string) => xml("presence", {}, xml("status", {}, status));
const chatState = () =>
  xml("message", { type: "chat" }, xml("composing", { xmlns: "http://jabber.org/protocol/chatstates" }));
const chat = (body: string) => xml("message", { type: "chat" }, xml("body", {}, body));
const names = (els: Element[]) =>
  els.map((e) => e.getChildText("status") ?? e.getChildText("body") ?? e.name);

describe("reference server: XEP-0352 client state indication", () => {
  it("starts active: everything goes out at once", () => {
    const { csi, wire } = stream();
    csi.outbound(presence("p1"));
    csi.outbound(chatState());
    expect(wire).to.have.length(2);
  });

  it("holds presence and chat states while inactive and sends them, in order, before the next important stanza", () => {
    const { csi, wire } = stream();
    expect(csi.indicate("inactive")).to.equal(undefined);
    csi.outbound(presence("p1"));
    csi.outbound(chatState());
    expect(wire).to.have.length(0);
    csi.outbound(chat("hello"));
    expect(names(wire)).to.deep.equal(["p1", "message", "hello"]);
  });

  it("flushes what it held on <active/>, before anything sent afterwards", () => {
    const { csi, wire } = stream();
    csi.indicate("inactive");
    csi.outbound(presence("p1"));
    csi.indicate("active");
    csi.outbound(xml("iq", { type: "result" }));
    expect(names(wire)).to.deep.equal(["p1", "iq"]);
  });

  it("refuses an unknown element in the CSI namespace with <unsupported-stanza-type/>", () => {
    expect(stream().csi.indicate("sleepy")).to.equal("unsupported-stanza-type");
  });

  it("csi-flush-after-pong: the answer after <active/> overtakes what was held", () => {
    const { csi, wire } = stream(["csi-flush-after-pong"]);
    csi.indicate("inactive");
    csi.outbound(presence("p1"));
    csi.indicate("active");
    csi.outbound(xml("iq", { type: "result" }));
    expect(names(wire)).to.deep.equal(["iq", "p1"]);
  });

  it("csi-reveals-state: <inactive/> becomes away presence from the client", () => {
    const { csi, fromClient } = stream(["csi-reveals-state"]);
    csi.indicate("inactive");
    expect(fromClient[0]?.getChildText("show")).to.equal("away");
  });
});
