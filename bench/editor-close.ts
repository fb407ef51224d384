/**
 * `tsx bench/editor-close.ts [--db FILE]`: the session editor and the closing, at federation scale.
 *
 * On a copy of the generated database (`npm run db:scale`), through the production server:
 * - the licensee search of "Participants" (`/sessions/:id/participants?q=…`): name prefixes and
 *   licence numbers (with and without dashes), 200 searches, one at a time;
 * - adding 200 candidates one search at a time (the POST "Ajouter", each after its search);
 * - "Vérifier" (`/sessions/:id/verification`) and "Clôturer" (`POST /sessions/:id/cloture`) of a
 *   300-candidate session.
 * Each figure is the time of one HTTP request on the loopback, so it bounds the server time from
 * above. Goals (issues 4 and 5): search p95 ≤ 20 ms, add < 100 ms, Vérifier ≤ 150 ms, close ≤ 300 ms.
 */
import Database from "better-sqlite3";
import { copyFileSync, existsSync, rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { BENCH_PASSWORD, BENCH_USERS, DEFAULT_DB } from "./accounts";
import { percentile } from "./floor";
import { build, csrfToken, login, startServer } from "./server";

const args = process.argv.slice(2);
const source = args.includes("--db") ? args[args.indexOf("--db") + 1] : DEFAULT_DB;
if (!existsSync(source)) {
  console.error(`Base introuvable : ${source}. Lancez d'abord : npm run db:scale -- --sessions 1000000`);
  process.exit(1);
}
const copy = "bench/.data/editor-close.db";
for (const suffix of ["", "-wal", "-shm"]) rmSync(copy + suffix, { force: true });
copyFileSync(source, copy);

// The largest club, a draft N2 session of it, 300 eligible candidates and an authorised président.
const sqlite = new Database(copy);
const club = sqlite
  .prepare(
    `select o.id, o.code from user_scopes us join users u on u.id = us.user_id join organisers o on o.id = us.organiser_id
     where u.email = ?`,
  )
  .get(BENCH_USERS.club) as { id: number; code: string };
const now = new Date().toISOString();
const newSession = (title: string) =>
  Number(
    sqlite
      .prepare(
        `insert into exam_sessions (title, title_search, organiser_id, certification_code, place, place_search,
           start_date, status, version, created_at, updated_at) values (?, lower(?), ?, 'N2', 'Fosse', 'fosse', '2026-06-13', 'draft', 1, ?, ?)`,
      )
      .run(title, title, club.id, now, now).lastInsertRowid,
  );
// The generated federation holds licences only: give the chosen people the certifications the
// N2 checks look at (N1 for the candidates, MF1 for the président), in this copy.
const people = sqlite
  .prepare(
    `select l.id, l.licence, l.last_name from licensees l
     where l.birth_date <= '2000-06-13'
       and exists (select 1 from licences x where x.licensee_id = l.id and x.season = 2026 and x.status = 'validee')
       and not exists (select 1 from certifications_held h where h.licensee_id = l.id and h.certification_code = 'N2')
     order by l.id limit 521 offset 5000`,
  )
  .all() as { id: number; licence: string; last_name: string }[];
const eligible = people.slice(0, 520);
const president = people[520];
const hold = sqlite.prepare(
  "insert or ignore into certifications_held (licensee_id, certification_code, obtained_on, created_at) values (?, ?, '2015-06-01', ?)",
);
sqlite.transaction(() => {
  for (const person of eligible) hold.run(person.id, "N1", now);
  hold.run(president.id, "MF1", now);
})();
sqlite
  .prepare("insert or ignore into authorisations (licensee_id, organiser_id, given_at) values (?, ?, ?)")
  .run(president.id, club.id, now);
const toClose = newSession("Banc d'essai : clôture de 300 candidats");
const insertCandidate = sqlite.prepare("insert into session_candidates (session_id, licensee_id) values (?, ?)");
sqlite.transaction(() => {
  for (const person of eligible.slice(0, 300)) insertCandidate.run(toClose, person.id);
  sqlite
    .prepare("insert into session_jury (session_id, licensee_id, role) values (?, ?, 'president')")
    .run(toClose, president.id);
})();
const toFill = newSession("Banc d'essai : ajout de 200 candidats");
const licenceSamples = sqlite.prepare("select licence from licensees order by id limit 100 offset 1000").all() as {
  licence: string;
}[];
sqlite.close();

build();
const server = await startServer(copy, 3290);
try {
  const cookie = await login(server.origin, BENCH_USERS.club, BENCH_PASSWORD);
  const csrf = await csrfToken(server.origin, cookie);
  const time = async (path: string, init: RequestInit = {}) => {
    const started = performance.now();
    const response = await fetch(server.origin + path, {
      redirect: "manual",
      ...init,
      headers: { cookie, ...(init.headers ?? {}) },
    });
    await response.arrayBuffer();
    const ms = performance.now() - started;
    if (response.status >= 400) throw new Error(`${path} : HTTP ${response.status}`);
    return ms;
  };
  const summary = (label: string, times: number[], goal: string) => {
    const sorted = [...times].sort((a, b) => a - b);
    const row = {
      mesure: label,
      n: times.length,
      p50: percentile(sorted, 50).toFixed(1),
      p95: percentile(sorted, 95).toFixed(1),
      max: sorted[sorted.length - 1].toFixed(1),
      objectif: goal,
    };
    return row;
  };

  // Warm-up.
  for (let i = 0; i < 20; i++) await time(`/sessions/${toFill}/participants?q=mar`);

  const prefixes = [
    "ma",
    "mar",
    "mart",
    "le",
    "lef",
    "du",
    "dup",
    "ber",
    "mor",
    "pet",
    "gar",
    "rou",
    "fon",
    "bla",
    "hel",
    "jean",
    "jean-f",
    "zo",
    "lu",
    "cla",
  ];
  const nameTimes: number[] = [];
  for (let round = 0; round < 5; round++)
    for (const q of prefixes) nameTimes.push(await time(`/sessions/${toFill}/participants?q=${encodeURIComponent(q)}`));
  const licenceTimes: number[] = [];
  for (const { licence } of licenceSamples) {
    licenceTimes.push(await time(`/sessions/${toFill}/participants?q=${encodeURIComponent(licence)}`));
    licenceTimes.push(
      await time(`/sessions/${toFill}/participants?q=${encodeURIComponent(licence.replace(/-/g, "").slice(0, 6))}`),
    );
  }

  const addTimes: number[] = [];
  for (const person of eligible.slice(300, 500)) {
    await time(`/sessions/${toFill}/participants?q=${encodeURIComponent(person.licence)}`);
    addTimes.push(
      await time(`/sessions/${toFill}/participants`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          csrf,
          intent: "add",
          licensee: String(person.id),
          q: person.licence,
          page: "1",
        }).toString(),
      }),
    );
  }

  const verifyTimes: number[] = [];
  for (let i = 0; i < 20; i++) verifyTimes.push(await time(`/sessions/${toClose}/verification`));
  const closeTime = await time(`/sessions/${toClose}/cloture`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf }).toString(),
  });

  const check = new Database(copy, { readonly: true });
  const awarded = (
    check.prepare("select count(*) as n from certifications_held where session_id = ?").get(toClose) as { n: number }
  ).n;
  const added = (
    check.prepare("select count(*) as n from session_candidates where session_id = ?").get(toFill) as { n: number }
  ).n;
  const licensees = (check.prepare("select count(*) as n from licensees").get() as { n: number }).n;
  check.close();

  // The search's own server time: the same queries, in process, through the app's module.
  process.env.DATABASE_URL = copy;
  process.env.DEMO = "off";
  const { searchLicensees } = await import("../app/utils/licensee-search.server");
  const inProcess = async (queries: string[]) => {
    const times: number[] = [];
    for (const q of queries) {
      const started = performance.now();
      await searchLicensees(q, 1);
      times.push(performance.now() - started);
    }
    return times;
  };
  await inProcess(prefixes);
  const nameServer = await inProcess([...prefixes, ...prefixes, ...prefixes, ...prefixes, ...prefixes]);
  const licenceServer = await inProcess(
    licenceSamples.flatMap(({ licence }) => [licence, licence.replace(/-/g, "").slice(0, 6)]),
  );
  const deepServer: number[] = [];
  for (const q of ["ma", "le", "de"]) {
    for (const page of [1, 50, 500]) {
      const started = performance.now();
      await searchLicensees(q, page);
      deepServer.push(performance.now() - started);
    }
  }

  console.log(`Base : ${source} (${licensees.toLocaleString("fr-FR")} licenciés), club ${club.code}`);
  console.log("Temps serveur de la recherche (module de l'application, en processus) :");
  console.table([
    summary("recherche par nom (préfixe)", nameServer, "p95 ≤ 20 ms"),
    summary("recherche par licence", licenceServer, "p95 ≤ 20 ms"),
    summary("pages 1, 50 et 500 de « ma », « le », « de »", deepServer, "p95 ≤ 20 ms"),
  ]);
  console.log("Requêtes HTTP complètes (page Participants rendue, jusqu'à 200 candidats affichés) :");
  console.table([
    summary("recherche par nom (préfixe)", nameTimes, "p95 ≤ 20 ms"),
    summary("recherche par licence", licenceTimes, "p95 ≤ 20 ms"),
    summary("ajout d'un candidat (POST)", addTimes, "< 100 ms"),
    summary("Vérifier, 300 candidats", verifyTimes, "≤ 150 ms"),
    summary("Clôturer, 300 candidats", [closeTime], "≤ 300 ms"),
  ]);
  console.log(`${added} candidats ajoutés un par un ; ${awarded} brevets attribués à la clôture.`);
} finally {
  await server.stop();
}
