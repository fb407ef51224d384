/**
 * Data the server hands to the page and takes back later without keeping any state: the error
 * report of a refused import, and the content of a checked file awaiting confirmation (of a
 * session update, or of the import of a new session without choosing the file again). The JSON
 * is deflated, base64url-encoded and signed (HMAC-SHA-256 with a key derived from the
 * application secret and the purpose), with an expiry: the client can carry it, not forge or
 * alter it, and a token made for one purpose is refused for another.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";

export type PayloadPurpose = "import-report" | "session-update" | "session-import";

/** A token larger than this is refused before its signature is even computed. */
const MAX_TOKEN_LENGTH = 8 * 1024 * 1024;
/** Inflating a (signed, so trusted) token never produces more than this. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

function key(secret: string, purpose: PayloadPurpose): Buffer {
  return createHmac("sha256", secret).update(`sessions:${purpose}`).digest();
}

function sign(secret: string, purpose: PayloadPurpose, body: string): string {
  return createHmac("sha256", key(secret, purpose)).update(body).digest("base64url");
}

/** `body.signature`, valid for `ttlSeconds`. */
export function seal(
  secret: string,
  purpose: PayloadPurpose,
  data: unknown,
  ttlSeconds: number,
  now = Date.now(),
): string {
  const json = JSON.stringify({ exp: Math.floor(now / 1000) + ttlSeconds, data });
  const body = deflateRawSync(Buffer.from(json, "utf8")).toString("base64url");
  return `${body}.${sign(secret, purpose, body)}`;
}

/** The data of a token made by `seal` for this purpose and not expired; null otherwise. */
export function unseal<T>(secret: string, purpose: PayloadPurpose, token: unknown, now = Date.now()): T | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const body = token.slice(0, dot);
  const expected = Buffer.from(sign(secret, purpose, body));
  const given = Buffer.from(token.slice(dot + 1));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = JSON.parse(
      inflateRawSync(Buffer.from(body, "base64url"), { maxOutputLength: MAX_JSON_BYTES }).toString("utf8"),
    ) as {
      exp: number;
      data: T;
    };
    return parsed.exp * 1000 >= now ? parsed.data : null;
  } catch {
    return null;
  }
}
