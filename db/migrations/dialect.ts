import { PostgresAdapter, type Kysely } from "kysely";

/** Which SQL dialect a migration runs on: the few statements that differ branch on it. */
export function dialectOf(db: Kysely<unknown>): "sqlite" | "postgres" {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}
