export const DEFAULT_DATABASE_URL = "./data/sessions.db";

/** The database named by `DATABASE_URL` (a SQLite file path), or the default. */
export function databaseUrlFromEnv(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}
