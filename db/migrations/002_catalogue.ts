/**
 * Reference data, so that a freshly migrated database is usable (shared/domain.md §3, §7):
 * commissions, the certification catalogue with who may organise it, its prerequisites and
 * jury prerogatives, the equivalences of other organisations, and the exam grids (version 1).
 *
 * The data is written as literal tables below, in the order and wording of domain.md.
 * Brevets of the other commissions (APNEE, BIO) follow docs/decisions/002-other-commissions-brevets.md.
 */
import type { Kysely } from "kysely";

type Level = "CLUB" | "CODEP" | "REGION" | "NATIONAL";
type Template = "sans-note" | "initiateur" | "mf1" | "niveau-4" | "anteor";

const COMMISSIONS: [code: string, name: string][] = [
  ["TECHNIQUE", "Commission Technique"],
  ["APNEE", "Commission Apnée"],
  ["BIO", "Commission Environnement et Biologie subaquatiques"],
  ["NAP", "Commission Nage avec palmes"],
];

interface CertificationRow {
  code: string;
  name: string;
  commission: string;
  /** Levels that may organise a session; a club and an SCA are both `CLUB`. */
  levels: Level[];
  /** Comma = all of (one group each); `A|B` = either (one group). */
  prerequisites: string;
  minAge: number | null;
  maxAge: number | null;
  /** Prerogative each jury président / délégué must hold. */
  jury: string | null;
  grid: string | null;
  template: Template;
  /** Age measured on 1 January of the session's year (MF2) instead of the session start. */
  yearStart?: boolean;
  equivalenceOnly?: boolean;
  /** Held, never passed in a session (MON-NITROX-C, MON-TRIMIX). */
  notExaminable?: boolean;
}

const CLUB: Level[] = ["CLUB"];

// prettier-ignore
const CERTIFICATIONS: CertificationRow[] = [
  // Commission Technique, domain.md §3, in table order.
  { code: "N1", name: "Plongeur Niveau 1", commission: "TECHNIQUE", levels: CLUB, prerequisites: "", minAge: 14, maxAge: null, jury: "E3", grid: null, template: "sans-note" },
  { code: "N2", name: "Plongeur Niveau 2", commission: "TECHNIQUE", levels: CLUB, prerequisites: "N1", minAge: 16, maxAge: null, jury: "E3", grid: null, template: "sans-note" },
  { code: "N3", name: "Plongeur Niveau 3", commission: "TECHNIQUE", levels: CLUB, prerequisites: "N2, RIFAP", minAge: 18, maxAge: null, jury: "E3", grid: null, template: "sans-note" },
  { code: "PA20", name: "Plongeur autonome 20 m", commission: "TECHNIQUE", levels: CLUB, prerequisites: "N1", minAge: 18, maxAge: null, jury: "E3", grid: null, template: "sans-note" },
  { code: "PE40", name: "Plongeur encadré 40 m", commission: "TECHNIQUE", levels: CLUB, prerequisites: "N1", minAge: 16, maxAge: null, jury: "E3", grid: null, template: "sans-note" },
  { code: "PA40", name: "Plongeur autonome 40 m", commission: "TECHNIQUE", levels: CLUB, prerequisites: "N2|PA20", minAge: 18, maxAge: null, jury: "E3", grid: null, template: "sans-note" },
  { code: "PE60", name: "Plongeur encadré 60 m", commission: "TECHNIQUE", levels: CLUB, prerequisites: "N2", minAge: 18, maxAge: null, jury: "E3", grid: null, template: "sans-note" },
  { code: "N5", name: "Directeur de plongée (N5)", commission: "TECHNIQUE", levels: CLUB, prerequisites: "GP-N4, RIFAP", minAge: 18, maxAge: null, jury: "E3", grid: null, template: "sans-note" },
  { code: "RIFAP", name: "Réactions et intervention face à un accident de plongée", commission: "TECHNIQUE", levels: CLUB, prerequisites: "", minAge: 16, maxAge: null, jury: "E3", grid: null, template: "sans-note" },
  { code: "NITROX", name: "Plongeur Nitrox", commission: "TECHNIQUE", levels: CLUB, prerequisites: "N1", minAge: 14, maxAge: null, jury: "MON-NITROX-C", grid: null, template: "sans-note" },
  { code: "NITROX-C", name: "Plongeur Nitrox confirmé", commission: "TECHNIQUE", levels: CLUB, prerequisites: "N2, NITROX", minAge: 16, maxAge: null, jury: "MON-NITROX-C", grid: null, template: "sans-note" },
  { code: "TRIMIX-E", name: "Plongeur Trimix élémentaire", commission: "TECHNIQUE", levels: CLUB, prerequisites: "N3, NITROX-C", minAge: 18, maxAge: null, jury: "MON-TRIMIX", grid: null, template: "sans-note" },
  { code: "BRONZE", name: "Plongeur de Bronze", commission: "TECHNIQUE", levels: CLUB, prerequisites: "", minAge: 8, maxAge: 13, jury: "E3", grid: null, template: "sans-note" },
  { code: "ARGENT", name: "Plongeur d'Argent", commission: "TECHNIQUE", levels: CLUB, prerequisites: "", minAge: 8, maxAge: 13, jury: "E3", grid: null, template: "sans-note" },
  { code: "OR", name: "Plongeur d'Or", commission: "TECHNIQUE", levels: CLUB, prerequisites: "", minAge: 10, maxAge: 13, jury: "E3", grid: null, template: "sans-note" },
  { code: "INITIATEUR", name: "Initiateur (E1)", commission: "TECHNIQUE", levels: ["CLUB", "CODEP"], prerequisites: "N2, RIFAP", minAge: 18, maxAge: null, jury: "E4", grid: "INITIATEUR", template: "initiateur" },
  { code: "GP-N4", name: "Guide de palanquée (Niveau 4)", commission: "TECHNIQUE", levels: ["REGION"], prerequisites: "N3, RIFAP", minAge: 18, maxAge: null, jury: "E4", grid: "N4", template: "niveau-4" },
  { code: "MF1", name: "Moniteur fédéral 1er degré (E3)", commission: "TECHNIQUE", levels: ["REGION"], prerequisites: "GP-N4, RIFAP", minAge: 18, maxAge: null, jury: "E4", grid: "MF1", template: "mf1" },
  { code: "MF2", name: "Moniteur fédéral 2e degré (E4)", commission: "TECHNIQUE", levels: ["NATIONAL"], prerequisites: "MF1, RIFAP", minAge: 20, maxAge: null, jury: "E4", grid: null, template: "sans-note", yearStart: true },
  { code: "TIV", name: "Technicien en inspection visuelle", commission: "TECHNIQUE", levels: ["REGION", "CODEP"], prerequisites: "", minAge: 18, maxAge: null, jury: "E3", grid: null, template: "sans-note" },
  { code: "ANTEOR", name: "Animer l'apprentissage des techniques d'oxygénothérapie – ranimation", commission: "TECHNIQUE", levels: ["REGION", "CODEP"], prerequisites: "INITIATEUR", minAge: null, maxAge: null, jury: "ANTEOR", grid: null, template: "anteor" },
  { code: "GP-ASSOCIE", name: "Guide de palanquée associé", commission: "TECHNIQUE", levels: ["REGION"], prerequisites: "", minAge: 18, maxAge: null, jury: "E4", grid: null, template: "sans-note", equivalenceOnly: true },
  // Holdable qualifications, never passed in a session (domain.md §3, "Prerogatives").
  { code: "MON-NITROX-C", name: "Moniteur Nitrox confirmé", commission: "TECHNIQUE", levels: ["NATIONAL"], prerequisites: "", minAge: null, maxAge: null, jury: null, grid: null, template: "sans-note", notExaminable: true },
  { code: "MON-TRIMIX", name: "Moniteur Trimix", commission: "TECHNIQUE", levels: ["NATIONAL"], prerequisites: "", minAge: null, maxAge: null, jury: null, grid: null, template: "sans-note", notExaminable: true },
  // Other commissions (docs/decisions/002-other-commissions-brevets.md).
  { code: "A1", name: "Apnéiste niveau 1", commission: "APNEE", levels: CLUB, prerequisites: "", minAge: 12, maxAge: null, jury: null, grid: null, template: "sans-note" },
  { code: "A2", name: "Apnéiste niveau 2", commission: "APNEE", levels: CLUB, prerequisites: "A1", minAge: 14, maxAge: null, jury: null, grid: null, template: "sans-note" },
  { code: "A3", name: "Apnéiste niveau 3", commission: "APNEE", levels: CLUB, prerequisites: "A2", minAge: 16, maxAge: null, jury: null, grid: null, template: "sans-note" },
  { code: "A4", name: "Apnéiste niveau 4", commission: "APNEE", levels: CLUB, prerequisites: "A3", minAge: 18, maxAge: null, jury: null, grid: null, template: "sans-note" },
  { code: "PB1", name: "Plongeur bio niveau 1", commission: "BIO", levels: CLUB, prerequisites: "N1", minAge: 14, maxAge: null, jury: null, grid: null, template: "sans-note" },
  { code: "PB2", name: "Plongeur bio niveau 2", commission: "BIO", levels: CLUB, prerequisites: "PB1, N2", minAge: 16, maxAge: null, jury: null, grid: null, template: "sans-note" },
];

/** A prerogative is held by holding any one of its certifications (domain.md §3). */
const PREROGATIVES: [code: string, certifications: string[]][] = [
  ["E3", ["MF1", "MF2"]],
  ["E4", ["MF2"]],
  ["MON-NITROX-C", ["MON-NITROX-C"]],
  ["MON-TRIMIX", ["MON-TRIMIX"]],
  ["ANTEOR", ["ANTEOR"]],
];

/** Certificates of other organisations and the catalogue brevet each counts as. */
const EQUIVALENCES: [code: string, name: string, certification: string][] = [
  ["CMAS-1", "CMAS 1 étoile", "N1"],
  ["CMAS-2", "CMAS 2 étoiles", "N2"],
  ["CMAS-3", "CMAS 3 étoiles", "N3"],
  ["ANMP-N1", "ANMP Niveau 1", "N1"],
  ["ANMP-N2", "ANMP Niveau 2", "N2"],
  ["ANMP-N3", "ANMP Niveau 3", "N3"],
  ["ANMP-N4", "ANMP Niveau 4", "GP-N4"],
  ["PADI-OW", "PADI Open Water", "N1"],
  ["SSI-OW", "SSI Open Water", "N1"],
  ["BEES1", "BEES 1er degré", "MF1"],
  ["BEES2", "BEES 2e degré", "MF2"],
];

/** "By equivalence only" brevets and the equivalence codes that grant them. */
const CERTIFICATION_EQUIVALENCES: [certification: string, equivalence: string][] = [["GP-ASSOCIE", "CMAS-3"]];

interface GridSpec {
  code: string;
  label: string;
  maxTotal: number;
  passTotal: number;
  eliminatoryBelow: number;
  rules: unknown;
  /** [code, label, coefficient, kind, eliminatory_below override] */
  tests: [code: string, label: string, coefficient: number, kind: "mark" | "done", eliminatoryBelow: number | null][];
  /** [code, label, min_points, max_points, member test codes] */
  groups: [code: string, label: string, minPoints: number, maxPoints: number, tests: string[]][];
}

const N4_GROUP_1 = ["mannequin", "800m-pmt", "apnee-10m"];
const N4_GROUP_2A = ["briefing-debriefing", "conduite-palanquee", "intervention-40m"];
const N4_GROUP_2B = ["matelotage", "descente-bleu", "stabilisation-masque-40m", "rse", "500m-capele"];
const N4_GROUP_3 = ["decompression", "anatomie-physiologie", "aspects-theoriques", "materiel", "reglementation"];

/** Exam grids of domain.md §7 (MFT 2013 onwards), version 1. */
const GRIDS: GridSpec[] = [
  {
    code: "N4",
    label: "Niveau 4",
    maxTotal: 640,
    passTotal: 320,
    eliminatoryBelow: 5,
    // GP-N4 partial credit: a failed candidate who sat the whole exam keeps a part whose
    // groups each have their average with no eliminatory mark, when the other part reaches
    // the given points; a part kept is valid 9 months from the first exam day, for at most
    // two later sessions, which then mark only the other part.
    rules: {
      partialCredit: {
        requiresWholeExam: true,
        parts: [
          {
            code: "1+2",
            label: "groupes 1 et 2",
            groups: ["1", "2A", "2B"],
            eachGroupAverage: true,
            noEliminatoryMark: true,
            otherMin: { group: "3", points: 90 },
          },
          {
            code: "3",
            label: "groupe 3",
            groups: ["3"],
            eachGroupAverage: true,
            noEliminatoryMark: true,
            otherMin: { groups: ["1", "2"], points: 133 },
          },
        ],
        validityMonths: 9,
        validityFrom: "first_exam_day",
        maxLaterSessions: 2,
      },
    },
    tests: [
      ["mannequin", "Mannequin", 2, "mark", null],
      ["800m-pmt", "800 m PMT", 2, "mark", null],
      ["apnee-10m", "Apnée 10 m", 1, "mark", null],
      ["briefing-debriefing", "Briefing/débriefing", 2, "mark", null],
      ["conduite-palanquee", "Conduite de palanquée", 3, "mark", null],
      ["intervention-40m", "Intervention plongeur en difficulté 40 m", 3, "mark", null],
      ["matelotage", "Matelotage", 2, "mark", null],
      ["descente-bleu", "Descente dans le bleu", 1, "mark", null],
      ["stabilisation-masque-40m", "Stabilisation et vidage de masque 40 m", 1, "mark", null],
      ["rse", "Remontée sans embout (RSE)", 2, "mark", null],
      ["500m-capele", "500 m capelé", 0, "done", null],
      ["decompression", "Décompression", 3, "mark", null],
      ["anatomie-physiologie", "Anatomie-physiologie", 4, "mark", null],
      ["aspects-theoriques", "Aspects théoriques", 2, "mark", null],
      ["materiel", "Matériel", 2, "mark", null],
      ["reglementation", "Réglementation", 2, "mark", null],
    ],
    groups: [
      ["1", "Groupe 1", 50, 100, N4_GROUP_1],
      ["2A", "Groupe 2A", 80, 160, N4_GROUP_2A],
      ["2B", "Groupe 2B", 60, 120, N4_GROUP_2B],
      ["2", "Groupe 2", 140, 280, [...N4_GROUP_2A, ...N4_GROUP_2B]],
      ["3", "Groupe 3", 130, 260, N4_GROUP_3],
    ],
  },
  {
    code: "INITIATEUR",
    label: "Initiateur",
    maxTotal: 140,
    passTotal: 70,
    eliminatoryBelow: 5,
    rules: null,
    tests: [
      ["mannequin", "Mannequin", 1, "mark", 10],
      ["pedagogie-pratique", "Pédagogie pratique", 2, "mark", null],
      ["pedagogie-organisationnelle", "Pédagogie organisationnelle", 2, "mark", null],
      ["reglementation", "Réglementation", 2, "mark", null],
    ],
    groups: [["pedagogies", "Pédagogies", 40, 80, ["pedagogie-pratique", "pedagogie-organisationnelle"]]],
  },
  {
    code: "MF1",
    label: "MF1",
    maxTotal: 340,
    passTotal: 170,
    eliminatoryBelow: 5,
    rules: null,
    tests: [
      ["pedagogie-pratique", "Pédagogie pratique", 4, "mark", null],
      ["pedagogie-organisationnelle-securite", "Pédagogie organisationnelle et sécurité", 3, "mark", null],
      ["pedagogie-theorique", "Pédagogie théorique", 4, "mark", null],
      ["intervention-25m", "Intervention plongeur en difficulté 25 m", 4, "mark", null],
      ["reglementation", "Réglementation", 2, "mark", 10],
    ],
    groups: [
      [
        "intervention-reglementation",
        "Intervention et réglementation",
        60,
        120,
        ["intervention-25m", "reglementation"],
      ],
      [
        "pedagogies",
        "Pédagogies",
        110,
        220,
        ["pedagogie-pratique", "pedagogie-organisationnelle-securite", "pedagogie-theorique"],
      ],
    ],
  },
];

const GRID_VERSION = 1;
const GRID_VALID_FROM = "2013-01-01";

/** `"N2, RIFAP"` → [["N2"], ["RIFAP"]]; `"N2|PA20"` → [["N2", "PA20"]]. */
function prerequisiteGroups(text: string): string[][] {
  return text
    .split(",")
    .map((group) =>
      group
        .split("|")
        .map((code) => code.trim())
        .filter(Boolean),
    )
    .filter((group) => group.length > 0);
}

export async function up(database: Kysely<unknown>): Promise<void> {
  const db = database as Kysely<any>;

  await db
    .insertInto("commissions")
    .values(COMMISSIONS.map(([code, name]) => ({ code, name })))
    .execute();

  await db
    .insertInto("certifications")
    .values(
      CERTIFICATIONS.map((c, index) => ({
        code: c.code,
        name: c.name,
        commission_code: c.commission,
        min_age: c.minAge,
        max_age: c.maxAge,
        age_reference: c.yearStart ? "year_start" : "session_start",
        jury_prerogative: c.jury,
        grid_code: c.grid,
        template: c.template,
        equivalence_only: c.equivalenceOnly ? 1 : 0,
        examinable: c.notExaminable ? 0 : 1,
        sort_order: index + 1,
      })),
    )
    .execute();

  await db
    .insertInto("certification_organiser_levels")
    .values(CERTIFICATIONS.flatMap((c) => c.levels.map((level) => ({ certification_code: c.code, level }))))
    .execute();

  await db
    .insertInto("certification_prerequisites")
    .values(
      CERTIFICATIONS.flatMap((c) =>
        prerequisiteGroups(c.prerequisites).flatMap((group, index) =>
          group.map((code) => ({ certification_code: c.code, group_no: index + 1, prerequisite_code: code })),
        ),
      ),
    )
    .execute();

  await db
    .insertInto("prerogatives")
    .values(
      PREROGATIVES.flatMap(([code, certifications]) => certifications.map((c) => ({ code, certification_code: c }))),
    )
    .execute();

  await db
    .insertInto("equivalences")
    .values(EQUIVALENCES.map(([code, name, certification]) => ({ code, name, certification_code: certification })))
    .execute();

  await db
    .insertInto("certification_equivalences")
    .values(CERTIFICATION_EQUIVALENCES.map(([c, e]) => ({ certification_code: c, equivalence_code: e })))
    .execute();

  for (const grid of GRIDS) await insertGrid(db, grid);
}

/** Inserts one grid, then its tests and groups, reading generated ids back by code (portable). */
async function insertGrid(db: Kysely<any>, grid: GridSpec): Promise<void> {
  await db
    .insertInto("exam_grids")
    .values({
      code: grid.code,
      version: GRID_VERSION,
      label: grid.label,
      max_total: grid.maxTotal,
      pass_total: grid.passTotal,
      eliminatory_below: grid.eliminatoryBelow,
      rules_json: grid.rules === null ? null : JSON.stringify(grid.rules),
      valid_from: GRID_VALID_FROM,
    })
    .execute();
  const { id: gridId } = await db
    .selectFrom("exam_grids")
    .select("id")
    .where("code", "=", grid.code)
    .where("version", "=", GRID_VERSION)
    .executeTakeFirstOrThrow();

  await db
    .insertInto("grid_tests")
    .values(
      grid.tests.map(([code, label, coefficient, kind, eliminatoryBelow], index) => ({
        grid_id: gridId,
        code,
        label,
        coefficient,
        kind,
        eliminatory_below: eliminatoryBelow,
        sort_order: index + 1,
      })),
    )
    .execute();
  const testIds = await idsByCode(db, "grid_tests", gridId);

  await db
    .insertInto("grid_groups")
    .values(
      grid.groups.map(([code, label, minPoints, maxPoints], index) => ({
        grid_id: gridId,
        code,
        label,
        min_points: minPoints,
        max_points: maxPoints,
        sort_order: index + 1,
      })),
    )
    .execute();
  const groupIds = await idsByCode(db, "grid_groups", gridId);

  await db
    .insertInto("grid_group_tests")
    .values(
      grid.groups.flatMap(([groupCode, , , , tests]) =>
        tests.map((testCode) => ({
          group_id: lookup(groupIds, groupCode, grid.code),
          test_id: lookup(testIds, testCode, grid.code),
        })),
      ),
    )
    .execute();
}

async function idsByCode(db: Kysely<any>, table: "grid_tests" | "grid_groups", gridId: number) {
  const rows: { id: number; code: string }[] = await db
    .selectFrom(table)
    .select(["id", "code"])
    .where("grid_id", "=", gridId)
    .execute();
  return new Map(rows.map((row) => [row.code, Number(row.id)]));
}

function lookup(ids: Map<string, number>, code: string, gridCode: string): number {
  const id = ids.get(code);
  if (id === undefined) throw new Error(`Grid ${gridCode}: unknown test or group code ${code}.`);
  return id;
}

export async function down(): Promise<void> {
  throw new Error("Migration 002 cannot be reverted.");
}
