import { createCookie, redirect } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import {
  EMAIL_LIMIT,
  IP_LIMIT,
  beginAttempt,
  clearThrottle,
  emailKey,
  ipKey,
  recordFailure,
  releaseAttempt,
  throttleMessage,
} from "~/accounts/throttle.server";
import { recordSecurityEvent, type RequestClient } from "~/journal/journal.server";
import { db, env, nowIso } from "./db.server";
import { decoyHash, hashPassword, isPasswordHash, needsRehash, verifyPassword } from "../../db/password";

/** A login session lives 30 minutes without activity, 12 hours at most. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most once a minute, not on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export const LOGIN_FAILED = "Identifiant ou mot de passe incorrect";

/** Over https (production) the `__Host-` prefix keeps a sibling subdomain from setting or overwriting it. */
export const LOGIN_COOKIE = env.production ? "__Host-sessions_id" : "sessions_id";

const sessionCookie = createCookie(LOGIN_COOKIE, {
  httpOnly: true,
  sameSite: "lax",
  secure: env.production,
  path: "/",
  secrets: [env.sessionSecret],
  maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
});

export interface AuthUser {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  licenseeId: number | null;
}

export type LoginResult = { ok: true; user: AuthUser } | { ok: false; status: 400 | 429; message: string };

/**
 * Checks an e-mail and password, throttled per e-mail and per IP (app/accounts/throttle.server.ts),
 * and writes the outcome to the security journal. An unknown e-mail, an invited or a disabled
 * account take the same path and the same time as a wrong password (a decoy hash is verified),
 * so the answer never tells whether an account exists. A hash made with older parameters is
 * replaced at a successful login.
 */
export async function attemptLogin(
  rawEmail: string,
  password: string,
  client: RequestClient,
  now = new Date(),
): Promise<LoginResult> {
  const email = rawEmail.trim().toLowerCase();
  const keys = [
    ...(client.ip ? [{ key: ipKey(client.ip), limit: IP_LIMIT }] : []),
    { key: emailKey(email), limit: EMAIL_LIMIT },
  ];
  const refusal = await db.transaction().execute(async (trx) => {
    for (const { key, limit } of keys) {
      const verdict = await beginAttempt(trx, key, limit, now);
      if (!verdict.allowed) {
        await recordSecurityEvent(trx, { kind: "login_throttled", email, client, details: key.split(":")[0] }, now);
        return verdict.retryInMinutes;
      }
    }
    return null;
  });
  if (refusal !== null) return { ok: false, status: 429, message: throttleMessage(refusal) };

  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "is_admin", "licensee_id", "password_hash", "state"])
    .where("email", "=", email)
    .executeTakeFirst();
  const usable = user && isPasswordHash(user.password_hash) ? user.password_hash : await decoyHash();
  const valid = (await verifyPassword(password, usable)) && user?.state === "active";
  if (!user || !valid) {
    await db.transaction().execute(async (trx) => {
      for (const { key, limit } of keys) await recordFailure(trx, key, limit, now);
      await recordSecurityEvent(trx, { kind: "login_failed", email, userId: user?.id ?? null, client }, now);
    });
    return { ok: false, status: 400, message: LOGIN_FAILED };
  }
  const rehashed = needsRehash(user.password_hash) ? await hashPassword(password) : null;
  await db.transaction().execute(async (trx) => {
    // The counters in the order every attempt takes them (address, then e-mail): on PostgreSQL an
    // attempt beginning meanwhile never holds one this transaction waits for while waiting for the other.
    if (client.ip) await releaseAttempt(trx, ipKey(client.ip));
    await clearThrottle(trx, emailKey(email));
    await trx
      .updateTable("users")
      .set({ last_login_at: now.toISOString(), ...(rehashed ? { password_hash: rehashed } : {}) })
      .where("id", "=", user.id)
      .execute();
    await recordSecurityEvent(trx, { kind: "login_succeeded", email, userId: user.id, client }, now);
  });
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      isAdmin: user.is_admin === 1,
      licenseeId: user.licensee_id,
    },
  };
}

export interface LoginSession {
  id: string;
  user: AuthUser;
  currentOrganiserId: number | null;
}

async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The login session of the request, or null when there is none or it has expired. */
export async function getLoginSession(request: Request): Promise<LoginSession | null> {
  const id = await readSessionId(request);
  if (!id) return null;
  const row = await db
    .selectFrom("login_sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.id",
      "s.created_at",
      "s.last_seen_at",
      "s.current_organiser_id",
      "u.id as user_id",
      "u.email",
      "u.name",
      "u.is_admin",
      "u.licensee_id",
    ])
    .where("s.id", "=", id)
    .where("u.state", "=", "active")
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  const lastSeen = Date.parse(row.last_seen_at);
  if (now - Date.parse(row.created_at) > ABSOLUTE_TIMEOUT_MS || now - lastSeen > IDLE_TIMEOUT_MS) {
    await db.deleteFrom("login_sessions").where("id", "=", id).execute();
    return null;
  }
  if (now - lastSeen > TOUCH_INTERVAL_MS) {
    await db.updateTable("login_sessions").set({ last_seen_at: nowIso() }).where("id", "=", id).execute();
  }
  return {
    id: row.id,
    currentOrganiserId: row.current_organiser_id,
    user: {
      id: row.user_id,
      email: row.email,
      name: row.name,
      isAdmin: row.is_admin === 1,
      licenseeId: row.licensee_id,
    },
  };
}

/** The path to come back to after logging in: only a path of this site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/sessions"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}

/** A redirect to /connexion that comes back to the asked page. */
export function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const params = back === "/" || back === "/sessions" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
  return redirect(`/connexion${params}`);
}

/** Opens a new login session (always a new id) and returns its Set-Cookie header. */
export async function startLoginSession(
  user: AuthUser,
  client: RequestClient = { ip: null, userAgent: null },
): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const firstScope = await db
    .selectFrom("user_scopes as us")
    .innerJoin("organisers as o", "o.id", "us.organiser_id")
    .select("us.organiser_id")
    .where("us.user_id", "=", user.id)
    .orderBy("o.name")
    .limit(1)
    .executeTakeFirst();
  const now = nowIso();
  await db
    .insertInto("login_sessions")
    .values({
      id,
      user_id: user.id,
      current_organiser_id: firstScope?.organiser_id ?? null,
      created_at: now,
      last_seen_at: now,
      user_agent: client.userAgent?.slice(0, 400) ?? null,
      ip: client.ip,
    })
    .execute();
  return sessionCookie.serialize(id);
}

/** Deletes the login session of the request and returns the Set-Cookie header that clears it. */
export async function endLoginSession(request: Request, client: RequestClient): Promise<string> {
  const id = await readSessionId(request);
  if (id) {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("login_sessions as s")
        .innerJoin("users as u", "u.id", "s.user_id")
        .select(["u.id", "u.email"])
        .where("s.id", "=", id)
        .executeTakeFirst();
      await trx.deleteFrom("login_sessions").where("id", "=", id).execute();
      if (row) await recordSecurityEvent(trx, { kind: "logout", userId: row.id, email: row.email, client });
    });
  }
  return sessionCookie.serialize("", { maxAge: 0 });
}
