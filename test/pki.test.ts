// The harness's CA: a good certificate verifies against it and names its domain; each flaw is refused for
// the reason it stands for; a CA kept in a directory is the same CA on the next run.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { expect } from "chai";
import { CERT_FLAWS, type CertFlaw, type KeyPair, Pki } from "../harness/pki/pki.ts";

/** How a client that trusts `ca` judges `kp` presented for remote.test: OpenSSL's error, or the name check's. */
async function judge(kp: KeyPair, ca: string): Promise<string> {
  const srv = tls.createServer({ ...kp }, (s) => s.end());
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as { port: number };
  try {
    return await new Promise<string>((resolve, reject) => {
      const c = tls.connect(
        { host: "127.0.0.1", port, servername: "remote.test", ca, rejectUnauthorized: false },
        () => {
          const name = tls.checkServerIdentity("remote.test", c.getPeerCertificate());
          resolve(c.authorizationError ? String(c.authorizationError) : name ? "name mismatch" : "ok");
          c.destroy();
        },
      );
      c.on("error", reject);
    });
  } finally {
    srv.close();
  }
}

describe("harness/pki", () => {
  let pki: Pki;
  before(async () => {
    pki = await Pki.create();
  });

  it("a good certificate verifies against the CA and carries the domain as DNS-ID (and xmppAddr when asked)", async () => {
    const { X509Certificate } = await import("node:crypto");
    const kp = await pki.issue("remote.test");
    expect(await judge(kp, pki.caCert)).to.equal("ok");
    expect(new X509Certificate(kp.cert).subjectAltName).to.equal("DNS:remote.test");
    const both = await pki.issue("remote.test", undefined, { xmppAddr: true });
    expect(await judge(both, pki.caCert)).to.equal("ok");
    expect(new X509Certificate(both.cert).subjectAltName).to.equal(
      "DNS:remote.test, othername:XmppAddr:remote.test",
    );
  });

  const refused: Record<Exclude<CertFlaw, "no-san">, string> = {
    expired: "CERT_HAS_EXPIRED",
    "not-yet-valid": "CERT_NOT_YET_VALID",
    "wrong-name": "ERR_TLS_CERT_ALTNAME_INVALID",
    "self-signed": "DEPTH_ZERO_SELF_SIGNED_CERT",
    "untrusted-ca": "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "wrong-eku": "INVALID_PURPOSE",
  };
  for (const flaw of CERT_FLAWS.filter((f): f is keyof typeof refused => f !== "no-san")) {
    it(`a certificate with the flaw '${flaw}' is refused: ${refused[flaw]}`, async () => {
      expect(await judge(await pki.issue("remote.test", flaw), pki.caCert)).to.equal(refused[flaw]);
    });
  }

  it("'no-san' has no subjectAltName at all, only the CN", async () => {
    const x = new (await import("node:crypto")).X509Certificate(
      (await pki.issue("remote.test", "no-san")).cert,
    );
    expect(x.subjectAltName).to.equal(undefined);
    expect(x.subject).to.equal("CN=remote.test");
  });

  it("a CA kept in a directory is loaded again, and certificates it issues verify against the first copy", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "xmppspec-pki-"));
    try {
      const first = await Pki.create({ dir });
      const second = await Pki.create({ dir });
      expect(second.caCert).to.equal(first.caCert);
      expect(await judge(await second.issue("remote.test"), first.caCert)).to.equal("ok");
      expect((await fs.stat(path.join(dir, "ca.key"))).mode & 0o777).to.equal(0o600);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
