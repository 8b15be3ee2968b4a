// SCRAM server (RFC 5802 §5), without channel binding: only the non-PLUS mechanisms are offered.
import { createHmac, randomBytes } from "node:crypto";
import { authzidAllowed } from "./authzid.ts";
import { decodeUtf8, prepQuery, prepStored } from "./prep.ts";
import {
  deriveKeys,
  HASH_LENGTH,
  SCRAM_HASH,
  type ScramKeys,
  type ScramMechanism,
  serverSignature,
  verifyProof,
} from "./scram-crypto.ts";
import { parseClientFinal, parseClientFirst, RE_NONCE } from "./scram-messages.ts";
import {
  type CredentialLookup,
  fail,
  type SaslServer,
  type ServerOptions,
  type ServerStep,
} from "./types.ts";

/** RFC 7677 §4 / RFC 5802 §5.1: at least 4096 iterations. */
export const MIN_ITERATIONS = 4096;

// Salts derived from the username, so an unknown account gets a salt as stable as a real one would be.
const SALT_SECRET = randomBytes(32);
function defaultSalt(username: string): Buffer {
  return createHmac("sha256", SALT_SECRET).update(username, "utf8").digest().subarray(0, 16);
}

interface FirstState {
  username: string;
  authzid?: string;
  gs2Header: string;
  nonce: string;
  authPrefix: string; // client-first-message-bare "," server-first-message
  keys: ScramKeys | null; // null: unknown account, failed at the final step to stay indistinguishable
}

export class ScramServer implements SaslServer {
  private state: "start" | "first-sent" | "done" = "start";
  private first: FirstState | null = null;
  private readonly iterations: number;

  constructor(
    readonly name: ScramMechanism,
    private readonly lookup: CredentialLookup,
    private readonly opts: ServerOptions = {},
  ) {
    this.iterations = opts.iterations ?? MIN_ITERATIONS;
    if (!Number.isInteger(this.iterations) || this.iterations < MIN_ITERATIONS) {
      throw new RangeError(`SCRAM iteration count must be an integer >= ${MIN_ITERATIONS}`);
    }
    if (opts.nonce !== undefined && !RE_NONCE.test(opts.nonce)) {
      throw new RangeError("SCRAM nonce must be printable ASCII without ','");
    }
  }

  start(initial: Buffer | null): ServerStep {
    if (initial === null) return { kind: "challenge", data: Buffer.alloc(0) };
    return this.respond(initial);
  }

  respond(data: Buffer): ServerStep {
    switch (this.state) {
      case "start":
        return this.onClientFirst(data);
      case "first-sent":
        return this.onClientFinal(data);
      default:
        return fail("malformed-request", "exchange already finished");
    }
  }

  private finish(step: ServerStep): ServerStep {
    this.state = "done";
    return step;
  }

  private onClientFirst(data: Buffer): ServerStep {
    const text = decodeUtf8(data);
    if (text === null) return this.finish(fail("malformed-request", "not UTF-8"));
    const parsed = parseClientFirst(text);
    if (!parsed.ok) return this.finish(fail("malformed-request", parsed.error));
    const msg = parsed.value;
    // "p": the client requires channel binding, which a non-PLUS mechanism cannot give. "y" is fine
    // here because no -PLUS variant is advertised (RFC 5802 §6).
    if (msg.cbindFlag === "p") return this.finish(fail("malformed-request", "channel binding not supported"));
    const username = prepQuery(msg.username);
    if (!username) return this.finish(fail("malformed-request", "username fails SASLprep"));

    const stored = this.lookup(username);
    const password = stored === undefined ? null : prepStored(stored.password);
    const hash = SCRAM_HASH[this.name];
    const salt = this.opts.salt?.(username) ?? defaultSalt(username);
    const keys = password === null ? null : deriveKeys(hash, password, salt, this.iterations);
    const nonce = msg.nonce + (this.opts.nonce ?? randomBytes(18).toString("base64"));
    const serverFirst = `r=${nonce},s=${salt.toString("base64")},i=${this.iterations}`;
    this.first = {
      username,
      authzid: msg.authzid,
      gs2Header: msg.gs2Header,
      nonce,
      authPrefix: `${msg.bare},${serverFirst}`,
      keys,
    };
    this.state = "first-sent";
    return { kind: "challenge", data: Buffer.from(serverFirst, "utf8") };
  }

  private onClientFinal(data: Buffer): ServerStep {
    this.state = "done";
    const first = this.first!;
    const text = decodeUtf8(data);
    if (text === null) return fail("malformed-request", "not UTF-8");
    const parsed = parseClientFinal(text);
    if (!parsed.ok) return fail("malformed-request", parsed.error);
    const msg = parsed.value;
    // Without channel binding, c= carries exactly the GS2 header of the client-first-message.
    if (!msg.channelBinding.equals(Buffer.from(first.gs2Header, "utf8"))) {
      return fail("malformed-request", "channel binding does not match the GS2 header");
    }
    if (msg.nonce !== first.nonce) return fail("malformed-request", "wrong nonce");
    const hash = SCRAM_HASH[this.name];
    if (msg.proof.length !== HASH_LENGTH[hash])
      return fail("malformed-request", "proof has the wrong length");

    const authMessage = `${first.authPrefix},${msg.withoutProof}`;
    const keys = first.keys;
    if (!keys) return fail("not-authorized");
    if (!this.opts.acceptAnyPassword && !verifyProof(hash, keys, authMessage, msg.proof)) {
      return fail("not-authorized");
    }
    if (first.authzid !== undefined && !authzidAllowed(first.authzid, first.username, this.opts.domain)) {
      return fail("invalid-authzid");
    }
    const verifier = `v=${serverSignature(hash, keys, authMessage).toString("base64")}`;
    return {
      kind: "success",
      data: Buffer.from(verifier, "utf8"),
      username: first.username,
      authzid: first.authzid,
    };
  }
}
