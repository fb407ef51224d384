import { openDatabase, type DB } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { loadWorld } from "../../db/load";
import { addDemoInvitation, generateDemoWorld } from "../../db/demo";
import { purgeJournal } from "../journal/journal.server";
import { json } from "@remix-run/node";
import { ConfigError, readEnv, type Env } from "./env.server";
import { currentRequest, STORAGE_UNAVAILABLE_MESSAGE } from "./request-context.server";

export type { DB };

/**
 * Start-up, once per process: check the configuration, open the database, migrate it, and
 * seed the demo world into an empty database (no user at all) unless DEMO=off.
 * A bad configuration stops the server with a French message instead of a stack trace.
 */
async function boot(): Promise<{ env: Env; db: DB }> {
  let env: Env;
  try {
    env = readEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (!process.env.SESSION_SECRET && !env.production) {
    console.warn("SESSION_SECRET absent : un secret de développement est utilisé (à définir en production).");
  }
  let db: DB;
  try {
    db = openDatabase(env.databaseUrl, { poolMax: env.databasePoolMax, mapError: storageFailure });
    await migrateToLatest(db);
  } catch (error) {
    const code = storageErrorCode(error) ?? fileErrorCode(error);
    if (!code) throw error;
    console.error(`Base de données inutilisable : impossible d'écrire dans ${env.databaseUrl} (${code}).`);
    process.exit(1);
  }
  if (env.demo) {
    const anyUser = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
    if (!anyUser) {
      const started = Date.now();
      await loadWorld(db, generateDemoWorld());
      await addDemoInvitation(db);
      console.log(`Monde de démonstration créé en ${Date.now() - started} ms (identifiants dans le README).`);
    }
  }
  // The security journal keeps 400 days: purged at start-up, then once a day.
  await purgeJournal(db);
  setInterval(() => void purgeJournal(db).catch((error) => console.error(error)), 24 * 60 * 60 * 1000).unref();
  return { env, db };
}

/** The SQLite code of an error that says the disk or the file cannot take a write now, else null. */
export function storageErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|NOMEM|PERM)/.test(code) ? code : null;
}

function fileErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^E(ACCES|ROFS|PERM|NOSPC|NOTDIR|ISDIR|NOENT|EXIST)$/.test(code) ? code : null;
}

/**
 * A query that failed because the disk is full or the file cannot be written: the request
 * answers 503 with a French message (the transaction it ran in was rolled back whole), and the
 * log names the SQLite code.
 */
function storageFailure(error: unknown): unknown {
  const code = storageErrorCode(error);
  const request = currentRequest();
  // Outside a request (start-up, scripts) the error stays as it is.
  if (!code || !request) return error;
  request.storageError = code;
  console.error(`[${request.requestId}] Base de données : ${code} (${(error as Error).message})`);
  return json({ message: STORAGE_UNAVAILABLE_MESSAGE }, { status: 503, headers: { "Retry-After": "60" } });
}

declare global {
  var __sessionsApp: Promise<{ env: Env; db: DB }> | undefined;
}

const app = await (globalThis.__sessionsApp ??= boot());

export const env = app.env;
export const db = app.db;

/** True when a database error is the closed-session trigger (db/migrations/001_schema.ts). */
export function isClosedSessionError(error: unknown): boolean {
  return error instanceof Error && error.message.includes("SESSION_CLOSED");
}

export function nowIso(): string {
  return new Date().toISOString();
}
