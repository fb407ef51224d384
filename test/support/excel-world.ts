/**
 * A small world for the template tests and the benchmark: a club and the Île-de-France
 * committees, licensees, and three draft sessions (N2 without grid, Initiateur and GP-N4 with
 * marks), loaded into a freshly migrated database.
 */
import type { DB } from "../../db/connection";
import { loadWorld } from "../../db/load";
import { freshDatabase } from "./database";
import type { WorldInput } from "../../db/world";
import type { Fill } from "./import-fixtures";

export const CLUB = "0750001";
export const REGION = "REGION-IDF/TECHNIQUE";

export const SESSIONS = {
  n2: "Export N2 printemps",
  initiateur: "Export Initiateur",
  n4: "Export Niveau 4",
  large: "Export 500 candidats",
} as const;

function licensee(index: number, nom: string, prenom: string, naissance: string, brevets: string[] = []) {
  return {
    licence: `A-75-${String(200000 + index)}`,
    nom,
    prenom,
    naissance,
    structure: CLUB,
    licences: [{ saison: 2026, statut: "validee" as const }],
    brevets: brevets.map((code) => ({ code, date: "2010-06-01" })),
  };
}

export function licenceOf(index: number): string {
  return `A-75-${String(200000 + index)}`;
}

/**
 * An Initiateur bordereau of this world's people, as a club would fill it: a président and a
 * délégué, three candidates (one with marks, one with an equivalence and an NP, one with nothing),
 * names typed with other case and spacing than the registry's.
 */
export const INITIATEUR_FILL: Fill = {
  certification: "Initiateur (E1)",
  place: "Piscine Georges-Vallerey",
  startDate: "11/04/2026",
  endDate: "12/04/2026",
  jury: [
    { role: "Président de jury", licence: licenceOf(1), lastName: "Moreau", firstName: "Claire" },
    { role: "Délégué", licence: licenceOf(2), lastName: "PETIT", firstName: " marc " },
  ],
  candidates: [
    {
      licence: licenceOf(5),
      lastName: "NGO",
      firstName: "anh",
      marks: {
        "Mannequin (×1)": 12,
        "Pédagogie pratique (×2)": 12,
        "Pédagogie organisationnelle (×2)": "12,5",
        "Réglementation (×2)": 12,
      },
    },
    {
      licence: licenceOf(6),
      lastName: "Da   Silva",
      firstName: "Ines",
      equivalence: "CMAS-2",
      marks: { "Mannequin (×1)": "NP" },
    },
    { licence: licenceOf(7), lastName: "Bernard", firstName: "Zoé" },
  ],
};

/** The world; `largeCandidates` adds a GP-N4 draft with that many candidates (benchmark). */
export function exportWorld({ largeCandidates = 0 }: { largeCandidates?: number } = {}): WorldInput {
  const people = [
    licensee(1, "Moreau", "Claire", "1970-07-08", ["N1", "N2", "RIFAP", "N3", "GP-N4", "MF1", "MF2"]),
    licensee(2, "Petit", "Marc", "1975-04-20", ["N1", "N2", "RIFAP", "N3", "GP-N4", "MF1"]),
    licensee(3, "Lefèvre", "Hélène", "1990-03-12", ["N1"]),
    licensee(4, "=Dupré", "Jean-François", "1985-11-30"),
    licensee(5, "Ngô", "Anh", "2001-02-28", ["N1", "N2", "RIFAP"]),
    licensee(6, "Da Silva", "Inês", "1999-12-31", ["N1", "N2", "RIFAP"]),
    licensee(7, "Bernard", "Zoé", "1998-05-05", ["N1", "N2", "RIFAP"]),
    licensee(8, "Roux", "Paul", "1995-01-15", ["N1", "N2", "RIFAP", "N3"]),
    licensee(9, "Faure", "Léa", "1996-09-09", ["N1", "N2", "RIFAP", "N3"]),
  ];
  for (let i = 0; i < largeCandidates; i++) {
    people.push(
      licensee(1000 + i, `Candidat${String(i).padStart(4, "0")}`, "Prénom", "1990-01-01", ["N1", "N2", "RIFAP", "N3"]),
    );
  }
  const sessions: WorldInput["sessions"] = [
    {
      intitule: SESSIONS.n2,
      organisateur: CLUB,
      brevet: "N2",
      lieu: "=Fosse de Villeneuve-la-Garenne",
      debut: "2026-05-16",
      statut: "en_creation",
      candidats: [{ licence: licenceOf(3), equivalence: "CMAS-1" }, { licence: licenceOf(4) }],
      jury: [
        { licence: licenceOf(2), role: "membre" },
        { licence: licenceOf(1), role: "president" },
      ],
    },
    {
      intitule: SESSIONS.initiateur,
      organisateur: CLUB,
      brevet: "INITIATEUR",
      lieu: "Piscine Georges-Vallerey",
      debut: "2026-04-11",
      fin: "2026-04-12",
      statut: "en_creation",
      candidats: [{ licence: licenceOf(5) }, { licence: licenceOf(6) }, { licence: licenceOf(7) }],
      jury: [
        { licence: licenceOf(1), role: "president" },
        { licence: licenceOf(2), role: "delegue" },
      ],
    },
    {
      intitule: SESSIONS.n4,
      organisateur: REGION,
      brevet: "GP-N4",
      lieu: "Marseille",
      debut: "2026-10-12",
      fin: "2026-10-15",
      statut: "en_creation",
      candidats: [{ licence: licenceOf(8) }, { licence: licenceOf(9) }],
      jury: [{ licence: licenceOf(1), role: "president" }],
    },
  ];
  if (largeCandidates > 0) {
    sessions.push({
      intitule: SESSIONS.large,
      organisateur: REGION,
      brevet: "GP-N4",
      lieu: "Marseille",
      debut: "2026-10-12",
      statut: "en_creation",
      candidats: Array.from({ length: largeCandidates }, (_, i) => ({ licence: licenceOf(1000 + i) })),
      jury: [{ licence: licenceOf(1), role: "president" }],
    });
  }
  return {
    structures: [
      { code: "FFESSM", type: "NATIONAL", name: "Fédération" },
      { code: "REGION-IDF", type: "REGION", name: "Comité régional Île-de-France", parent: "FFESSM" },
      { code: "CODEP-75", type: "CODEP", name: "Comité départemental de Paris", parent: "REGION-IDF" },
      { code: CLUB, type: "CLUB", name: "Les Tritons de Paris", parent: "CODEP-75" },
    ],
    commissions: [{ code: "TECHNIQUE", name: "Commission Technique" }],
    licensees: people,
    sessions,
  };
}

/** Marks by test code: a number, or a code (`NP`, `NF`, `FAIT`, `NON_FAIT`). */
export type MarkSheet = Record<string, number | string>;

export const INITIATEUR_MARKS: Record<string, MarkSheet> = {
  // 12 everywhere: 12 × 7 = 84 ≥ 70, pédagogies 48 ≥ 40 → Admis.
  [licenceOf(5)]: { mannequin: 12, "pedagogie-pratique": 12, "pedagogie-organisationnelle": 12.5, reglementation: 12 },
  // Mannequin 9 < 10 → Ajourné.
  [licenceOf(6)]: { mannequin: 9, "pedagogie-pratique": 15, "pedagogie-organisationnelle": 15, reglementation: "NP" },
  // Réglementation not marked yet → Incomplet.
  [licenceOf(7)]: { mannequin: 14, "pedagogie-pratique": 11, "pedagogie-organisationnelle": 10 },
};

export const N4_ALL_12: MarkSheet = {
  mannequin: 12,
  "800m-pmt": 12,
  "apnee-10m": 12,
  "briefing-debriefing": 12,
  "conduite-palanquee": 12,
  "intervention-40m": 12,
  matelotage: 12,
  "descente-bleu": 12,
  "stabilisation-masque-40m": 12,
  rse: 12,
  "500m-capele": "FAIT",
  decompression: 12,
  "anatomie-physiologie": 12,
  "aspects-theoriques": 12,
  materiel: 12,
  reglementation: 12,
};

export const N4_MARKS: Record<string, MarkSheet> = {
  [licenceOf(8)]: N4_ALL_12,
  [licenceOf(9)]: { ...N4_ALL_12, "500m-capele": "NON_FAIT", rse: "NF" },
};

/** The marks rows for a session's candidates, by licence and test code. */
async function markRows(db: DB, title: string, marks: Record<string, MarkSheet>) {
  const session = await db
    .selectFrom("exam_sessions")
    .select(["id", "grid_id"])
    .where("title", "=", title)
    .executeTakeFirstOrThrow();
  const [candidates, tests] = await Promise.all([
    db
      .selectFrom("session_candidates as c")
      .innerJoin("licensees as l", "l.id", "c.licensee_id")
      .select(["c.id", "l.licence"])
      .where("c.session_id", "=", session.id)
      .execute(),
    db.selectFrom("grid_tests").select(["id", "code"]).where("grid_id", "=", session.grid_id!).execute(),
  ]);
  for (const licence of Object.keys(marks)) {
    if (!candidates.some((c) => c.licence === licence)) throw new Error(`No candidate ${licence} in ${title}`);
  }
  return candidates.flatMap((c) =>
    Object.entries(marks[c.licence] ?? {}).map(([code, mark]) => ({
      candidate_id: c.id,
      test_id: tests.find((t) => t.code === code)!.id,
      value: typeof mark === "number" ? mark : null,
      code: typeof mark === "string" ? mark : null,
    })),
  );
}

/** Writes marks for a session's candidates, by licence and test code. */
export async function writeMarks(db: DB, title: string, marks: Record<string, MarkSheet>): Promise<void> {
  const rows = await markRows(db, title, marks);
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("marks")
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Changes marks already written for a session's candidates, by licence and test code (a code such as NON_FAIT leaves no value). */
export async function changeMarks(db: DB, title: string, marks: Record<string, MarkSheet>): Promise<void> {
  for (const { candidate_id, test_id, value, code } of await markRows(db, title, marks)) {
    const { numUpdatedRows } = await db
      .updateTable("marks")
      .set({ value, code })
      .where("candidate_id", "=", candidate_id)
      .where("test_id", "=", test_id)
      .executeTakeFirst();
    if (numUpdatedRows !== 1n) throw new Error(`No mark ${test_id} of candidate ${candidate_id} to change`);
  }
}

/** Loads the world (plus `users`) and its marks; the large session's candidates get 12 everywhere. */
export async function seedExportWorld(
  db: DB,
  options: { largeCandidates?: number; users?: WorldInput["users"] } = {},
): Promise<void> {
  await loadWorld(db, { ...exportWorld(options), users: options.users ?? [] });
  await writeMarks(db, SESSIONS.initiateur, INITIATEUR_MARKS);
  await writeMarks(db, SESSIONS.n4, N4_MARKS);
  if (options.largeCandidates) {
    const marks: Record<string, MarkSheet> = {};
    for (let i = 0; i < options.largeCandidates; i++) marks[licenceOf(1000 + i)] = N4_ALL_12;
    await writeMarks(db, SESSIONS.large, marks);
  }
}

export async function sessionId(db: DB, title: string): Promise<number> {
  const row = await db.selectFrom("exam_sessions").select("id").where("title", "=", title).executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The import tests' database: a fresh one with the export world and a gestionnaire of the club
 * (`import@test.fr`), and DATABASE_URL pointing at it, so that the server modules the test
 * imports afterwards (the save writes history through ~/utils/audit.server, which opens
 * ~/utils/db.server from the environment) write there too.
 */
export async function importTestDatabase({ largeCandidates = 0 }: { largeCandidates?: number } = {}) {
  const database = await freshDatabase();
  const { db } = database;
  await seedExportWorld(db, {
    largeCandidates,
    users: [
      {
        email: "import@test.fr",
        password: "motdepasse-test",
        nom: "Irène Import",
        scopes: [{ organiser: CLUB, role: "gestionnaire" }],
      },
    ],
  });
  process.env.DATABASE_URL = database.path;
  process.env.DEMO = "off";
  const organisers = await db.selectFrom("organisers").select(["id", "code"]).execute();
  const ids = {
    club: organisers.find((o) => o.code === CLUB)!.id,
    region: organisers.find((o) => o.code === REGION)!.id,
    user: (await db.selectFrom("users").select("id").where("email", "=", "import@test.fr").executeTakeFirstOrThrow())
      .id,
  };
  return { database, db, ids };
}
