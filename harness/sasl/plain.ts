// SASL PLAIN (RFC 4616): message = [authzid] NUL authcid NUL passwd, all UTF-8, no NUL inside a field.
import { timingSafeEqual } from "node:crypto";
import { authzidAllowed } from "./authzid.ts";
import { decodeUtf8, prepQuery, prepStored } from "./prep.ts";
import {
  type ClientCredentials,
  type CredentialLookup,
  fail,
  type SaslClient,
  SaslError,
  type SaslServer,
  type ServerOptions,
  type ServerStep,
} from "./types.ts";

/** RFC 4616 §2: authzid, authcid and passwd are each at most 255 octets. */
const MAX_FIELD_OCTETS = 255;

export class PlainClient implements SaslClient {
  readonly name = "PLAIN" as const;
  constructor(private readonly creds: ClientCredentials) {}

  initial(): Buffer {
    const { authzid = "", username, password } = this.creds;
    return Buffer.from(`${authzid}\0${username}\0${password}`, "utf8");
  }

  challenge(data: Buffer): Buffer {
    // An empty challenge asks for the message when <auth/> went without an initial response.
    if (data.length === 0) return this.initial();
    throw new SaslError("PLAIN: unexpected non-empty challenge");
  }

  success(data: Buffer | null): void {
    if (data && data.length > 0) throw new SaslError("PLAIN: unexpected additional data with success");
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export class PlainServer implements SaslServer {
  readonly name = "PLAIN" as const;
  private done = false;
  constructor(
    private readonly lookup: CredentialLookup,
    private readonly opts: ServerOptions = {},
  ) {}

  start(initial: Buffer | null): ServerStep {
    if (initial === null) return { kind: "challenge", data: Buffer.alloc(0) };
    return this.respond(initial);
  }

  respond(data: Buffer): ServerStep {
    if (this.done) return fail("malformed-request", "exchange already finished");
    this.done = true;
    const text = decodeUtf8(data);
    if (text === null) return fail("malformed-request", "not UTF-8");
    const fields = text.split("\0");
    if (fields.length !== 3) return fail("malformed-request", "expected [authzid] NUL authcid NUL passwd");
    const [authzid, authcid, passwd] = fields;
    if (authcid === "") return fail("malformed-request", "empty authcid");
    if (passwd === "") return fail("malformed-request", "empty passwd");
    if ([authzid, authcid, passwd].some((f) => Buffer.byteLength(f, "utf8") > MAX_FIELD_OCTETS)) {
      return fail("malformed-request", `field over ${MAX_FIELD_OCTETS} octets`);
    }
    const username = prepQuery(authcid);
    const password = prepQuery(passwd);
    if (!username || !password) return fail("malformed-request", "authcid or passwd fails SASLprep");

    // Unknown account and wrong password answer the same.
    const stored = this.lookup(username);
    const storedPassword = stored === undefined ? null : prepStored(stored.password);
    const ok =
      storedPassword !== null && (this.opts.acceptAnyPassword || sameSecret(storedPassword, password));
    if (!ok) return fail("not-authorized");

    if (authzid !== "" && !authzidAllowed(authzid, username, this.opts.domain))
      return fail("invalid-authzid");
    return { kind: "success", data: null, username, authzid: authzid === "" ? undefined : authzid };
  }
}
