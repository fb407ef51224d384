import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import * as m001 from "./migrations/001_schema";
import * as m002 from "./migrations/002_catalogue";
import * as m003 from "./migrations/003_list_indexes";
import * as m004 from "./migrations/004_list_brevet_index";
import * as m005 from "./migrations/005_session_counts";
import * as m006 from "./migrations/006_import_confirmations";
import * as m007 from "./migrations/007_accounts";
import * as m008 from "./migrations/008_binary_text_order";
import * as m009 from "./migrations/009_closed_session_trigger";
import * as m010 from "./migrations/010_name_search_words";
import * as m011 from "./migrations/011_user_name_search";
import * as m012 from "./migrations/012_statement_triggers";

/** Migrations are listed here (not read from disk) so that the built server carries them. */
const migrations: Record<string, Migration> = {
  "001_schema": m001,
  "002_catalogue": m002,
  "003_list_indexes": m003,
  "004_list_brevet_index": m004,
  "005_session_counts": m005,
  "006_import_confirmations": m006,
  "007_accounts": m007,
  "008_binary_text_order": m008,
  "009_closed_session_trigger": m009,
  "010_name_search_words": m010,
  "011_user_name_search": m011,
  "012_statement_triggers": m012,
};

/** The migrations this code knows, in order (a database with another one is newer than the code). */
export const migrationNames = Object.keys(migrations);

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the latest schema; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new Error(`La migration ${failed} a échoué : ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
