// The harness's own CA (RFC 6120 §13.7, XEP-0178): a target is told to trust one CA certificate, and the
// harness issues per-domain certificates from it, good ones and ones flawed on purpose. EC P-256 keys:
// a certificate costs a few milliseconds.
import { webcrypto } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import { subjectAltNameDer } from "./san.ts";

x509.cryptoProvider.set(webcrypto as unknown as webcrypto.Crypto);

const ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY = 86_400_000;

/**
 * What is wrong with a certificate on purpose: each is a reason RFC 6120 §13.7.2 / RFC 6125 gives a peer
 * to refuse it ("no-san" carries the name only as CN, which RFC 6125 §6.4.4 still lets a peer accept).
 */
export type CertFlaw =
  | "expired"
  | "not-yet-valid"
  | "wrong-name"
  | "self-signed"
  | "untrusted-ca"
  | "no-san"
  | "wrong-eku";

export const CERT_FLAWS: readonly CertFlaw[] = [
  "expired",
  "not-yet-valid",
  "wrong-name",
  "self-signed",
  "untrusted-ca",
  "no-san",
  "wrong-eku",
];

export interface IssueOptions {
  /**
   * Also name the domain as an id-on-xmppAddr (RFC 6120 §13.7.1.4). Default: DNS-ID only, the shape of
   * nearly every server certificate in the wild (some servers mishandle an xmppAddr in a peer's).
   */
  xmppAddr?: boolean;
}

/** A PEM certificate and its PEM (PKCS#8) private key. */
export interface KeyPair {
  cert: string;
  key: string;
}

interface Authority {
  cert: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
}

async function newKeys(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
}

async function keyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString("base64").replace(/(.{64})/g, "$1\n")}\n-----END PRIVATE KEY-----\n`.replace(
    "\n\n",
    "\n",
  );
}

async function importKeys(certPem: string, keyPem: string): Promise<Authority> {
  const cert = new x509.X509Certificate(certPem);
  const der = Buffer.from(keyPem.replace(/-----[^-]+-----|\s/g, ""), "base64");
  const privateKey = await webcrypto.subtle.importKey("pkcs8", der, ALG, true, ["sign"]);
  const publicKey = await cert.publicKey.export(ALG, ["verify"], webcrypto as unknown as webcrypto.Crypto);
  return { cert, keys: { privateKey, publicKey } as webcrypto.CryptoKeyPair };
}

async function newAuthority(name: string): Promise<Authority> {
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${name}`,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

export class Pki {
  readonly #ca: Authority;
  /** Lazily made: only the "untrusted-ca" flaw needs it. */
  #stranger: Promise<Authority> | undefined;
  readonly #issued = new Map<string, Promise<KeyPair>>();

  private constructor(ca: Authority) {
    this.#ca = ca;
  }

  /**
   * A new CA, or the one kept in `dir` (ca.crt, ca.key) so a long-running target configured to trust it
   * keeps trusting the harness across runs; a new one is written there when `dir` has none.
   */
  static async create(opts: { dir?: string } = {}): Promise<Pki> {
    if (!opts.dir) return new Pki(await newAuthority("xmppspec test CA"));
    const certFile = path.join(opts.dir, "ca.crt");
    const keyFile = path.join(opts.dir, "ca.key");
    try {
      return new Pki(
        await importKeys(await fs.readFile(certFile, "utf8"), await fs.readFile(keyFile, "utf8")),
      );
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    const ca = await newAuthority("xmppspec test CA");
    await fs.mkdir(opts.dir, { recursive: true });
    await fs.writeFile(keyFile, await keyPem(ca.keys.privateKey), { mode: 0o600 });
    await fs.writeFile(certFile, ca.cert.toString("pem"));
    return new Pki(ca);
  }

  /** The CA certificate (PEM) a target is told to trust. */
  get caCert(): string {
    return `${this.#ca.cert.toString("pem")}\n`;
  }

  /**
   * A certificate for the XMPP domain `domain` (DNS-ID, and xmppAddr if asked; usable as TLS server and client
   * certificate, as XEP-0178 needs), signed by the CA, or flawed on purpose. Cached per (domain, flaw).
   */
  issue(domain: string, flaw?: CertFlaw, o: IssueOptions = {}): Promise<KeyPair> {
    const key = `${domain}|${flaw ?? ""}|${o.xmppAddr === true}`;
    let p = this.#issued.get(key);
    if (!p) {
      p = this.#make(domain.toLowerCase(), flaw, o);
      this.#issued.set(key, p);
    }
    return p;
  }

  async #make(domain: string, flaw: CertFlaw | undefined, o: IssueOptions): Promise<KeyPair> {
    const keys = await newKeys();
    const now = Date.now();
    const name = flaw === "wrong-name" ? `not-${domain}.invalid` : domain;
    let signer: Authority | undefined = this.#ca;
    if (flaw === "untrusted-ca") signer = await (this.#stranger ??= newAuthority("xmppspec stranger CA"));
    if (flaw === "self-signed") signer = undefined;
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(
        flaw === "wrong-eku"
          ? [x509.ExtendedKeyUsage.codeSigning]
          : [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth],
      ),
    ];
    if (flaw !== "no-san") {
      const san = subjectAltNameDer({ dns: [name], xmppAddr: o.xmppAddr ? [name] : [] });
      extensions.push(new x509.Extension("2.5.29.17", false, san));
    }
    const validity =
      flaw === "expired"
        ? { notBefore: new Date(now - 30 * DAY), notAfter: new Date(now - DAY) }
        : flaw === "not-yet-valid"
          ? { notBefore: new Date(now + DAY), notAfter: new Date(now + 30 * DAY) }
          : { notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY) };
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
        .toString("hex")
        .replace(/^[89a-f]/, "1"),
      subject: `CN=${name}`,
      issuer: signer ? signer.cert.subject : `CN=${name}`,
      ...validity,
      signingAlgorithm: ALG,
      publicKey: keys.publicKey,
      signingKey: signer ? signer.keys.privateKey : keys.privateKey,
      extensions,
    });
    return { cert: cert.toString("pem"), key: await keyPem(keys.privateKey) };
  }
}
