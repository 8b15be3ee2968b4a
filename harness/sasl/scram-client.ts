// SCRAM client (RFC 5802 §5): n,, GS2 header (no channel binding), verifies the server signature.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { decodeUtf8, prepQuery, prepStored } from "./prep.ts";
import {
  clientProof,
  deriveKeys,
  prederiveKeys,
  SCRAM_HASH,
  type ScramMechanism,
  serverSignature,
} from "./scram-crypto.ts";
import { escapeSaslname, parseServerFinal, parseServerFirst, RE_NONCE } from "./scram-messages.ts";
import { type ClientCredentials, type ClientOptions, type SaslClient, SaslError } from "./types.ts";

const DEFAULT_MIN_ITERATIONS = 4096;
/**
 * Above this the client refuses: a hostile server's i=2000000000 (Node's PBKDF2 takes up to 2^31-1) would
 * keep the run's thread busy for a quarter of an hour. Real deployments use 4,096 to a few hundred thousand;
 * a million costs about a second.
 */
const MAX_ITERATIONS = 1_000_000;

export class ScramClient implements SaslClient {
  private state: "initial" | "first-sent" | "final-sent" | "verified" = "initial";
  private readonly nonce: string;
  private readonly gs2Header: string;
  private clientFirstBare = "";
  private expectedSignature: Buffer | null = null;

  constructor(
    readonly name: ScramMechanism,
    private readonly creds: ClientCredentials,
    private readonly opts: ClientOptions = {},
  ) {
    this.nonce = opts.nonce ?? randomBytes(18).toString("base64");
    if (!RE_NONCE.test(this.nonce)) throw new RangeError("SCRAM nonce must be printable ASCII without ','");
    const authzid = creds.authzid ? `a=${escapeSaslname(creds.authzid)}` : "";
    this.gs2Header = `n,${authzid},`;
  }

  initial(): Buffer {
    // RFC 5802 §5.1: the username is prepared as a query string.
    const username = prepQuery(this.creds.username);
    if (!username) throw new SaslError("username fails SASLprep");
    this.clientFirstBare = `n=${escapeSaslname(username)},r=${this.nonce}`;
    this.state = "first-sent";
    return Buffer.from(this.gs2Header + this.clientFirstBare, "utf8");
  }

  challenge(data: Buffer): Buffer {
    if (this.state === "first-sent") return this.clientFinal(data);
    if (this.state === "final-sent") {
      // Some servers send server-final-message as a challenge; the answer is an empty response.
      this.verify(data);
      return Buffer.alloc(0);
    }
    throw new SaslError(`unexpected challenge in state ${this.state}`);
  }

  success(data: Buffer | null): void {
    if (this.state === "verified") {
      if (data && data.length > 0) this.verify(data);
      return;
    }
    if (this.state !== "final-sent") throw new SaslError(`unexpected success in state ${this.state}`);
    if (!data || data.length === 0) throw new SaslError("server signature missing");
    this.verify(data);
  }

  /** The key derivation the client-final-message needs, on the thread pool (challenge then finds it cached). */
  async prepare(data: Buffer): Promise<void> {
    if (this.state !== "first-sent") return;
    let accepted: ReturnType<ScramClient["acceptServerFirst"]>;
    try {
      accepted = this.acceptServerFirst(data);
    } catch {
      return; // challenge() refuses it
    }
    const { password, salt, iterations } = accepted;
    await prederiveKeys(SCRAM_HASH[this.name], password, salt, iterations).catch(() => {});
  }

  /** The server-first-message's fields and the prepared password; throws SaslError where the client refuses. */
  private acceptServerFirst(data: Buffer) {
    const serverFirst = decodeUtf8(data);
    if (serverFirst === null) throw new SaslError("server-first-message is not UTF-8");
    const parsed = parseServerFirst(serverFirst);
    if (!parsed.ok) throw new SaslError(`bad server-first-message: ${parsed.error}`);
    const { nonce, salt, iterations } = parsed.value;
    if (!nonce.startsWith(this.nonce) || nonce.length === this.nonce.length) {
      throw new SaslError("server nonce does not extend the client nonce");
    }
    const min = this.opts.minIterations ?? DEFAULT_MIN_ITERATIONS;
    if (iterations < min) throw new SaslError(`iteration count ${iterations} below ${min}`);
    if (iterations > MAX_ITERATIONS)
      throw new SaslError(`iteration count ${iterations} above ${MAX_ITERATIONS}`);
    const password = prepStored(this.creds.password);
    if (password === null) throw new SaslError("password fails SASLprep");
    return { serverFirst, nonce, salt, iterations, password };
  }

  private clientFinal(data: Buffer): Buffer {
    const { serverFirst, nonce, salt, iterations, password } = this.acceptServerFirst(data);
    const hash = SCRAM_HASH[this.name];
    const keys = deriveKeys(hash, password, salt, iterations);
    const withoutProof = `c=${Buffer.from(this.gs2Header, "utf8").toString("base64")},r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${serverFirst},${withoutProof}`;
    this.expectedSignature = serverSignature(hash, keys, authMessage);
    this.state = "final-sent";
    const proof = clientProof(hash, keys, authMessage).toString("base64");
    return Buffer.from(`${withoutProof},p=${proof}`, "utf8");
  }

  private verify(data: Buffer): void {
    const text = decodeUtf8(data);
    const parsed = text === null ? null : parseServerFinal(text);
    if (!parsed?.ok) throw new SaslError("bad server-final-message");
    if (parsed.value.kind === "error") throw new SaslError(`server error: ${parsed.value.error}`);
    const expected = this.expectedSignature!;
    const got = parsed.value.signature;
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      throw new SaslError("server signature mismatch");
    }
    this.state = "verified";
  }
}
