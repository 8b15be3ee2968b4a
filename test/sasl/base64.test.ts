// SASL's base64 (harness/sasl/base64.ts): '=' for an empty payload, canonical text only.
import { expect } from "chai";
import { decodeBase64Strict, encodeBase64 } from "../../harness/sasl/index.ts";
import { b } from "../support/sasl-exchange.ts";

describe("sasl: base64 helpers", () => {
  it("encodes an empty payload as '=' and other payloads canonically", () => {
    expect(encodeBase64(Buffer.alloc(0))).to.equal("=");
    expect(encodeBase64(b("user"))).to.equal("dXNlcg==");
  });

  it("decodes '=' and '' to an empty payload and canonical text to bytes", () => {
    expect(decodeBase64Strict("=")!.length).to.equal(0);
    expect(decodeBase64Strict("")!.length).to.equal(0);
    expect(decodeBase64Strict("dXNlcg==")!.toString()).to.equal("user");
    expect(decodeBase64Strict("biws")!.toString()).to.equal("n,,");
  });

  for (const text of [
    "abc",
    "ab=c",
    "QR==",
    "QUI=x",
    "YW Jj",
    "YWJj\n",
    " YWJj",
    "YW-j",
    "YW_j",
    "====",
    "Y===",
    "==",
  ]) {
    it(`rejects non-canonical ${JSON.stringify(text)}`, () => {
      expect(decodeBase64Strict(text)).to.equal(null);
    });
  }
});
