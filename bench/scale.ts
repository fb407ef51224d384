/**
 * `npm run db:scale -- --sessions N [--out FILE] [--seed S] [--licensees L] [--clubs C]`
 *
 * Generates a federation-size SQLite database, deterministically (seeded PRNG): 1 national
 * federation, 13 regions, 96 CODEPs, 2,500 clubs/SCAs, their organisers (one per club, one per
 * committee × commission), 300,000 licensees with their licences, N exam sessions (reference:
 * 1,000,000) with 3 candidates each on average, and a few users (see BENCH_USERS).
 *
 * The schema comes from the migrations (`migrateToLatest`); rows are then written with raw
 * better-sqlite3 prepared statements in big transactions, without sync, secondary indexes or
 * the count triggers (candidates per session, sessions per organiser), which are all recreated
 * afterwards from their stored SQL (so exactly as the migrations wrote them). `candidate_count`
 * is written directly and checked; `session_counts` is filled at the end (migration 005's own
 * statements).
 *
 * `--out postgres://…` builds the same database into a temporary SQLite file, then copies it into
 * that PostgreSQL database (`npm run db:copy`'s copy, replacing what it held, with the secondary
 * indexes built after it, then VACUUM ANALYZE: bench/pg-fast-load.ts).
 */
import Database from "better-sqlite3";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { hashPassword } from "../db/password";
import { openDatabase } from "../db/connection";
import { isPostgresUrl } from "../db/dialect";
import { FEMALE_FIRST_NAMES, HOMMAGES, LAST_NAMES, MALE_FIRST_NAMES, MONTHS, SEASONS } from "../db/demo-data";
import { migrateToLatest } from "../db/migrate";
import { sessionCountsRebuild } from "../db/migrations/005_session_counts";
import { normalizeName, normalizeSearch } from "../db/normalize";
import {
  BUSY_DEPARTMENTS,
  CLUB_NAMES,
  DEPARTMENTS,
  INDOOR_PLACES,
  OUTDOOR_PLACES,
  POOL_NAMES,
  REGIONS,
  SCA_NAMES,
  SEA_PLACES,
  ofTown,
  type Department,
} from "./france";
import { BENCH_PASSWORD, BENCH_USERS, DEFAULT_DB } from "./accounts";
import { fastLoadIntoPostgres } from "./pg-fast-load";
import { makeRng, weighted, weightedIndex, zipf, type Rng } from "./prng";

/** "Today" for the generated data, fixed so that the database does not depend on the day it is built. */
const TODAY = "2026-11-27";
const FIRST_DAY = "2016-12-01";
const LAST_DAY = "2027-05-31";

interface Options {
  sessions: number;
  licensees: number;
  clubs: number;
  out: string;
  seed: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { sessions: 1_000_000, licensees: 300_000, clubs: 2_500, out: DEFAULT_DB, seed: 20261127 };
  const count = (name: string, value: string | undefined) => {
    const n = Number((value ?? "").replace(/[_,]/g, ""));
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} attend un entier positif (reçu « ${value ?? ""} »)`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--sessions") options.sessions = count(flag, value());
    else if (flag === "--licensees") options.licensees = count(flag, value());
    else if (flag === "--clubs") options.clubs = count(flag, value());
    else if (flag === "--seed") options.seed = count(flag, value());
    else if (flag === "--out") options.out = value() ?? DEFAULT_DB;
    else if (flag === "--help" || flag === "-h") {
      console.log("usage: tsx bench/scale.ts --sessions N [--out FILE] [--seed S] [--licensees L] [--clubs C]");
      process.exit(0);
    } else throw new Error(`option inconnue « ${argv[i]} »`);
  }
  if (options.clubs < DEPARTMENTS.length)
    throw new Error(`--clubs : ${DEPARTMENTS.length} au moins (un par département)`);
  return options;
}

// ---------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** More exams in spring and summer. */
const MONTH_WEIGHT = [0.5, 0.6, 0.8, 1, 1, 1, 0.9, 0.7, 0.8, 0.8, 0.7, 0.5];

/** A start day: weighted by month, mostly a Saturday or a Sunday (1970-01-01 was a Thursday). */
function drawDay(rng: Rng, first: number, last: number): number {
  for (;;) {
    let day = rng.int(first, last);
    const month = new Date(day * DAY_MS).getUTCMonth();
    if (!rng.chance(MONTH_WEIGHT[month])) continue;
    if (rng.chance(0.75)) {
      const target = rng.chance(0.65) ? 6 : 0;
      while ((day + 4) % 7 !== target) day++;
    }
    if (day <= last) return day;
  }
}

// ---------------------------------------------------------------------------------------------
// Catalogue use

const CLUB_BREVETS = weighted([
  ["N1", 24],
  ["N2", 20],
  ["N3", 8],
  ["RIFAP", 10],
  ["NITROX", 7],
  ["NITROX-C", 3],
  ["PA20", 4],
  ["PE40", 5],
  ["PA40", 5],
  ["PE60", 2],
  ["N5", 1],
  ["BRONZE", 4],
  ["ARGENT", 2],
  ["OR", 1],
  ["INITIATEUR", 2],
  ["TRIMIX-E", 0.5],
  ["A1", 3],
  ["A2", 2],
  ["A3", 1],
  ["A4", 0.5],
  ["PB1", 1.5],
  ["PB2", 0.7],
] as const);
const CODEP_BREVETS = weighted([
  ["TIV", 45],
  ["INITIATEUR", 40],
  ["ANTEOR", 15],
] as const);
const REGION_BREVETS = weighted([
  ["TIV", 40],
  ["GP-N4", 30],
  ["MF1", 20],
  ["ANTEOR", 5],
] as const);
const CANDIDATES = weighted([
  [1, 20],
  [2, 25],
  [3, 20],
  [4, 13],
  [5, 9],
  [6, 6],
  [7, 4],
  [8, 3],
] as const);

interface TitleParts {
  code: string;
  name: string;
  annee: string;
  mois: string;
  saison: string;
  ville: string;
  hommage: string;
}
type Title = (t: TitleParts) => string;

const TITLES: Record<string, Title[]> = {
  N1: [
    (t) => `N1 ${t.saison} ${t.annee}`,
    (t) => `Niveau 1 – ${t.mois} ${t.annee}`,
    (t) => `Passage N1 ${t.ville} ${t.mois} ${t.annee}`,
  ],
  N2: [
    (t) => `N2 ${t.saison} ${t.annee}`,
    (t) => `Niveau 2 – ${t.mois} ${t.annee}`,
    (t) => `Validation N2 ${t.ville} ${t.mois} ${t.annee}`,
  ],
  N3: [
    (t) => `N3 ${t.saison} ${t.annee}`,
    (t) => `Niveau 3 – ${t.ville} ${t.annee}`,
    (t) => `Stage N3 ${t.mois} ${t.annee}`,
  ],
  PA20: [(t) => `PA20 ${t.mois} ${t.annee}`, (t) => `Autonome 20 m – ${t.saison} ${t.annee}`],
  PE40: [(t) => `PE40 ${t.mois} ${t.annee}`, (t) => `Encadré 40 m – ${t.saison} ${t.annee}`],
  PA40: [(t) => `PA40 ${t.saison} ${t.annee}`, (t) => `Autonome 40 m – ${t.ville} ${t.mois} ${t.annee}`],
  PE60: [(t) => `PE60 ${t.mois} ${t.annee}`, (t) => `Encadré 60 m – ${t.ville} ${t.annee}`],
  N5: [(t) => `Directeur de plongée N5 – ${t.annee}`, (t) => `N5 ${t.ville} ${t.mois} ${t.annee}`],
  RIFAP: [
    (t) => `RIFAP ${t.mois} ${t.annee}`,
    (t) => `Formation RIFAP – ${t.saison} ${t.annee}`,
    (t) => `RIFAP ${t.ville} ${t.mois} ${t.annee}`,
  ],
  NITROX: [(t) => `Nitrox ${t.mois} ${t.annee}`, (t) => `Plongeur Nitrox – ${t.saison} ${t.annee}`],
  "NITROX-C": [(t) => `Nitrox confirmé ${t.mois} ${t.annee}`, (t) => `Nitrox confirmé – ${t.ville} ${t.annee}`],
  "TRIMIX-E": [(t) => `Trimix élémentaire ${t.saison} ${t.annee}`, (t) => `Stage Trimix – ${t.ville} ${t.annee}`],
  BRONZE: [(t) => `Plongeur de Bronze – ${t.mois} ${t.annee}`, (t) => `Enfants : Bronze ${t.saison} ${t.annee}`],
  ARGENT: [(t) => `Plongeur d'Argent – ${t.mois} ${t.annee}`, (t) => `Enfants : Argent ${t.saison} ${t.annee}`],
  OR: [(t) => `Plongeur d'Or – ${t.mois} ${t.annee}`, (t) => `Enfants : Or ${t.saison} ${t.annee}`],
  A1: [(t) => `Apnée A1 ${t.mois} ${t.annee}`, (t) => `Apnéiste niveau 1 – ${t.ville} ${t.saison} ${t.annee}`],
  A2: [(t) => `Apnée A2 ${t.mois} ${t.annee}`, (t) => `Apnéiste niveau 2 – ${t.ville} ${t.annee}`],
  A3: [(t) => `Apnée A3 – ${t.saison} ${t.annee}`, (t) => `Fosse ${t.ville} : apnée niveau 3 ${t.annee}`],
  A4: [(t) => `Apnée A4 – ${t.ville} ${t.annee}`],
  PB1: [(t) => `Plongeur bio 1 – ${t.saison} ${t.annee}`, (t) => `Biologie subaquatique PB1 ${t.ville} ${t.annee}`],
  PB2: [(t) => `Plongeur bio 2 – ${t.mois} ${t.annee}`, (t) => `Stage bio PB2 – ${t.ville} ${t.annee}`],
  INITIATEUR: [
    (t) => `Initiateur ${t.ville} ${t.mois} ${t.annee}`,
    (t) => `Session Initiateur – ${t.ville}`,
    (t) => `Initiateur ${t.ville} ${t.mois} ${t.annee} – en l'honneur de ${t.hommage}`,
  ],
  "GP-N4": [
    (t) => `Session Niveau 4 – ${t.ville}`,
    (t) => `Guide de palanquée ${t.saison} ${t.annee}`,
    (t) => `N4 ${t.ville} ${t.mois} ${t.annee}`,
  ],
  MF1: [
    (t) => `MF1 ${t.ville} ${t.mois} ${t.annee}`,
    (t) => `Examen MF1 – ${t.saison} ${t.annee}`,
    (t) => `MF1 ${t.annee} – promotion ${t.hommage}`,
  ],
  MF2: [(t) => `MF2 ${t.annee} – session nationale`, (t) => `Examen MF2 – ${t.ville} ${t.mois} ${t.annee}`],
  TIV: [(t) => `TIV ${t.mois} ${t.annee}`, (t) => `Examen TIV – ${t.ville}`, (t) => `TIV ${t.ville} ${t.annee}`],
  ANTEOR: [(t) => `ANTEOR ${t.mois} ${t.annee}`, (t) => `Formation ANTEOR – ${t.ville}`],
};

/** Last day: most sessions are one day or a weekend; GP-N4 up to 4 exam days. */
function endDay(rng: Rng, brevet: string, day: number): number | null {
  if (brevet === "GP-N4") return day + rng.int(2, 3);
  if (brevet === "MF1" || brevet === "MF2") return day + 2;
  return rng.chance(0.45) ? day + 1 : null;
}

// ---------------------------------------------------------------------------------------------
// The federation

type Kind = "CLUB" | "CODEP" | "REGION" | "NATIONAL";

interface Club {
  code: string;
  type: "CLUB" | "SCA";
  name: string;
  department: Department;
  town: string;
  /** The 3 places it uses, the first most often. */
  places: string[];
}

interface Organiser {
  id: number;
  code: string;
  kind: Kind;
  /** The department (club, CODEP), or the region code (REGION), or null (national). */
  department: Department | null;
  region: string | null;
  club: Club | null;
  /** The departments its sessions take place in. */
  area: Department[];
  /** Licensee ids its candidates are drawn from. */
  pool: Int32Array;
  sessions: number;
}

function fill(template: string, town: string, rng: Rng): string {
  return template.replace("{de}", ofTown(town)).replace("{ville}", town).replace("{piscine}", rng.pick(POOL_NAMES));
}

function placeFor(rng: Rng, department: Department, town: string): string {
  const r = rng.next();
  if (department.coastal && r < 0.3) return fill(rng.pick(SEA_PLACES), town, rng);
  if (r < 0.4) return fill(rng.pick(OUTDOOR_PLACES), town, rng);
  return fill(rng.pick(INDOOR_PLACES), town, rng);
}

/** Clubs spread over departments: more on the coast and in large cities, 5 at least each. */
function makeClubs(rng: Rng, total: number): Club[] {
  const weights = DEPARTMENTS.map((d) => (d.coastal ? 2 : 1) * (BUSY_DEPARTMENTS.has(d.code) ? 3 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(5, Math.floor((w / sum) * total)));
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < total; i = (i + 1) % counts.length) counts[i]++;
  for (let i = 0; counts.reduce((a, b) => a + b, 0) > total; i = (i + 1) % counts.length)
    if (counts[i] > 5) counts[i]--;

  const clubs: Club[] = [];
  const usedNames = new Set<string>();
  DEPARTMENTS.forEach((department, d) => {
    let number = 0;
    for (let i = 0; i < counts[d]; i++) {
      number += rng.int(1, Math.max(1, Math.floor(9000 / counts[d])));
      const type = rng.chance(0.12) ? "SCA" : "CLUB";
      let town = rng.pick(department.towns);
      let name = "";
      for (let attempt = 0; attempt < 20 && (!name || usedNames.has(name)); attempt++) {
        town = rng.pick(department.towns);
        name = fill(rng.pick(type === "SCA" ? SCA_NAMES : CLUB_NAMES), town, rng);
      }
      if (usedNames.has(name)) name = `${name} ${i + 1}`;
      usedNames.add(name);
      const places = [
        placeFor(rng, department, town),
        placeFor(rng, department, town),
        placeFor(rng, department, rng.pick(department.towns)),
      ];
      clubs.push({
        code: `0${department.code}${String(number).padStart(4, "0")}`,
        type,
        name,
        department,
        town,
        places,
      });
    }
  });
  return clubs;
}

// ---------------------------------------------------------------------------------------------

const timings: [string, number][] = [];
async function step<T>(label: string, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  timings.push([label, ms]);
  console.log(`  ${label.padEnd(44)} ${(ms / 1000).toFixed(1).padStart(7)} s`);
  return result;
}

const fmt = (n: number) => n.toLocaleString("en-US");

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const postgres = isPostgresUrl(options.out) ? options.out : null;
  if (postgres) options.out = join(tmpdir(), `sessions-scale-${process.pid}.db`);
  const rng = makeRng(options.seed);
  const started = performance.now();
  console.log(
    `Base « ${postgres ? postgres.replace(/\/\/[^@/]*@/, "//…@") : options.out} » : ${fmt(options.sessions)} sessions, ${fmt(options.licensees)} licenciés, ` +
      `${fmt(options.clubs)} clubs (graine ${options.seed})`,
  );

  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${options.out}${suffix}`, { force: true });
  mkdirSync(dirname(options.out), { recursive: true });

  await step("migrations (migrateToLatest)", async () => {
    const kysely = openDatabase(options.out);
    await migrateToLatest(kysely);
    await kysely.destroy();
  });
  const passwordHash = await step("mot de passe (hashPassword)", () => hashPassword(BENCH_PASSWORD));

  const db = new Database(options.out);
  // No WAL during the load (it would hold the whole database once more), no sync.
  db.pragma("journal_mode = DELETE");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = OFF");
  db.pragma("locking_mode = EXCLUSIVE");
  db.pragma("cache_size = -1000000");
  db.pragma("temp_store = MEMORY");

  // Secondary indexes and the candidate-count triggers go during the load and come back after.
  const bulkTables = ["exam_sessions", "session_candidates", "licensees", "licences"];
  const indexes = db
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null
         and tbl_name in (${bulkTables.map(() => "?").join(", ")}) order by name`,
    )
    .all(...bulkTables) as { name: string; sql: string }[];
  const countTriggers = db
    .prepare(
      `select name, sql from sqlite_master where type = 'trigger'
         and (name in ('session_candidates_count_insert', 'session_candidates_count_delete')
              or name like 'exam_sessions_count_%') order by name`,
    )
    .all() as { name: string; sql: string }[];
  if (countTriggers.length !== 5)
    throw new Error("les cinq déclencheurs de comptage (candidats, sessions) sont introuvables");
  for (const index of indexes) db.exec(`drop index ${index.name}`);
  for (const trigger of countTriggers) db.exec(`drop trigger ${trigger.name}`);

  const catalogue = new Map(
    (
      db.prepare("select code, name, grid_code from certifications").all() as {
        code: string;
        name: string;
        grid_code: string | null;
      }[]
    ).map((c) => [c.code, c]),
  );
  for (const code of Object.keys(TITLES))
    if (!catalogue.has(code)) throw new Error(`brevet inconnu du catalogue : ${code}`);
  const gridOf = new Map<string, number>();
  for (const g of db.prepare("select code, max(id) as id from exam_grids group by code").all() as {
    code: string;
    id: number;
  }[]) {
    for (const c of catalogue.values()) if (c.grid_code === g.code) gridOf.set(c.code, g.id);
  }
  const commissions = db.prepare("select code, name from commissions order by code").all() as {
    code: string;
    name: string;
  }[];

  // --- Structures and organisers -------------------------------------------------------------
  const clubs = makeClubs(rng, options.clubs);
  const organisers: Organiser[] = [];
  await step("structures et organisateurs", () =>
    db.transaction(() => {
      const structure = db.prepare(
        "insert into structures (code, type, name, name_search, parent_code) values (?, ?, ?, ?, ?)",
      );
      const organiser = db.prepare(
        "insert into organisers (code, structure_code, commission_code, name, name_search) values (?, ?, ?, ?, ?)",
      );
      const addOrganiser = (
        o: Omit<Organiser, "id" | "pool" | "sessions" | "area">,
        structureCode: string,
        commission: string | null,
        name: string,
      ) => {
        const id = Number(
          organiser.run(o.code, structureCode, commission, name, normalizeSearch(`${name} ${o.code}`)).lastInsertRowid,
        );
        const area = o.department
          ? [o.department]
          : DEPARTMENTS.filter((d) => o.region === null || d.region === o.region);
        organisers.push({ ...o, id, area, pool: new Int32Array(0), sessions: 0 });
      };
      const committee = (
        code: string,
        kind: Kind,
        name: string,
        department: Department | null,
        region: string | null,
      ) => {
        for (const c of commissions) {
          addOrganiser(
            { code: `${code}/${c.code}`, kind, department, region, club: null },
            code,
            c.code,
            `${c.name} – ${name}`,
          );
        }
      };
      const national = { code: "FFESSM", name: "Fédération française d'études et de sports sous-marins" };
      structure.run(national.code, "NATIONAL", national.name, normalizeSearch(national.name), null);
      committee(national.code, "NATIONAL", national.name, null, null);
      for (const r of REGIONS) {
        structure.run(r.code, "REGION", r.name, normalizeSearch(r.name), national.code);
        committee(r.code, "REGION", r.name, null, r.code);
      }
      for (const d of DEPARTMENTS) {
        const name = `Comité départemental ${d.of}`;
        structure.run(`CODEP-${d.code}`, "CODEP", name, normalizeSearch(name), d.region);
        committee(`CODEP-${d.code}`, "CODEP", name, d, d.region);
      }
      for (const c of clubs) {
        structure.run(c.code, c.type, c.name, normalizeSearch(c.name), `CODEP-${c.department.code}`);
        addOrganiser(
          { code: c.code, kind: "CLUB", department: c.department, region: c.department.region, club: c },
          c.code,
          null,
          c.name,
        );
      }
    })(),
  );

  // Who organises how much: clubs 88 % (a few very active ones), CODEPs 7 %, regions 4.5 %,
  // the national commission 0.5 %. Only Technique commissions of committees have brevets to
  // examine (the catalogue's levels), so the other commissions organise nothing.
  const shuffledZipf = (n: number, s: number) =>
    rng.shuffle(zipf(n, s)).map((w, _, all) => w / all.reduce((a, b) => a + b, 0));
  const clubOrganisers = organisers.filter((o) => o.kind === "CLUB");
  const codepOrganisers = organisers.filter((o) => o.kind === "CODEP" && o.code.endsWith("/TECHNIQUE"));
  const regionOrganisers = organisers.filter((o) => o.kind === "REGION" && o.code.endsWith("/TECHNIQUE"));
  const nationalOrganisers = organisers.filter((o) => o.kind === "NATIONAL" && o.code.endsWith("/TECHNIQUE"));
  const clubActivity = shuffledZipf(clubOrganisers.length, 0.7);
  const weightOf = new Map<Organiser, number>();
  clubOrganisers.forEach((o, i) => weightOf.set(o, 0.88 * clubActivity[i]));
  shuffledZipf(codepOrganisers.length, 0.5).forEach((w, i) => weightOf.set(codepOrganisers[i], 0.07 * w));
  shuffledZipf(regionOrganisers.length, 0.5).forEach((w, i) => weightOf.set(regionOrganisers[i], 0.045 * w));
  nationalOrganisers.forEach((o) => weightOf.set(o, 0.005));
  const active = [...weightOf.keys()];
  const drawOrganiser = weightedIndex(active.map((o) => weightOf.get(o)!));

  // --- Licensees and licences ----------------------------------------------------------------
  // Members: 8 per club at least, the rest half evenly, half following the club's activity.
  const drawClub = weightedIndex(clubActivity.map((w) => 0.5 / clubActivity.length + 0.5 * w));
  const members: number[][] = clubOrganisers.map(() => []);
  await step(`licenciés (${fmt(options.licensees)}) et licences`, () =>
    db.transaction(() => {
      const licensee = db.prepare(
        `insert into licensees (id, licence, licence_compact, last_name, first_name, last_name_search, first_name_search,
           birth_date, structure_code, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const licence = db.prepare("insert into licences (licensee_id, season, status) values (?, ?, ?)");
      const birthFirst = dayOf("1950-01-01");
      const birthLast = dayOf("2014-12-31");
      for (let i = 0; i < options.licensees; i++) {
        const id = i + 1;
        const c = i < clubOrganisers.length * 8 ? i % clubOrganisers.length : drawClub(rng);
        members[c].push(id);
        const club = clubOrganisers[c].club!;
        const female = rng.chance(0.42);
        const first = rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
        const last = rng.chance(0.03) ? `${rng.pick(LAST_NAMES)}-${rng.pick(LAST_NAMES)}` : rng.pick(LAST_NAMES);
        // A-12-345678: a letter, the department, six digits (a permutation of the index: unique).
        const digits = String((i * 7919 + 104_729) % 1_000_000).padStart(6, "0");
        const dept = club.department.code.replace(/[AB]$/, "0").padStart(2, "0");
        const letter = "ABCD"[rng.int(0, 3)];
        const number = `${letter}-${dept}-${digits}`;
        const lastSeason = rng.chance(0.6) ? 2027 : rng.int(2017, 2026);
        const firstSeason = Math.max(2017, lastSeason - rng.int(0, 5));
        const created = `${firstSeason - 1}-09-${String(rng.int(15, 30)).padStart(2, "0")}T${String(rng.int(8, 20)).padStart(2, "0")}:00:00.000Z`;
        licensee.run(
          id,
          number,
          `${letter}${dept}${digits}`,
          last,
          first,
          normalizeName(last),
          normalizeName(first),
          isoOf(rng.int(birthFirst, birthLast)),
          club.code,
          created,
          created,
        );
        for (let season = firstSeason; season <= lastSeason; season++) {
          licence.run(id, season, season === lastSeason && rng.chance(0.05) ? "en_attente" : "validee");
        }
      }
    })(),
  );

  // Candidate pools: a club's members; a committee's clubs' members; everyone for the national.
  const byDepartment = new Map<string, number[]>();
  const byRegion = new Map<string, number[]>();
  clubOrganisers.forEach((o, i) => {
    const d = o.department!;
    if (!byDepartment.has(d.code)) byDepartment.set(d.code, []);
    if (!byRegion.has(d.region)) byRegion.set(d.region, []);
    byDepartment.get(d.code)!.push(...members[i]);
    byRegion.get(d.region)!.push(...members[i]);
    o.pool = Int32Array.from(members[i]);
  });
  for (const o of organisers) {
    if (o.kind === "CODEP") o.pool = Int32Array.from(byDepartment.get(o.department!.code) ?? []);
    else if (o.kind === "REGION") o.pool = Int32Array.from(byRegion.get(o.region!) ?? []);
    else if (o.kind === "NATIONAL") o.pool = Int32Array.from({ length: options.licensees }, (_, i) => i + 1);
  }

  // --- Sessions ------------------------------------------------------------------------------
  // Drawn first (organiser, start day, creation day), then written in creation order, as an
  // application would have: ids follow creation, not the exam date.
  const n = options.sessions;
  const sessionOrganiser = new Int32Array(n);
  const sessionDay = new Int32Array(n);
  const createdDay = new Int32Array(n);
  const firstDay = dayOf(FIRST_DAY);
  const lastDay = dayOf(LAST_DAY);
  const today = dayOf(TODAY);
  await step("tirage des sessions", () => {
    for (let i = 0; i < n; i++) {
      sessionOrganiser[i] = drawOrganiser(rng);
      sessionDay[i] = drawDay(rng, firstDay, lastDay);
      createdDay[i] = Math.min(today, sessionDay[i] - rng.int(7, 120));
    }
  });
  const order = await step("tri par date de création", () =>
    Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => createdDay[a] - createdDay[b] || a - b),
  );

  const searchCache = new Map<string, string>();
  const search = (text: string) => {
    let value = searchCache.get(text);
    if (value === undefined) {
      value = normalizeSearch(text);
      if (searchCache.size < 2_000_000) searchCache.set(text, value);
    }
    return value;
  };
  const time = (day: number) =>
    `${isoOf(day)}T${String(rng.int(7, 21)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}.000Z`;

  let candidateRows = 0;
  let closedCount = 0;
  await step(`sessions (${fmt(n)}) et candidats`, () => {
    const session = db.prepare(
      `insert into exam_sessions (id, title, title_search, organiser_id, certification_code, grid_id, place, place_search,
         start_date, end_date, status, version, candidate_count, created_by, created_at, updated_by, updated_at, closed_by, closed_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, null, ?, null, ?)`,
    );
    const candidate = db.prepare(
      "insert into session_candidates (session_id, licensee_id, equivalence_code, result, result_reasons) values (?, ?, null, ?, ?)",
    );
    const picked = new Int32Array(16);
    const batch = 50_000;
    for (let start = 0; start < n; start += batch) {
      db.transaction(() => {
        for (let k = start; k < Math.min(n, start + batch); k++) {
          const i = order[k];
          const id = k + 1;
          const o = active[sessionOrganiser[i]];
          const day = sessionDay[i];
          const brevet =
            o.kind === "CLUB"
              ? CLUB_BREVETS(rng)
              : o.kind === "CODEP"
                ? CODEP_BREVETS(rng)
                : o.kind === "REGION"
                  ? REGION_BREVETS(rng)
                  : "MF2";
          const department = rng.pick(o.area);
          const town = o.club?.town ?? rng.pick(department.towns);
          const place = o.club ? o.club.places[rng.chance(0.6) ? 0 : rng.int(1, 2)] : placeFor(rng, department, town);
          const date = isoOf(day);
          const month = Number(date.slice(5, 7)) - 1;
          const title = rng.pick(TITLES[brevet])({
            code: brevet,
            name: catalogue.get(brevet)!.name,
            annee: date.slice(0, 4),
            mois: MONTHS[month],
            saison: SEASONS[month],
            ville: town,
            hommage: rng.pick(HOMMAGES),
          });
          const end = endDay(rng, brevet, day);
          const closed = (end ?? day) < today && rng.chance(0.9);
          let count = closed || !rng.chance(0.06) ? CANDIDATES(rng) : 0;
          count = Math.min(count, o.pool.length);
          for (let c = 0; c < count; c++) {
            let licensee: number;
            do licensee = o.pool[rng.int(0, o.pool.length - 1)];
            while (picked.subarray(0, c).includes(licensee));
            picked[c] = licensee;
          }
          const created = time(createdDay[i]);
          const closedAt = closed ? time(Math.min(today, (end ?? day) + rng.int(1, 20))) : null;
          const updated = closedAt ?? time(Math.min(today, createdDay[i] + rng.int(0, 30)));
          const values = [
            id,
            title,
            search(title),
            o.id,
            brevet,
            gridOf.get(brevet) ?? null,
            place,
            search(place),
            date,
            end === null ? null : isoOf(end),
            closed ? "closed" : "draft",
            closed ? rng.int(2, 6) : rng.int(1, 4),
            count,
            created,
            updated < created ? created : updated,
            closedAt,
          ];
          // A closed session refuses new candidates (trigger): its candidates go in first.
          if (!closed) session.run(values);
          for (let c = 0; c < count; c++) {
            const admitted = closed ? rng.chance(0.85) : null;
            candidate.run(
              id,
              picked[c],
              admitted === null ? null : admitted ? "admis" : "ajourne",
              admitted === false ? JSON.stringify(["Épreuve non validée"]) : null,
            );
          }
          if (closed) session.run(values);
          candidateRows += count;
          if (closed) closedCount++;
          o.sessions++;
        }
      })();
    }
  });

  // --- Users ---------------------------------------------------------------------------------
  const largestClub = [...clubOrganisers].sort((a, b) => b.sessions - a.sessions || a.id - b.id)[0];
  const largestCommission = [...codepOrganisers, ...regionOrganisers, ...nationalOrganisers].sort(
    (a, b) => b.sessions - a.sessions || a.id - b.id,
  )[0];
  await step("utilisateurs", () =>
    db.transaction(() => {
      const user = db.prepare(
        "insert into users (email, password_hash, name, is_admin, licensee_id, created_at) values (?, ?, ?, ?, null, ?)",
      );
      const scope = db.prepare("insert into user_scopes (user_id, organiser_id, role) values (?, ?, 'gestionnaire')");
      const at = `${TODAY}T08:00:00.000Z`;
      user.run(BENCH_USERS.admin, passwordHash, "Administrateur Banc", 1, at);
      const club = Number(user.run(BENCH_USERS.club, passwordHash, "Gestionnaire Grand Club", 0, at).lastInsertRowid);
      scope.run(club, largestClub.id);
      const commission = Number(
        user.run(BENCH_USERS.commission, passwordHash, "Gestionnaire Commission", 0, at).lastInsertRowid,
      );
      scope.run(commission, largestCommission.id);
    })(),
  );

  // --- Indexes, triggers, checks -------------------------------------------------------------
  await step(`index (${indexes.length}) recréés`, () => {
    for (const index of indexes) db.exec(index.sql);
  });
  await step("déclencheurs de comptage recréés", () => {
    for (const trigger of countTriggers) db.exec(trigger.sql);
  });
  await step("comptes des sessions (session_counts)", () => {
    db.transaction(() => {
      for (const statement of sessionCountsRebuild()) db.exec(statement);
    })();
  });
  await step("contrôle de candidate_count", () => {
    const { wrong } = db
      .prepare(
        `select count(*) as wrong from exam_sessions s
          where s.candidate_count <> (select count(*) from session_candidates c where c.session_id = s.id)`,
      )
      .get() as { wrong: number };
    const { rows } = db.prepare("select count(*) as rows from session_candidates").get() as { rows: number };
    if (wrong !== 0 || rows !== candidateRows) {
      throw new Error(
        `candidate_count incohérent : ${wrong} sessions fausses, ${rows} lignes pour ${candidateRows} attendues`,
      );
    }
  });
  await step("contrôle des clés étrangères", () => {
    for (const table of [
      "structures",
      "organisers",
      "licensees",
      "licences",
      "exam_sessions",
      "session_candidates",
      "users",
      "user_scopes",
    ]) {
      const problems = db.prepare(`pragma foreign_key_check(${table})`).all();
      if (problems.length > 0)
        throw new Error(`clés étrangères invalides dans ${table} : ${JSON.stringify(problems.slice(0, 3))}`);
    }
  });
  // No ANALYZE: the app never runs it, so its databases have no statistics (bench/README.md).
  db.pragma("locking_mode = NORMAL");
  db.pragma("journal_mode = WAL");
  db.close();

  if (postgres) {
    // As bench/pg-load.ts: the indexes built after the copy, then VACUUM ANALYZE.
    await fastLoadIntoPostgres(options.out, postgres, (label, work) => step(`PostgreSQL : ${label}`, work));
  }

  // --- Summary -------------------------------------------------------------------------------
  const top = [...organisers].sort((a, b) => b.sessions - a.sessions || a.id - b.id).slice(0, 5);
  const clubsWithSessions = clubOrganisers.filter((o) => o.sessions > 0).length;
  const size = existsSync(options.out) ? statSync(options.out).size : 0;
  console.log("");
  console.log(
    `  organisateurs        ${fmt(organisers.length)} (dont ${fmt(clubOrganisers.length)} clubs/SCA, ${fmt(clubsWithSessions)} avec des sessions)`,
  );
  console.log(`  licenciés            ${fmt(options.licensees)}`);
  console.log(
    `  sessions             ${fmt(n)} (${fmt(closedCount)} clôturées, ${fmt(n - closedCount)} en création, ${FIRST_DAY} → ${LAST_DAY})`,
  );
  console.log(`  candidats            ${fmt(candidateRows)} (${(candidateRows / n).toFixed(2)} par session)`);
  console.log(`  la plus grande portée : ${top[0].code} (${fmt(top[0].sessions)} sessions)`);
  for (const o of top) console.log(`      ${o.code.padEnd(24)} ${fmt(o.sessions).padStart(9)} sessions`);
  console.log(
    `  plus grand club      : ${largestClub.code} « ${largestClub.club!.name} » (${fmt(largestClub.sessions)} sessions) → ${BENCH_USERS.club}`,
  );
  console.log(
    `  plus grande commission : ${largestCommission.code} (${fmt(largestCommission.sessions)} sessions) → ${BENCH_USERS.commission}`,
  );
  console.log(`  administrateur       : ${BENCH_USERS.admin} ; mot de passe de tous : ${BENCH_PASSWORD}`);
  console.log(
    `  fichier              : ${options.out} (${(size / 1024 / 1024).toFixed(0)} Mo)${postgres ? ", copié dans PostgreSQL" : ""}`,
  );
  if (postgres)
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${options.out}${suffix}`, { force: true });
  console.log(`  durée totale         : ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
