import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "./password";
import type { DB } from "./connection";
import { generateDemoWorld } from "./demo";
import { loadWorld, parseWorld, WorldError, type LoadReport } from "./load";
import {
  candidatesByLicence,
  describeEachDialect,
  dumpTables,
  freshDatabase,
  latestGridIdOf,
} from "../test/support/database";
import type { World } from "./world";

const NOW = new Date("2026-03-01T10:00:00.000Z");
const LATER = new Date("2026-03-02T10:00:00.000Z");

/** National > region > codep > a club and an SCA; a few people; two accounts; three sessions. */
function smallWorld(): World {
  return {
    structures: [
      // Children before parents on purpose: the loader orders them.
      { code: "0750123", type: "CLUB", name: "Club de plongée de Paris", parent: "CODEP-75" },
      { code: "0750456", type: "SCA", name: "Lutèce Plongée", parent: "CODEP-75" },
      { code: "CODEP-75", type: "CODEP", name: "Comité départemental de Paris", parent: "REGION-IDF" },
      { code: "REGION-IDF", type: "REGION", name: "Comité régional Île-de-France", parent: "FFESSM" },
      {
        code: "FFESSM",
        type: "NATIONAL",
        name: "Fédération française d'études et de sports sous-marins",
        parent: null,
      },
    ],
    commissions: [
      { code: "TECHNIQUE", name: "Commission Technique" },
      { code: "AUDIOVISUEL", name: "Commission Audiovisuelle" },
    ],
    licensees: [
      {
        licence: "A-12-000001",
        nom: "Martin",
        prenom: "Sophie",
        naissance: "1980-03-02",
        structure: "0750123",
        licences: [
          { saison: 2025, statut: "validee" },
          { saison: 2026, statut: "validee" },
        ],
        brevets: [
          { code: "N1", date: "2000-06-01" },
          { code: "N2", date: "2001-06-01" },
          { code: "MF1", date: "2010-06-01", numero: "MF1-2010-0042" },
          { code: "MF2", date: "2015-06-01" },
        ],
        autorisations: [
          { organisateur: "0750123", date: "2024-09-15" },
          { organisateur: "REGION-IDF/TECHNIQUE", date: null },
        ],
      },
      {
        licence: "A-12-000002",
        nom: "Lefèvre",
        prenom: "Élodie",
        naissance: "2000-05-10",
        structure: "0750123",
        licences: [{ saison: 2026, statut: "validee" }],
        brevets: [{ code: "N1", date: "2024-06-01" }],
        autorisations: [],
      },
      {
        licence: "A-12-000003",
        nom: "Durand",
        prenom: "Paul",
        naissance: "1999-11-30",
        structure: "0750456",
        licences: [{ saison: 2026, statut: "en_attente" }],
        brevets: [],
        autorisations: [],
      },
      {
        licence: "B-75-123456",
        nom: "Œuvray",
        prenom: "Jean",
        naissance: "1990-01-01",
        structure: "0750123",
        licences: [{ saison: 2026, statut: "validee" }],
        brevets: [
          { code: "N3", date: "2015-06-01" },
          { code: "RIFAP", date: "2015-06-01" },
        ],
        autorisations: [],
      },
    ],
    users: [
      {
        email: "Gestion@Club-Paris.fr",
        password: "motdepasse-club",
        nom: "Gestion du club",
        scopes: [
          { organiser: "0750123", role: "gestionnaire" },
          { organiser: "REGION-IDF/TECHNIQUE", role: "lecteur" },
        ],
        licence: "A-12-000001",
      },
      { email: "admin@ffessm.fr", password: "motdepasse-admin", nom: "Administrateur", scopes: [], admin: true },
    ],
    sessions: [
      {
        intitule: "Niveau 2 printemps",
        organisateur: "0750123",
        brevet: "N2",
        lieu: "Fosse de Villeneuve",
        debut: "2026-04-10",
        fin: "2026-04-12",
        statut: "en_creation",
        candidats: [{ licence: "A-12-000002" }],
        jury: [{ licence: "A-12-000001", role: "president" }],
      },
      {
        intitule: "Niveau 1 hiver",
        organisateur: "0750123",
        brevet: "N1",
        lieu: "Piscine Pontoise",
        debut: "2026-01-15",
        statut: "cloturee",
        candidats: [{ licence: "A-12-000003", equivalence: "PADI-OW" }],
        jury: [{ licence: "A-12-000001", role: "president" }],
      },
      {
        intitule: "Guide de palanquée 2026",
        organisateur: "REGION-IDF/TECHNIQUE",
        brevet: "GP-N4",
        lieu: "Marseille",
        debut: "2026-05-01",
        statut: "en_creation",
        candidats: [{ licence: "B-75-123456" }],
        jury: [{ licence: "A-12-000001", role: "president" }],
      },
    ],
  };
}

/** A deep copy of the small world, changed by `edit`. */
function worldWith(edit: (world: World) => void): World {
  const world = structuredClone(smallWorld());
  edit(world);
  return world;
}

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WorldError) return error.problems;
    throw error;
  }
  throw new Error("WorldError attendue");
}

async function sessionId(db: DB, title: string): Promise<number> {
  const row = await db.selectFrom("exam_sessions").select("id").where("title", "=", title).executeTakeFirstOrThrow();
  return row.id;
}

describeEachDialect("loadWorld", (dialect) => {
  let db: DB;
  let path: string;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ db, path, dir, cleanup } = await freshDatabase(dialect));
  });

  afterEach(async () => {
    await cleanup();
  });

  describe("loadWorld", () => {
    it("loads the demo world, then finds it up to date", async () => {
      const world = generateDemoWorld();
      const report = await loadWorld(db, world, { now: NOW });
      expect(report.sessions).toBe((world.sessions ?? []).length);
      const sessions = await db
        .selectFrom("exam_sessions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(sessions.n)).toBe((world.sessions ?? []).length);
      expect(Object.values(await loadWorld(db, world, { now: LATER })).every((n) => n === 0)).toBe(true);
    }, 120_000);

    it("loads a small world and reports what it wrote", async () => {
      const report = await loadWorld(db, smallWorld(), { now: NOW });

      // TECHNIQUE comes with the catalogue under the same name; AUDIOVISUEL is new.
      // Organisers: 2 clubs + 3 committees × 5 commissions (4 from the catalogue, 1 from the file).
      expect(report).toEqual<LoadReport>({
        structures: 5,
        commissions: 1,
        organisers: 17,
        licensees: 4,
        users: 2,
        sessions: 3,
      });

      const organisers = await db.selectFrom("organisers").selectAll().orderBy("code").execute();
      expect(organisers.find((o) => o.code === "CODEP-75/TECHNIQUE")).toMatchObject({
        structure_code: "CODEP-75",
        commission_code: "TECHNIQUE",
        name: "Commission Technique – Comité départemental de Paris",
        name_search: "commission technique – comite departemental de paris codep-75/technique",
      });
      expect(organisers.find((o) => o.code === "0750456")).toMatchObject({
        structure_code: "0750456",
        commission_code: null,
        name: "Lutèce Plongée",
      });
      expect(organisers.some((o) => o.code === "0750123/TECHNIQUE")).toBe(false);

      const elodie = await db
        .selectFrom("licensees")
        .selectAll()
        .where("licence", "=", "A-12-000002")
        .executeTakeFirstOrThrow();
      expect(elodie).toMatchObject({
        licence_compact: "A12000002",
        last_name_search: "lefevre",
        first_name_search: "elodie",
        birth_date: "2000-05-10",
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      });

      const sophie = await db
        .selectFrom("licensees")
        .select("id")
        .where("licence", "=", "A-12-000001")
        .executeTakeFirstOrThrow();
      const authorised = await db
        .selectFrom("authorisations as a")
        .innerJoin("organisers as o", "o.id", "a.organiser_id")
        .select(["o.code", "a.given_at"])
        .where("a.licensee_id", "=", sophie.id)
        .orderBy("o.code")
        .execute();
      expect(authorised).toEqual([
        { code: "0750123", given_at: "2024-09-15T12:00:00.000Z" },
        { code: "REGION-IDF/TECHNIQUE", given_at: null },
      ]);
      const mf1 = await db
        .selectFrom("certifications_held")
        .selectAll()
        .where("licensee_id", "=", sophie.id)
        .where("certification_code", "=", "MF1")
        .executeTakeFirstOrThrow();
      expect(mf1).toMatchObject({ obtained_on: "2010-06-01", certificate_number: "MF1-2010-0042", session_id: null });

      const user = await db
        .selectFrom("users")
        .selectAll()
        .where("email", "=", "gestion@club-paris.fr")
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({ name: "Gestion du club", is_admin: 0, licensee_id: sophie.id });
      expect(await verifyPassword("motdepasse-club", user.password_hash)).toBe(true);
      const scopes = await db
        .selectFrom("user_scopes as s")
        .innerJoin("organisers as o", "o.id", "s.organiser_id")
        .select(["o.code", "s.role"])
        .where("s.user_id", "=", user.id)
        .orderBy("o.code")
        .execute();
      expect(scopes).toEqual([
        { code: "0750123", role: "gestionnaire" },
        { code: "REGION-IDF/TECHNIQUE", role: "lecteur" },
      ]);
      const admin = await db
        .selectFrom("users")
        .select("is_admin")
        .where("email", "=", "admin@ffessm.fr")
        .executeTakeFirstOrThrow();
      expect(admin.is_admin).toBe(1);

      const sessions = await db.selectFrom("exam_sessions").selectAll().orderBy("start_date").execute();
      expect(sessions.map((s) => [s.title, s.status, s.closed_at, s.candidate_count])).toEqual([
        ["Niveau 1 hiver", "closed", NOW.toISOString(), 1],
        ["Niveau 2 printemps", "draft", null, 1],
        ["Guide de palanquée 2026", "draft", null, 1],
      ]);
      expect(sessions[2]).toMatchObject({
        grid_id: await latestGridIdOf(db, "N4"),
        title_search: "guide de palanquee 2026",
        place_search: "marseille",
      });
      expect(sessions[1]).toMatchObject({ grid_id: null, place: "Fosse de Villeneuve", end_date: "2026-04-12" });
      const closedCandidate = await db
        .selectFrom("session_candidates")
        .select("equivalence_code")
        .where("session_id", "=", sessions[0].id)
        .executeTakeFirstOrThrow();
      expect(closedCandidate.equivalence_code).toBe("PADI-OW");

      const audit = await db.selectFrom("audit_log").selectAll().execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: "world_loaded", at: NOW.toISOString() });
      expect(JSON.parse(audit[0].details ?? "null")).toEqual(report);
    });

    it("changes nothing when the same world is loaded twice", async () => {
      const first = await loadWorld(db, smallWorld(), { now: NOW });
      const before = await dumpTables(db, { except: ["audit_log"] });

      const report = await loadWorld(db, smallWorld(), { now: LATER });

      // Every count the first load reported, now 0.
      expect(report).toEqual(Object.fromEntries(Object.keys(first).map((key) => [key, 0])));
      expect(await dumpTables(db, { except: ["audit_log"] })).toEqual(before);
      expect(await db.selectFrom("audit_log").selectAll().execute()).toHaveLength(1);
    });

    it("rejects an invalid item with its path and writes nothing", async () => {
      const before = await dumpTables(db);
      const world = worldWith((w) => {
        w.licensees[1].naissance = "2010-02-30";
      });

      expect(await problemsOf(loadWorld(db, world, { now: NOW }))).toEqual(["licensees[1].naissance: date invalide"]);
      expect(await dumpTables(db)).toEqual(before);
    });

    it("names every bad reference with its path and writes nothing, not even the valid items", async () => {
      await loadWorld(db, smallWorld(), { now: NOW });
      const before = await dumpTables(db);
      const world = worldWith((w) => {
        w.structures.push({ code: "0750789", type: "CLUB", name: "Nouveau club", parent: "CODEP-75" });
        w.licensees[3].structure = "0750999";
        w.licensees[0].brevets.push({ code: "N9", date: "2020-01-01" });
        w.licensees[0].autorisations.push({ organisateur: "CODEP-75", date: null });
        w.users[0].scopes.push({ organiser: "CODEP-75/PECHE", role: "lecteur" });
        w.sessions[0].jury.push({ licence: "Z-99-9999", role: "membre" });
        w.sessions[2].candidats[0].equivalence = "XYZ";
      });

      const problems = await problemsOf(loadWorld(db, world, { now: LATER }));

      expect(problems).toEqual([
        "licensees[0].brevets[4].code: brevet inconnu « N9 »",
        "licensees[0].autorisations[2]: organisateur inconnu « CODEP-75 » : un comité organise par une de ses commissions (« CODEP-75/TECHNIQUE »)",
        "licensees[3].structure: structure inconnue « 0750999 »",
        "users[0].scopes[2].organiser: organisateur inconnu « CODEP-75/PECHE » : commission inconnue « PECHE »",
        "sessions[0].jury[1].licence: licencié inconnu « Z-99-9999 »",
        "sessions[2].candidats[0].equivalence: équivalence inconnue « XYZ »",
      ]);
      expect(await dumpTables(db)).toEqual(before);
    });

    it("reports duplicates and an unknown parent structure", async () => {
      const world = worldWith((w) => {
        w.structures[0].parent = "CODEP-99";
        w.licensees.push({ ...w.licensees[2] });
        w.licensees[1].licences.push({ saison: 2026, statut: "en_attente" });
      });

      expect(await problemsOf(loadWorld(db, world))).toEqual([
        "structures[0].parent: structure inconnue « CODEP-99 »",
        "licensees[4].licence: licencié en double « A-12-000003 » (déjà en licensees[2])",
        "licensees[1].licences[1].saison: saison en double « 2026 »",
      ]);
    });

    it("refuses a hierarchy of structures that loops", async () => {
      const world = worldWith((w) => {
        w.structures[4].parent = "CODEP-75";
      });

      expect(await problemsOf(loadWorld(db, world))).toEqual([
        "structures[2].parent: la hiérarchie des structures boucle sur « CODEP-75 »",
        "structures[3].parent: la hiérarchie des structures boucle sur « REGION-IDF »",
        "structures[4].parent: la hiérarchie des structures boucle sur « FFESSM »",
      ]);
    });

    it("replaces a licensee's licences, brevets and authorisations by the file's lists, keeping session awards", async () => {
      await loadWorld(db, smallWorld(), { now: NOW });
      const sophie = await db
        .selectFrom("licensees")
        .selectAll()
        .where("licence", "=", "A-12-000001")
        .executeTakeFirstOrThrow();
      const elodie = await db
        .selectFrom("licensees")
        .select("id")
        .where("licence", "=", "A-12-000002")
        .executeTakeFirstOrThrow();
      // Élodie received N2 from a session (written as the closing of a session would).
      await db
        .insertInto("certifications_held")
        .values({
          licensee_id: elodie.id,
          certification_code: "N2",
          obtained_on: "2026-04-10",
          session_id: await sessionId(db, "Niveau 2 printemps"),
          certificate_number: "N2-2026-0001",
          created_at: NOW.toISOString(),
        })
        .execute();

      const report = await loadWorld(
        db,
        worldWith((w) => {
          w.licensees[0].licences = [{ saison: 2027, statut: "en_attente" }];
          w.licensees[0].brevets = w.licensees[0].brevets.filter((b) => b.code !== "N2");
          w.licensees[0].autorisations = [{ organisateur: "0750456", date: null }];
          w.licensees[1].brevets = [];
        }),
        { now: LATER },
      );

      expect(report).toMatchObject({ licensees: 2, structures: 0, users: 0, sessions: 0 });
      const licences = await db
        .selectFrom("licences")
        .select(["season", "status"])
        .where("licensee_id", "=", sophie.id)
        .execute();
      expect(licences).toEqual([{ season: 2027, status: "en_attente" }]);
      const held = await db
        .selectFrom("certifications_held")
        .select("certification_code")
        .where("licensee_id", "=", sophie.id)
        .orderBy("certification_code")
        .execute();
      expect(held.map((h) => h.certification_code)).toEqual(["MF1", "MF2", "N1"]);
      const authorised = await db
        .selectFrom("authorisations as a")
        .innerJoin("organisers as o", "o.id", "a.organiser_id")
        .select("o.code")
        .where("a.licensee_id", "=", sophie.id)
        .execute();
      expect(authorised).toEqual([{ code: "0750456" }]);
      const elodieHeld = await db
        .selectFrom("certifications_held")
        .select(["certification_code", "session_id"])
        .where("licensee_id", "=", elodie.id)
        .execute();
      expect(elodieHeld).toEqual([{ certification_code: "N2", session_id: expect.any(Number) }]);
      const after = await db.selectFrom("licensees").selectAll().where("id", "=", sophie.id).executeTakeFirstOrThrow();
      expect(after).toEqual({ ...sophie, updated_at: LATER.toISOString() });
    });

    it("replaces a draft's fields, candidates and jury, and leaves a closed session alone", async () => {
      await loadWorld(db, smallWorld(), { now: NOW });
      const closedId = await sessionId(db, "Niveau 1 hiver");
      const closedRows = async () => ({
        session: await db.selectFrom("exam_sessions").selectAll().where("id", "=", closedId).execute(),
        candidates: await db.selectFrom("session_candidates").selectAll().where("session_id", "=", closedId).execute(),
        jury: await db.selectFrom("session_jury").selectAll().where("session_id", "=", closedId).execute(),
      });
      const closedBefore = await closedRows();

      const report = await loadWorld(
        db,
        worldWith((w) => {
          w.sessions[0].lieu = "Carrière de Roussay";
          w.sessions[0].candidats = [{ licence: "A-12-000003" }, { licence: "B-75-123456" }];
          w.sessions[0].jury = [{ licence: "A-12-000001", role: "delegue" }];
          w.sessions[1].lieu = "Ailleurs";
          w.sessions[1].candidats = [];
        }),
        { now: LATER },
      );

      expect(report).toMatchObject({ sessions: 1 });
      const draft = await db
        .selectFrom("exam_sessions")
        .selectAll()
        .where("title", "=", "Niveau 2 printemps")
        .executeTakeFirstOrThrow();
      expect(draft).toMatchObject({
        place: "Carrière de Roussay",
        place_search: "carriere de roussay",
        version: 2,
        updated_at: LATER.toISOString(),
        candidate_count: 2,
      });
      const candidates = await candidatesByLicence(db, draft.id);
      expect(candidates.map((c) => c.licence)).toEqual(["A-12-000003", "B-75-123456"]);
      const jury = await db.selectFrom("session_jury").select("role").where("session_id", "=", draft.id).execute();
      expect(jury).toEqual([{ role: "delegue" }]);

      const closedAfter = await closedRows();
      expect(closedAfter).toEqual(closedBefore);
      expect(closedAfter.session[0]).toMatchObject({ place: "Piscine Pontoise", status: "closed", candidate_count: 1 });
    });

    it("rehashes a password only when the file's one changes", async () => {
      await loadWorld(db, smallWorld(), { now: NOW });
      const before = await db
        .selectFrom("users")
        .select("password_hash")
        .where("email", "=", "admin@ffessm.fr")
        .executeTakeFirstOrThrow();

      const report = await loadWorld(
        db,
        worldWith((w) => void (w.users[1].password = "un-autre-mot-de-passe")),
        { now: LATER },
      );

      expect(report).toMatchObject({ users: 1 });
      const after = await db
        .selectFrom("users")
        .select("password_hash")
        .where("email", "=", "admin@ffessm.fr")
        .executeTakeFirstOrThrow();
      expect(after.password_hash).not.toBe(before.password_hash);
      expect(await verifyPassword("un-autre-mot-de-passe", after.password_hash)).toBe(true);
    });
  });

  describe("parseWorld", () => {
    it("words the format errors in French, each with its path", () => {
      expect(() => parseWorld([])).toThrow(WorldError);
      const problems = (() => {
        try {
          parseWorld({
            structures: "non",
            licensees: [{ licence: "12345", nom: "X", prenom: "Y", naissance: "2000-01-01" }],
          });
        } catch (error) {
          return (error as WorldError).problems;
        }
        return [];
      })();
      expect(problems).toEqual([
        "structures: liste attendue",
        "licensees[0].licence: numéro de licence invalide (format A-12-345678)",
        "licensees[0].structure: obligatoire",
      ]);
    });
  });

  describe("a closed session from the world", () => {
    const refused = /SESSION_CLOSED/;

    it("cannot be changed by raw SQL, nor its candidates or jury; a draft can", async () => {
      await loadWorld(db, smallWorld(), { now: NOW });
      const closed = await sessionId(db, "Niveau 1 hiver");
      const draft = await sessionId(db, "Niveau 2 printemps");
      const someone = await db
        .selectFrom("licensees")
        .select("id")
        .where("licence", "=", "B-75-123456")
        .executeTakeFirstOrThrow();

      for (const id of [closed, draft]) {
        const statements = [
          sql`update exam_sessions set place = 'Ailleurs' where id = ${id}`,
          sql`update session_candidates set equivalence_code = null where session_id = ${id}`,
          sql`update session_jury set role = 'membre' where session_id = ${id}`,
          sql`insert into session_candidates (session_id, licensee_id) values (${id}, ${someone.id})`,
          sql`delete from session_candidates where session_id = ${id}`,
          sql`delete from session_jury where session_id = ${id}`,
          sql`delete from exam_sessions where id = ${id}`,
        ];
        for (const statement of statements) {
          if (id === closed) await expect(statement.execute(db)).rejects.toThrow(refused);
          else await expect(statement.execute(db)).resolves.toBeDefined();
        }
      }
      expect(
        await db.selectFrom("exam_sessions").select("id").where("id", "=", draft).executeTakeFirst(),
      ).toBeUndefined();
      const stillClosed = await db
        .selectFrom("exam_sessions")
        .selectAll()
        .where("id", "=", closed)
        .executeTakeFirstOrThrow();
      expect(stillClosed).toMatchObject({ status: "closed", place: "Piscine Pontoise", candidate_count: 1 });
    });
  });

  describe("npm run db:load", () => {
    const root = join(dirname(new URL(import.meta.url).pathname), "..");
    const run = promisify(execFile);
    const load = (args: string[], databaseUrl: string) =>
      run(join(root, "node_modules/.bin/tsx"), [join(root, "db/load-cli.ts"), ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: databaseUrl },
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );

    it("loads a file, then reports it is up to date, and lists problems on stderr with exit code 1", async () => {
      const file = join(dir, "world.json");
      await writeFile(file, JSON.stringify(smallWorld()));

      const first = await load([file], path);
      expect(first).toMatchObject({ code: 0, stderr: "" });
      expect(first.stdout.trim()).toBe(
        "Monde chargé : 5 structures, 1 commission, 17 organisateurs, 4 licenciés, 2 utilisateurs, 3 sessions créés ou mis à jour.",
      );
      expect((await load([file], path)).stdout.trim()).toBe(
        "Monde chargé : aucune modification, la base était déjà à jour.",
      );

      await writeFile(file, JSON.stringify(worldWith((w) => void (w.licensees[3].structure = "0750999"))));
      const bad = await load([file], path);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain("licensees[3].structure: structure inconnue « 0750999 »");

      const usage = await load([], path);
      expect(usage.code).toBe(1);
      expect(usage.stderr).toContain("Usage : npm run db:load -- FICHIER.json");

      await writeFile(file, "{ pas du json");
      const invalid = await load([file], path);
      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toContain("n'est pas un JSON valide");
    }, 120_000); // five runs of the command, each starting its own process
  });
});
