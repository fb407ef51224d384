/**
 * `tsx bench/journal-screen.ts [--rows 500000] [--runs 5]`
 *
 * The journal screen's queries (app/journal/journal-list.server.ts) on a journal of `--rows` rows
 * over 400 days (the retention), in process: each filter's page (count + 50 rows), the median of
 * `--runs`, and the export's reading of 100,000 rows. Rows: 70 % logins succeeded, 20 % failed,
 * the rest spread over the other kinds; 2,000 e-mails; written straight into a fresh database of
 * `bench/.data/journal-screen/`, then indexed as migration 007 indexes them.
 */
import { mkdir, rm } from "node:fs/promises";
import { openDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { JOURNAL_KINDS } from "../app/journal/kinds";
import type { JournalFilters } from "../app/journal/journal-filters";
import { journalRows, readJournalPage } from "../app/journal/journal-list.server";
import { makeRng } from "./prng";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}
const ROWS = Number(option("rows", "500000"));
const RUNS = Number(option("runs", "5"));

const dir = "bench/.data/journal-screen";
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const db = openDatabase(`${dir}/journal.db`);
await migrateToLatest(db);

const random = makeRng(17).next;
const others = Object.keys(JOURNAL_KINDS).filter((k) => k !== "login_succeeded" && k !== "login_failed");
const end = Date.UTC(2026, 11, 1);
const span = 400 * 86_400_000;
const t0 = performance.now();
const BATCH = 5_000;
for (let done = 0; done < ROWS; done += BATCH) {
  await db.transaction().execute(async (trx) => {
    const values = [];
    for (let i = done; i < Math.min(ROWS, done + BATCH); i++) {
      const draw = random();
      const kind = draw < 0.7 ? "login_succeeded" : draw < 0.9 ? "login_failed" : others[i % others.length];
      values.push({
        at: new Date(end - span + Math.floor((i / ROWS) * span)).toISOString(),
        kind,
        user_id: null,
        email: `secretaire-${Math.floor(random() * 2000)}@club-${i % 97}.fr`,
        ip: `10.0.${i % 250}.${i % 199}`,
        user_agent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
        details: null,
      });
    }
    // 7 columns a row: 1,000 rows per statement stays under SQLite's 32,766 parameters.
    for (let i = 0; i < values.length; i += 1_000) {
      await trx
        .insertInto("security_journal")
        .values(values.slice(i, i + 1_000))
        .execute();
    }
  });
}
console.log(`${ROWS} rows written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const none: JournalFilters = { evenement: null, email: "", du: null, au: null, page: 1 };
const cases: [string, Partial<JournalFilters>][] = [
  ["no filter, page 1", {}],
  ["no filter, last page", { page: 1_000_000 }],
  ["kind: password_changed (rare)", { evenement: "password_changed" }],
  ["kind: login_succeeded (70 %)", { evenement: "login_succeeded" }],
  ["e-mail: one address", { email: "secretaire-17@club-3.fr" }],
  ["e-mail: a beginning (secretaire-17)", { email: "secretaire-17" }],
  ["one month (du/au)", { du: "2026-06-01", au: "2026-06-30" }],
  ["one day + kind login_failed", { du: "2026-06-10", au: "2026-06-10", evenement: "login_failed" }],
];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log("\n| filter | matching rows | page (count + 50 rows), median |");
console.log("|---|---:|---:|");
for (const [name, filters] of cases) {
  const times: number[] = [];
  let total = 0;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    total = (await readJournalPage(db, { ...none, ...filters })).total;
    times.push(performance.now() - t);
  }
  console.log(`| ${name} | ${total.toLocaleString("en")} | ${median(times).toFixed(1)} ms |`);
}
const t = performance.now();
let read = 0;
for await (const row of journalRows(db, none)) if (row.id) read++;
console.log(
  `\nexport's reading, newest ${read.toLocaleString("en")} rows in batches of 1,000: ${(performance.now() - t).toFixed(0)} ms`,
);
await db.destroy();
