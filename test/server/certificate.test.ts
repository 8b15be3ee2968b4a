// The reference server's certificate generator (harness/server/certificate.ts).
import { X509Certificate } from "node:crypto";
import { expect } from "chai";
import { generateCertificate } from "../../harness/server/certificate.ts";

describe("reference server: certificate", () => {
  it("generates an EC P-256 certificate for the names plus 127.0.0.1 and ::1", async () => {
    const { key, cert } = await generateCertificate(["example.test", "conference.example.test", "10.1.2.3"]);
    const x = new X509Certificate(cert);
    expect(x.subject).to.equal("CN=example.test");
    expect(x.subjectAltName).to.equal(
      "DNS:example.test, DNS:conference.example.test, IP Address:10.1.2.3, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1",
    );
    expect(x.publicKey.asymmetricKeyType).to.equal("ec");
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).to.equal("prime256v1");
    expect(x.checkPrivateKey((await import("node:crypto")).createPrivateKey(key))).to.equal(true);
    expect(x.checkHost("example.test")).to.equal("example.test");
    expect(x.checkIP("::1")).to.equal("::1");
    expect(new Date(x.validFrom).getTime()).to.be.below(Date.now());
  });

  it("can make an RSA certificate", async () => {
    const { cert } = await generateCertificate(["example.test"], { keyType: "rsa" });
    const x = new X509Certificate(cert);
    expect(x.publicKey.asymmetricKeyType).to.equal("rsa");
    expect(x.publicKey.asymmetricKeyDetails?.modulusLength).to.equal(2048);
  });
});
