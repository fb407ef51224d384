export const DEFAULT_DATABASE_URL = "./data/sessions.db";
/** Connections per server process to PostgreSQL (`DATABASE_POOL_MAX`). */
export const DEFAULT_POOL_MAX = 10;

/** The database named by `DATABASE_URL` (a SQLite file path or a `postgres://` URL), or the default. */
export function databaseUrlFromEnv(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}
