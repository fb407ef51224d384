import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Login throttling, kept in the database so that every server process shares it.
 *
 * A key (`email:<address>`, `ip:<address>`) may fail `limit` times within 15 minutes; the failure
 * that reaches the limit refuses the key for 1 minute, then every failure after a delay refuses
 * it for twice as long (2, 4, … 60 minutes at most). An attempt is counted as a failure when it
 * begins (`beginAttempt`), so that parallel attempts cannot all slip through before the first
 * one fails; a success clears the e-mail's counter (`clearThrottle`).
 */
export const EMAIL_LIMIT = 5;
export const IP_LIMIT = 50;
export const WINDOW_MS = 15 * 60 * 1000;
const MINUTE = 60 * 1000;
const MAX_DELAY_MS = 60 * MINUTE;

export function throttleMessage(minutes: number): string {
  return `Trop de tentatives : réessayez dans ${minutes} minutes.`;
}

function delayMs(level: number): number {
  return Math.min(MAX_DELAY_MS, 2 ** level * MINUTE);
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryInMinutes: number };

/** Counts an attempt for a key, or refuses it while the key is held back. Run inside a transaction. */
export async function beginAttempt(
  trx: Kysely<Database>,
  key: string,
  limit: number,
  now = new Date(),
): Promise<AttemptVerdict> {
  const t = now.getTime();
  const row = await trx.selectFrom("login_throttles").selectAll().where("key", "=", key).executeTakeFirst();
  const blockedUntil = row?.blocked_until ? Date.parse(row.blocked_until) : null;
  if (row && blockedUntil !== null && blockedUntil > t) {
    return { allowed: false, retryInMinutes: Math.ceil((blockedUntil - t) / MINUTE) };
  }
  let failures = row?.failures ?? 0;
  let level = row?.level ?? 0;
  let windowStart = row ? Date.parse(row.window_start) : t;
  if (!row || t - windowStart > WINDOW_MS) {
    // A new window; a delay that ended less than 15 minutes ago still counts for the next one.
    const recentlyHeld = blockedUntil !== null && t - blockedUntil <= WINDOW_MS;
    level = recentlyHeld ? level : 0;
    failures = level > 0 ? limit - 1 : 0;
    windowStart = t;
  }
  if (failures >= limit) {
    // Attempts under way already reach the limit: refuse this one without counting it.
    return { allowed: false, retryInMinutes: Math.ceil(delayMs(level) / MINUTE) };
  }
  const values = {
    failures: failures + 1,
    level,
    window_start: new Date(windowStart).toISOString(),
    blocked_until: row?.blocked_until ?? null,
  };
  await trx
    .insertInto("login_throttles")
    .values({ key, ...values })
    .onConflict((oc) => oc.column("key").doUpdateSet(values))
    .execute();
  return { allowed: true };
}

/** The attempt failed: when the key has reached its limit, it is held back for the next delay. */
export async function recordFailure(
  trx: Kysely<Database>,
  key: string,
  limit: number,
  now = new Date(),
): Promise<void> {
  const row = await trx.selectFrom("login_throttles").selectAll().where("key", "=", key).executeTakeFirst();
  if (!row || row.failures < limit) return;
  const t = now.getTime();
  await trx
    .updateTable("login_throttles")
    .set({
      blocked_until: new Date(t + delayMs(row.level)).toISOString(),
      level: row.level + 1,
      failures: limit - 1,
      window_start: now.toISOString(),
    })
    .where("key", "=", key)
    .execute();
}

/** The attempt succeeded: it was no failure after all. The e-mail's counter is cleared. */
export async function clearThrottle(trx: Kysely<Database>, key: string): Promise<void> {
  await trx.deleteFrom("login_throttles").where("key", "=", key).execute();
}

/** The IP's attempt succeeded: it is taken back off the IP's count (the count itself stays). */
export async function releaseAttempt(trx: Kysely<Database>, key: string): Promise<void> {
  // One statement: another process's attempt counted between a read and a write would be lost.
  await trx
    .updateTable("login_throttles")
    .set((eb) => ({ failures: eb("failures", "-", 1) }))
    .where("key", "=", key)
    .where("failures", ">", 0)
    .execute();
}

export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
