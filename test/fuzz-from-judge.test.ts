// The fuzzer's judgement of a chat message to bob whose 'from' the client set (RFC 6120 §8.1.2.1):
// stamped and delivered, or, for a 'from' that is no JID, refused with a condition the RFC gives for it.
import { expect } from "chai";
import { judgeClaimedFrom } from "../harness/fuzz/levels/from-judge.ts";
import { OracleFailure } from "../harness/fuzz/types.ts";
import { parseJid } from "../harness/jid.ts";
import type { Session } from "../harness/session.ts";
import { type Element, NS, xml } from "../harness/xml/element.ts";

const TAG = "fz1-test";
const ALICE = { jid: parseJid("alice@example.test/r") } as Session;

function refusal(condition: string): Element {
  return xml(
    "message",
    { type: "error", id: `${TAG}m`, from: "bob@example.test/r" },
    xml("error", { type: "modify" }, xml(condition, { xmlns: NS.stanzas })),
  );
}

/** The oracle that broke, or "pass". */
function judge(claimed: string, atAlice: Element[], atBob: Element[] = []): string {
  try {
    judgeClaimedFrom(claimed, TAG, atAlice, atBob, ALICE);
    return "pass";
  } catch (err) {
    if (err instanceof OracleFailure) return err.oracle;
    throw err;
  }
}

describe("fuzz: a 'from' the client set on a message to bob", () => {
  it("passes a delivery stamped with the sender's full JID, fails one under the claimed 'from'", () => {
    const delivered = (from: string) => xml("message", { from, id: `${TAG}m` }, xml("body", {}, "fuzz"));
    expect(judge("eve@example.test/x", [], [delivered("alice@example.test/r")])).to.equal("pass");
    expect(judge("eve@example.test/x", [], [delivered("eve@example.test/x")])).to.equal("from-stamp");
  });

  it("passes a 'from' that is no JID refused with <jid-malformed/> or <bad-request/>", () => {
    for (const claimed of ["", "ﬀ@example.test:5222/", "a@b@c"]) {
      expect(judge(claimed, [refusal("jid-malformed")]), claimed).to.equal("pass");
      expect(judge(claimed, [refusal("bad-request")]), claimed).to.equal("pass");
    }
  });

  it("fails a well-formed claimed 'from' refused, whatever the condition, and any other refusal or none", () => {
    expect(judge("eve@example.test/x", [refusal("bad-request")])).to.equal("from-stamp");
    expect(judge("eve@example.test/x", [refusal("jid-malformed")])).to.equal("from-stamp");
    expect(judge("a@b@c", [refusal("forbidden")])).to.equal("from-stamp");
    expect(judge("a@b@c", [])).to.equal("from-stamp");
  });
});
