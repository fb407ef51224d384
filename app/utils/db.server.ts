import { openDatabase, type DB } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { loadWorld } from "../../db/load";
import { addDemoInvitation, generateDemoWorld } from "../../db/demo";
import { purgeJournal } from "../journal/journal.server";
import { ConfigError, readEnv, type Env } from "./env.server";

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
  const db = openDatabase(env.databaseUrl, { poolMax: env.databasePoolMax });
  await migrateToLatest(db);
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

declare global {
  // eslint-disable-next-line no-var
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
