/**
 * `tsx bench/pg-plans.ts --postgres postgres://… [--only TEXT] [--out bench/.data/pg-plans.txt]`
 *
 * The list's queries on PostgreSQL with `EXPLAIN (ANALYZE, BUFFERS)`: for every scenario of
 * bench/scenarios.ts, the statements the app's own `readListPage` (app/sessions/list.server.ts)
 * sends for the page (the organiser named by the filter, the count, the page), recorded through
 * Kysely's query log, then each explained with its parameters. Prints a Markdown table (plan
 * nodes, the indexes they read, execution time) and writes every plan in full to `--out`.
 */
import { writeFileSync } from "node:fs";
import { Kysely, PostgresDialect, type CompiledQuery } from "kysely";
import pg from "pg";
import type { Database as Schema } from "../db/schema";
import { parseListParams } from "../app/sessions/list-filters";
import { openDatabase, pgTypes } from "../db/connection";
import { isPostgresUrl } from "../db/dialect";
import { scenarios, type BenchWorld } from "./scenarios";
import { BENCH_USERS } from "./accounts";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const url = option("--postgres", "");
const only = option("--only", "");
const out = option("--out", "bench/.data/pg-plans.txt");
if (!isPostgresUrl(url))
  throw new Error("--postgres postgres://… : la base PostgreSQL (npm run db:copy, puis VACUUM ANALYZE)");

// The app's modules open DATABASE_URL when imported: the same database.
Object.assign(process.env, { DATABASE_URL: url, DEMO: "off" });
const server = await import("../app/sessions/list.server");

const recorded: CompiledQuery[] = [];
const pool = new pg.Pool({ connectionString: url, max: 2, types: pgTypes });
const db = new Kysely<Schema>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    if (event.level === "query") recorded.push(event.query);
  },
});

async function world(): Promise<BenchWorld> {
  const plain = openDatabase(url, { poolMax: 1 });
  try {
    const scope = async (email: string) => {
      const row = await plain
        .selectFrom("users as u")
        .innerJoin("user_scopes as us", "us.user_id", "u.id")
        .innerJoin("organisers as o", "o.id", "us.organiser_id")
        .select(["o.id as organiserId", "o.code", "o.name"])
        .where("u.email", "=", email)
        .executeTakeFirstOrThrow();
      const { n } = await plain
        .selectFrom("exam_sessions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("organiser_id", "=", row.organiserId)
        .executeTakeFirstOrThrow();
      return { ...row, sessions: Number(n) };
    };
    const club = await scope(BENCH_USERS.club);
    const commission = await scope(BENCH_USERS.commission);
    const { place } = await plain
      .selectFrom("exam_sessions")
      .select("place")
      .where("organiser_id", "=", club.organiserId)
      .groupBy("place")
      .orderBy((eb) => eb.fn.countAll(), "desc")
      .orderBy("place")
      .limit(1)
      .executeTakeFirstOrThrow();
    const words = place.split(/[\s,–]+/).filter((w) => w.length > 2);
    const { n } = await plain
      .selectFrom("exam_sessions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return { sessions: Number(n), club, commission, clubTown: words[words.length - 1] };
  } finally {
    await plain.destroy();
  }
}

/** The plan's nodes, one per line, shortened: "Index Only Scan using x on exam_sessions s". */
function nodes(plan: string[]): string[] {
  return plan
    .map((line) => /^\s*(?:->\s+)?([A-Z][A-Za-z ]+?(?: using \S+)?(?: on \S+(?: \S+)?)?)\s+\(cost=/.exec(line)?.[1])
    .filter((n): n is string => Boolean(n));
}

const bench = await world();
const client = await pool.connect();
const full: string[] = [];
const rows: string[][] = [];
try {
  for (const scenario of scenarios(bench)) {
    if (only && !`${scenario.who} ${scenario.name}`.includes(only)) continue;
    const { filters } = parseListParams(new URLSearchParams(scenario.search));
    const organiserId = scenario.who === "club" ? bench.club.organiserId : null;
    if (organiserId !== null) filters.organisateur = null;
    recorded.length = 0;
    if (filters.organisateur && !(await server.findOrganiser(db, filters.organisateur))) filters.organisateur = null;
    await server.readListPage(db, organiserId, filters);
    full.push(`\n### ${scenario.who} — ${scenario.name} (${scenario.search || "sans paramètre"})`);
    for (const query of recorded) {
      const text = query.sql.replace(/\s+/g, " ");
      // The change stamp (pg_current_snapshot) and the transaction's own statements are not the list's.
      if (!/^select/i.test(text) || /pg_current_snapshot/.test(text)) continue;
      const { rows: plan } = await client.query<{ "QUERY PLAN": string }>(
        `explain (analyze, buffers) ${query.sql}`,
        query.parameters as unknown[],
      );
      const lines = plan.map((r) => r["QUERY PLAN"]);
      full.push("", `    ${text}`, `    -- ${JSON.stringify(query.parameters)}`, ...lines.map((l) => `    ${l}`));
      const execution = /Execution Time: ([\d.]+) ms/.exec(lines.join("\n"))?.[1] ?? "?";
      const kind = /"session_counts"/.test(text)
        ? "total gardé (session_counts)"
        : /count\(/i.test(text)
          ? "total (count)"
          : /^select max\(/i.test(text)
            ? "plus longue session (du / au)"
            : /"exam_sessions"/.test(text)
              ? "page"
              : "organisateur";
      rows.push([`${scenario.who} — ${scenario.name}`, kind, [...new Set(nodes(lines))].join(" → "), execution]);
    }
  }
} finally {
  client.release();
  await db.destroy();
}
writeFileSync(out, full.join("\n") + "\n");
console.log("| scénario | requête | nœuds du plan (index lus) | exécution ms |");
console.log("|---|---|---|---:|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
console.log(`\nPlans complets : ${out}`);
process.exit(0);
