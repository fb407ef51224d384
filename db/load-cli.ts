/**
 * `npm run db:load -- FILE`: loads a world file (shared/domain.md §9) into the database named by
 * DATABASE_URL, after bringing it to the latest schema. All or nothing; idempotent.
 */
import { readFile } from "node:fs/promises";
import { openDatabase } from "./connection";
import { databaseUrlFromEnv } from "./env";
import { loadWorld, WorldError, type LoadReport } from "./load";
import { migrateToLatest } from "./migrate";

/** `12 structures`, `1 structure`, `0 structure` (French: 0 and 1 are singular). */
function count(n: number, singular: string): string {
  return `${n} ${n > 1 ? `${singular}s` : singular}`;
}

function summarise(report: LoadReport): string {
  if (Object.values(report).every((n) => n === 0))
    return "Monde chargé : aucune modification, la base était déjà à jour.";
  return `Monde chargé : ${[
    count(report.structures, "structure"),
    count(report.commissions, "commission"),
    count(report.organisers, "organisateur"),
    count(report.licensees, "licencié"),
    count(report.users, "utilisateur"),
    count(report.sessions, "session"),
  ].join(", ")} créés ou mis à jour.`;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(
      `Impossible de lire le fichier « ${file} » : ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Le fichier « ${file} » n'est pas un JSON valide : ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function main(file: string | undefined): Promise<number> {
  if (!file) {
    console.error("Usage : npm run db:load -- FICHIER.json (le monde à charger, voir shared/domain.md §9)");
    return 1;
  }
  let world: unknown;
  try {
    world = await readJson(file);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const db = openDatabase(databaseUrlFromEnv());
  try {
    await migrateToLatest(db);
    console.log(summarise(await loadWorld(db, world)));
    return 0;
  } catch (error) {
    if (error instanceof WorldError) {
      console.error(`Le monde n'a pas été chargé (rien n'a été écrit) : ${count(error.problems.length, "problème")}.`);
      for (const problem of error.problems) console.error(problem);
    } else {
      console.error(error instanceof Error ? error.message : String(error));
    }
    return 1;
  } finally {
    await db.destroy();
  }
}

process.exitCode = await main(process.argv[2]);
