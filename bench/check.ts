/**
 * `tsx bench/check.ts [--db FILE] [--budget SECONDS] [--seed S]`
 *
 * Checks that the optimised list (app/sessions/list.server.ts) answers exactly
 * what the plain queries answer (bench/reference.ts): same total, same rows in the same order,
 * on every page that matters (first, second, middle, last but one, last, beyond), for every
 * sort, many filter combinations, several scopes (largest club, a commission, a small club, the
 * administrator with and without the organiser filter), and the whole export (`allSessions`).
 * The page is asked for as the loader asks it (count, then page, same filters object) and
 * without a count before it; once also with a write in between (rolled back).
 * Combinations are drawn in a fixed order and checked until the time budget runs out.
 */
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { existsSync } from "node:fs";
import type { ListFilters, SortKey } from "../app/sessions/list-filters";
import type { Database as Schema } from "../db/schema";
import { DEFAULT_DB } from "./accounts";
import { makeRng } from "./prng";
import { referenceQueries } from "./reference";
import { readBenchWorld } from "./scenarios";

const SORTS: SortKey[] = ["date_desc", "date_asc", "intitule_asc", "intitule_desc", "brevet_asc", "brevet_desc"];

function parseArgs(argv: string[]) {
  const options = { db: DEFAULT_DB, budget: 240, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "--db") options.db = value();
    else if (flag === "--budget") options.budget = Number(value());
    else if (flag === "--seed") options.seed = Number(value());
    else throw new Error(`option inconnue « ${argv[i]} »`);
  }
  return options;
}

const blank = (): ListFilters => ({
  intitule: "",
  lieu: "",
  du: null,
  au: null,
  brevet: null,
  statut: null,
  organisateur: null,
  portee: null,
  tri: "date_desc",
  page: 1,
});

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(options.db)) throw new Error(`base introuvable : ${options.db}`);
  Object.assign(process.env, {
    DATABASE_URL: options.db,
    DEMO: "off",
    SESSION_SECRET: "bench-secret-bench-secret-bench-secret-0",
  });
  const app = await import("../app/sessions/list.server");
  const { db: appDb } = await import("../app/utils/db.server");
  const raw = new Database(options.db, { readonly: true });
  const reference = referenceQueries(new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) }));

  const world = readBenchWorld(raw);
  const small = raw
    .prepare(
      `select o.id, o.code from organisers o join exam_sessions s on s.organiser_id = o.id
        where o.commission_code is null group by o.id having count(*) between 60 and 400 order by o.id limit 1`,
    )
    .get() as { id: number; code: string } | undefined;
  const commissionId = (
    raw.prepare("select id from organisers where code = ?").get(world.commission.code) as { id: number }
  ).id;
  const scopes: { name: string; organiserId: number | null; organisateur?: string | null }[] = [
    { name: `club ${world.club.code}`, organiserId: world.club.organiserId },
    { name: `commission ${world.commission.code}`, organiserId: commissionId },
    ...(small ? [{ name: `petit club ${small.code}`, organiserId: small.id }] : []),
    { name: "admin, organisateur = club", organiserId: null, organisateur: world.club.code },
    { name: "admin, organisateur inconnu", organiserId: null, organisateur: "0000000" },
    { name: "admin", organiserId: null },
  ];

  const rng = makeRng(options.seed);
  const intitules = ["", "", "nitrox", "Été", "NIVEAU 2", "n2", "l'h", "%", "_", "\\", "zzz"];
  const lieux = ["", "", world.clubTown, "piscine", "ÉCHIROLLES", "–"];
  const ranges: [string | null, string | null][] = [
    [null, null],
    [null, null],
    ["2024-01-01", "2024-12-31"],
    ["2024-03-03", null],
    [null, "2017-06-30"],
    ["2025-06-14", "2025-06-15"],
    ["2024-12-31", "2024-01-01"],
  ];
  const brevets = [null, null, "N2", "GP-N4", "MF1", "A1"];
  const statuts = [null, null, "en_creation", "cloturee"] as const;
  const combos: ListFilters[] = [blank()];
  for (let i = 0; i < 400; i++) {
    const [du, au] = rng.pick(ranges);
    combos.push({
      ...blank(),
      intitule: rng.pick(intitules),
      lieu: rng.pick(lieux),
      du,
      au,
      brevet: rng.pick(brevets),
      statut: rng.pick(statuts),
      tri: rng.pick(SORTS),
    });
  }
  for (const tri of SORTS) combos.splice(1, 0, { ...blank(), tri });

  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const failures: string[] = [];
  let pages = 0;
  let counts = 0;
  let exports = 0;
  const started = performance.now();
  const outOfTime = () => performance.now() - started > options.budget * 1000;

  outer: for (const filtersTemplate of combos) {
    for (const scope of scopes) {
      if (outOfTime()) break outer;
      const filters = { ...filtersTemplate, organisateur: scope.organisateur ?? null };
      const label = `${scope.name} ${JSON.stringify({ ...filters, page: undefined })}`;
      // Everything below the administrator's whole list is cheap for the reference too.
      const heavy = scope.organiserId === null && !scope.organisateur;
      const expected = await reference.countSessions(scope.organiserId, filters);
      const total = await app.countSessions(appDb, scope.organiserId, filters);
      counts++;
      if (total !== expected) {
        failures.push(`${label} : total ${total}, attendu ${expected}`);
        continue;
      }
      const last = Math.max(1, Math.ceil(total / app.PAGE_SIZE));
      const wanted = heavy ? [1, 2, last] : [1, 2, Math.ceil(last / 2), last - 1, last, last + 1];
      for (const page of [...new Set(wanted.filter((p) => p >= 1))]) {
        const want = await reference.listSessions(scope.organiserId, filters, page);
        // As the loader asks: the count, then the page, with the same filters object.
        const asked = { ...filters, page };
        await app.countSessions(appDb, scope.organiserId, asked);
        const got = await app.listSessions(appDb, scope.organiserId, asked, page);
        // Without a count before it.
        const alone = await app.listSessions(appDb, scope.organiserId, { ...filters, page }, page);
        pages += 2;
        if (!same(got, want))
          failures.push(`${label} page ${page} (après le compte) : ${got.length} lignes, ${want.length} attendues`);
        if (!same(alone, want))
          failures.push(`${label} page ${page} (sans compte) : ${alone.length} lignes, ${want.length} attendues`);
      }
      if (!heavy && total <= 30_000 && (exports < 40 || filters.tri !== "date_desc")) {
        const want: unknown[] = [];
        for await (const row of reference.allSessions(scope.organiserId, filters, 700)) want.push(row);
        const got: unknown[] = [];
        for await (const row of app.allSessions(appDb, scope.organiserId, filters, 700)) got.push(row);
        exports++;
        if (!same(got, want)) failures.push(`${label} export : ${got.length} lignes, ${want.length} attendues`);
      }
      if (failures.length > 20) break outer;
    }
  }

  // A write between the count and the page: the count kept for the page must not be used.
  {
    const filters = { ...blank(), page: Math.max(2, Math.ceil(world.club.sessions / app.PAGE_SIZE) - 1) };
    await app.countSessions(appDb, world.club.organiserId, filters);
    await sql`begin`.execute(appDb);
    await appDb
      .insertInto("exam_sessions")
      .values({
        title: "Écrite entre le compte et la page",
        title_search: "ecrite entre le compte et la page",
        organiser_id: world.club.organiserId,
        certification_code: "N1",
        place: "",
        place_search: "",
        start_date: "2099-01-01",
        status: "draft",
        created_at: "2099-01-01T00:00:00.000Z",
        updated_at: "2099-01-01T00:00:00.000Z",
      })
      .execute();
    const shown = await app.listSessions(appDb, world.club.organiserId, filters, filters.page);
    await sql`rollback`.execute(appDb);
    // The reference reads its own connection: it does not see the uncommitted row. The app's
    // page, read inside the transaction, starts one row later in date order.
    const want = await reference.listSessions(world.club.organiserId, filters, filters.page);
    const previous = await reference.listSessions(world.club.organiserId, filters, filters.page - 1);
    const expectedIds = [previous[previous.length - 1].id, ...want.slice(0, -1).map((r) => r.id)];
    pages++;
    if (
      !same(
        shown.map((r) => r.id),
        expectedIds,
      )
    )
      failures.push("écriture entre le compte et la page : page décalée");
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    `${counts} totaux, ${pages} pages et ${exports} exports comparés en ${seconds} s ` +
      `(${combos.length} combinaisons × ${scopes.length} portées au plus) sur ${options.db}`,
  );
  if (failures.length > 0) {
    for (const f of failures) console.log(`✘ ${f}`);
    process.exit(1);
  }
  console.log("✔ mêmes totaux, mêmes lignes, même ordre");
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
