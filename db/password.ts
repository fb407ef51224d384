import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** scrypt, memory-hard: N = 2^17, r = 8, p = 1 (128 MiB per hash, the OWASP minimum). */
export const PASSWORD_PARAMS = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(
  password: string,
  salt: Buffer,
  options: ScryptOptions & { N: number; r: number; p: number },
): Promise<Buffer> {
  // scrypt needs 128 * N * r * p bytes; maxmem must be above it (twice leaves room for the rest).
  const maxmem = 2 * 128 * options.N * options.r * options.p;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { ...options, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password: string, params = PASSWORD_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64"), key.toString("base64")].join("$");
}

function parse(stored: string) {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((v) => Number.isInteger(v) && v > 0)) return null;
  return { params, salt: Buffer.from(salt, "base64"), hash: Buffer.from(hash, "base64") };
}

/** True when a stored hash is usable (an invited user's empty hash is not). */
export function isPasswordHash(stored: string): boolean {
  return parse(stored) !== null;
}

/** True when the stored hash was made with other parameters than today's: re-hash it at the next login. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return (
    parsed !== null &&
    (parsed.params.N !== PASSWORD_PARAMS.N ||
      parsed.params.r !== PASSWORD_PARAMS.r ||
      parsed.params.p !== PASSWORD_PARAMS.p)
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/** A hash of nothing, compared against when the e-mail is unknown, so both failures take as long. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(12).toString("hex"));
  return decoy;
}
