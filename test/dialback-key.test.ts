import { expect } from "chai";
import { dialbackKey, dialbackSecret } from "../harness/s2s/dialback-key.ts";

describe("harness/s2s/dialback-key", () => {
  it("matches XEP-0220 §2.1.1's worked example", () => {
    // capulet.example's secret, receiving montague.example, originating capulet.example, stream id D60000229F
    expect(dialbackKey("s3cr3tf0rd14lb4ck", "montague.example", "capulet.example", "D60000229F")).to.equal(
      "b4835385f37fe2895af6c196b59097b16862406db80559900d96bf6fa7d23df3",
    );
  });
  it("differs for another stream id, and secrets differ", () => {
    const s = dialbackSecret();
    expect(dialbackKey(s, "a", "b", "1")).not.to.equal(dialbackKey(s, "a", "b", "2"));
    expect(dialbackSecret()).not.to.equal(s);
  });
});
