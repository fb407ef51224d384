/**
 * `node_modules/.bin/tsx bench/durability.ts [--rounds N]`: what `synchronous = FULL` costs
 * against NORMAL (issue 18, docs/decisions/017-backups-and-durability.md), on a fresh database
 * file in bench/.data with the connection settings of db/connection.ts (WAL, foreign keys,
 * `begin immediate`). Three writes, each one transaction as the app makes it:
 * - a session creation (one session row, one audit row),
 * - a closing of 300 candidates (each candidate's result, 300 certifications awarded, the
 *   session closed, one audit row),
 * - an import of 2,000 rows (a session, 2,000 candidates, one audit row).
 * The SQL is written here (the same rows and indexes as the app's, not its code): what FULL
 * adds is one sync of the WAL per commit, which depends on the bytes written, not on who wrote them.
 */
import Database from "better-sqlite3";
import { mkdirSync, rmSync } from "node:fs";
import { openDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";

const args = process.argv.slice(2);
const roundsIndex = args.indexOf("--rounds");
const rounds = roundsIndex >= 0 ? Number(args[roundsIndex + 1]) : 10;
const path = "bench/.data/durability.db";
const NOW = "2026-12-02T10:00:00.000Z";

async function prepare() {
  mkdirSync("bench/.data", { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  const db = openDatabase(path);
  await migrateToLatest(db);
  await db.destroy();
  const sqlite = new Database(path);
  sqlite.exec(`insert into structures (code, type, name, name_search) values ('0750001', 'CLUB', 'Club', 'club');
    insert into organisers (code, structure_code, name, name_search) values ('0750001', '0750001', 'Club', 'club');
    insert into users (email, password_hash, name, created_at) values ('a@b.fr', 'x', 'A', '${NOW}');`);
  const licensee = sqlite.prepare(
    `insert into licensees (licence, licence_compact, last_name, first_name, last_name_search, first_name_search, birth_date, structure_code, created_at, updated_at)
     values (?, ?, 'Nom', 'Prénom', 'nom', 'prenom', '1990-01-01', '0750001', ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < 4 * rounds * 300 + 2_000; i++) licensee.run(`A-00-${i}`, `A00${i}`, NOW, NOW);
  })();
  sqlite.close();
}

function connection(synchronous: "FULL" | "NORMAL") {
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${synchronous}`);
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  return sqlite;
}

function transaction(sqlite: Database.Database, body: () => void): number {
  const started = performance.now();
  sqlite.exec("begin immediate");
  body();
  sqlite.exec("commit");
  return performance.now() - started;
}

function newSession(sqlite: Database.Database, title: string): number {
  return Number(
    sqlite
      .prepare(
        `insert into exam_sessions (title, title_search, organiser_id, certification_code, place, place_search, start_date, created_by, created_at, updated_by, updated_at)
         values (?, ?, 1, 'N1', 'Fosse', 'fosse', '2026-12-01', 1, ?, 1, ?)`,
      )
      .run(title, title.toLowerCase(), NOW, NOW).lastInsertRowid,
  );
}

const audit = (sqlite: Database.Database, sessionId: number, action: string) =>
  sqlite
    .prepare("insert into audit_log (at, user_id, session_id, action) values (?, 1, ?, ?)")
    .run(NOW, sessionId, action);

let nextLicensee = 1;

function measure(synchronous: "FULL" | "NORMAL") {
  const sqlite = connection(synchronous);
  const creations: number[] = [];
  for (let i = 0; i < rounds * 20; i++) {
    creations.push(transaction(sqlite, () => audit(sqlite, newSession(sqlite, `Création ${i}`), "create")));
  }
  const closings: number[] = [];
  const candidate = sqlite.prepare("insert into session_candidates (session_id, licensee_id) values (?, ?)");
  for (let i = 0; i < rounds; i++) {
    let sessionId = 0;
    const licensees = Array.from({ length: 300 }, () => nextLicensee++);
    transaction(sqlite, () => {
      sessionId = newSession(sqlite, `Clôture ${i}`);
      for (const id of licensees) candidate.run(sessionId, id);
    });
    const result = sqlite.prepare(
      "update session_candidates set result = 'admis', result_reasons = '[]' where session_id = ? and licensee_id = ?",
    );
    const held = sqlite.prepare(
      "insert into certifications_held (licensee_id, certification_code, obtained_on, session_id, certificate_number, created_at) values (?, 'N1', '2026-12-01', ?, ?, ?)",
    );
    closings.push(
      transaction(sqlite, () => {
        for (const id of licensees) {
          result.run(sessionId, id);
          held.run(id, sessionId, `N1-2026-${sessionId}-${id}`, NOW);
        }
        sqlite
          .prepare(
            "update exam_sessions set status = 'closed', closed_by = 1, closed_at = ?, version = version + 1 where id = ?",
          )
          .run(NOW, sessionId);
        audit(sqlite, sessionId, "close");
      }),
    );
  }
  const imports: number[] = [];
  const importLicensees = Array.from({ length: 2_000 }, (_, i) => 4 * rounds * 300 + 1 + i);
  for (let i = 0; i < rounds; i++) {
    imports.push(
      transaction(sqlite, () => {
        const sessionId = newSession(sqlite, `Import ${i}`);
        for (const id of importLicensees) candidate.run(sessionId, id);
        audit(sqlite, sessionId, "import");
      }),
    );
  }
  sqlite.close();
  return { creations, closings, imports };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))];

await prepare();
const results: Record<string, ReturnType<typeof measure>> = {};
// NORMAL, FULL, NORMAL, FULL: the machine's load moves from one minute to the next.
for (const mode of ["NORMAL", "FULL", "NORMAL", "FULL"] as const) {
  const run = measure(mode);
  const previous = results[mode];
  results[mode] = previous
    ? {
        creations: [...previous.creations, ...run.creations],
        closings: [...previous.closings, ...run.closings],
        imports: [...previous.imports, ...run.imports],
      }
    : run;
}
console.log("| transaction | NORMAL médiane | NORMAL p95 | FULL médiane | FULL p95 | nombre |");
console.log("|---|---|---|---|---|---|");
for (const [label, key] of [
  ["création de session", "creations"],
  ["clôture, 300 candidats", "closings"],
  ["import, 2 000 lignes", "imports"],
] as const) {
  const n = results.NORMAL[key];
  const f = results.FULL[key];
  console.log(
    `| ${label} | ${median(n).toFixed(2)} ms | ${p95(n).toFixed(2)} ms | ${median(f).toFixed(2)} ms | ${p95(f).toFixed(2)} ms | ${n.length} + ${f.length} |`,
  );
}
for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
