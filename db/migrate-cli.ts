import { openDatabase } from "./connection";
import { migrateToLatest } from "./migrate";
import { databaseUrlFromEnv } from "./env";

const url = databaseUrlFromEnv();
const db = openDatabase(url);
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Migrations appliquées : ${applied.join(", ")}` : "Base déjà à jour.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
