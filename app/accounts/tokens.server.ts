import { createHash, randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database, PasswordTokenPurpose } from "../../db/schema";

/** An invitation link lives 7 days, a reset link 1 hour; each is used once. */
export const TOKEN_LIFETIME_MS: Record<PasswordTokenPurpose, number> = {
  invitation: 7 * 24 * 60 * 60 * 1000,
  reset: 60 * 60 * 1000,
};

export const LINK_EXPIRED = "Ce lien a expiré.";
export const LINK_USED = "Ce lien a déjà été utilisé.";
export const LINK_UNKNOWN = "Ce lien n'est pas valide.";

export function tokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new link's token (returned once, to be mailed); only its digest is stored. */
export async function createPasswordToken(
  trx: Kysely<Database> | Transaction<Database>,
  userId: number,
  purpose: PasswordTokenPurpose,
  createdBy: number | null,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await trx
    .insertInto("password_tokens")
    .values({
      user_id: userId,
      purpose,
      token_digest: tokenDigest(token),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]).toISOString(),
      created_by: createdBy,
    })
    .execute();
  return token;
}

export type TokenCheck =
  | { ok: true; tokenId: number; userId: number; email: string; name: string }
  | { ok: false; message: string };

/** What a link's token leads to, or why it leads nowhere (unknown, used, expired). */
export async function checkPasswordToken(
  trx: Kysely<Database> | Transaction<Database>,
  token: string | undefined,
  purpose: PasswordTokenPurpose,
  now = new Date(),
): Promise<TokenCheck> {
  if (!token || token.length > 100) return { ok: false, message: LINK_UNKNOWN };
  const row = await trx
    .selectFrom("password_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(["t.id", "t.user_id", "t.expires_at", "t.used_at", "u.email", "u.name", "u.state"])
    .where("t.token_digest", "=", tokenDigest(token))
    .where("t.purpose", "=", purpose)
    .executeTakeFirst();
  if (!row) return { ok: false, message: LINK_UNKNOWN };
  if (row.used_at) return { ok: false, message: LINK_USED };
  if (Date.parse(row.expires_at) <= now.getTime()) return { ok: false, message: LINK_EXPIRED };
  if (row.state === "disabled") return { ok: false, message: LINK_UNKNOWN };
  return { ok: true, tokenId: row.id, userId: row.user_id, email: row.email, name: row.name };
}

/** Marks a token used; false when another request used it first (the caller then changes nothing). */
export async function consumePasswordToken(
  trx: Kysely<Database> | Transaction<Database>,
  tokenId: number,
  now = new Date(),
): Promise<boolean> {
  const result = await trx
    .updateTable("password_tokens")
    .set({ used_at: now.toISOString() })
    .where("id", "=", tokenId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
