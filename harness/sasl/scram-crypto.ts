// SCRAM key derivation and proofs (RFC 5802 §3), for SHA-1 and SHA-256 (RFC 7677).
import { createHash, createHmac, pbkdf2, pbkdf2Sync, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const pbkdf2Async = promisify(pbkdf2);

export type ScramMechanism = "SCRAM-SHA-1" | "SCRAM-SHA-256";
export type ScramHash = "sha1" | "sha256";

export const SCRAM_HASH: Record<ScramMechanism, ScramHash> = {
  "SCRAM-SHA-1": "sha1",
  "SCRAM-SHA-256": "sha256",
};
export const HASH_LENGTH: Record<ScramHash, number> = { sha1: 20, sha256: 32 };

export interface ScramKeys {
  clientKey: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

export function hmac(hash: ScramHash, key: Buffer, data: string | Buffer): Buffer {
  return createHmac(hash, key).update(data).digest();
}

function digest(hash: ScramHash, data: Buffer): Buffer {
  return createHash(hash).update(data).digest();
}

export function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

// PBKDF2 dominates the cost of an exchange; the reference server and fuzzers repeat the same accounts.
const KEY_CACHE_LIMIT = 4096;
const keyCache = new Map<string, ScramKeys>();

const cacheKeyOf = (hash: ScramHash, password: string, salt: Buffer, iterations: number) =>
  `${hash}\0${iterations}\0${salt.toString("base64")}\0${password}`;

function keep(cacheKey: string, hash: ScramHash, salted: Buffer): ScramKeys {
  const clientKey = hmac(hash, salted, "Client Key");
  const keys = { clientKey, storedKey: digest(hash, clientKey), serverKey: hmac(hash, salted, "Server Key") };
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(cacheKey, keys);
  derivedListener?.(cacheKey, keys);
  return keys;
}

/** SaltedPassword = Hi(Normalize(password), salt, i) and the keys derived from it. `password` is prepared. */
export function deriveKeys(hash: ScramHash, password: string, salt: Buffer, iterations: number): ScramKeys {
  const cacheKey = cacheKeyOf(hash, password, salt, iterations);
  const hit = keyCache.get(cacheKey);
  if (hit) return hit;
  return keep(
    cacheKey,
    hash,
    pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, HASH_LENGTH[hash], hash),
  );
}

/**
 * deriveKeys' PBKDF2 on libuv's thread pool, the result cached for deriveKeys to find: a run against a real
 * server derives once per new account (~1,700 a run, 1.8 ms each at 4096 iterations), which on the run's own
 * thread was 7% of its time.
 */
export async function prederiveKeys(
  hash: ScramHash,
  password: string,
  salt: Buffer,
  iterations: number,
): Promise<void> {
  const cacheKey = cacheKeyOf(hash, password, salt, iterations);
  if (keyCache.has(cacheKey)) return;
  keep(
    cacheKey,
    hash,
    await pbkdf2Async(Buffer.from(password, "utf8"), salt, iterations, HASH_LENGTH[hash], hash),
  );
}

/**
 * Derivations shared across threads: the embedded server's worker passes each of its own on to the run's
 * thread, whose client would otherwise repeat the PBKDF2 for the same password, salt and count. In one
 * thread the cache above does this by itself; across two, PBKDF2 would cost the busier thread ~20% of a run.
 */
export type DerivedListener = (cacheKey: string, keys: ScramKeys) => void;
let derivedListener: DerivedListener | undefined;

/** Be told of every derivation made in this thread (one listener: the server's worker). */
export function onDerived(l: DerivedListener | undefined): void {
  derivedListener = l;
}

/** Take a derivation made in another thread; the cache key holds every input, so a hit is exact. */
export function primeKeys(cacheKey: string, keys: ScramKeys): void {
  if (keyCache.has(cacheKey)) return;
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(cacheKey, keys);
}

export function clientProof(hash: ScramHash, keys: ScramKeys, authMessage: string): Buffer {
  return xor(keys.clientKey, hmac(hash, keys.storedKey, authMessage));
}

export function serverSignature(hash: ScramHash, keys: ScramKeys, authMessage: string): Buffer {
  return hmac(hash, keys.serverKey, authMessage);
}

/** Server side: recover ClientKey from the proof and check H(ClientKey) == StoredKey. */
export function verifyProof(hash: ScramHash, keys: ScramKeys, authMessage: string, proof: Buffer): boolean {
  const signature = hmac(hash, keys.storedKey, authMessage);
  if (proof.length !== signature.length) return false;
  return timingSafeEqual(digest(hash, xor(proof, signature)), keys.storedKey);
}
