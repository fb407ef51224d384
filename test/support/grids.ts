/**
 * Test fixture: the three exam grids of domain.md §7, written by hand from the text (same
 * codes and labels as migration 002). Used by `grid.test.ts` (no database) and by
 * `db/grids.test.ts`, which checks that the migrated rows read back to these same grids.
 * Test ids are numbered from 1 within each grid; compare without ids against a database.
 */
import type { Grid, GridGroup, GridTest } from "../../app/domain/grid";

type TestSpec = [code: string, label: string, coefficient: number, kind?: "mark" | "done", eliminatoryBelow?: number];

function tests(specs: TestSpec[]): GridTest[] {
  return specs.map(([code, label, coefficient, kind = "mark", eliminatoryBelow = null], index) => ({
    id: index + 1,
    code,
    label,
    coefficient,
    kind,
    eliminatoryBelow,
  }));
}

function group(code: string, label: string, minPoints: number, maxPoints: number, testCodes: string[]): GridGroup {
  return { code, label, minPoints, maxPoints, testCodes };
}

const N4_1 = ["mannequin", "800m-pmt", "apnee-10m"];
const N4_2A = ["briefing-debriefing", "conduite-palanquee", "intervention-40m"];
const N4_2B = ["matelotage", "descente-bleu", "stabilisation-masque-40m", "rse", "500m-capele"];
const N4_3 = ["decompression", "anatomie-physiologie", "aspects-theoriques", "materiel", "reglementation"];

/** GP-N4: total 640, pass 320, any mark < 5 eliminates, every group needs its average. */
export const N4: Grid = {
  id: 1,
  code: "N4",
  version: 1,
  label: "Niveau 4",
  maxTotal: 640,
  passTotal: 320,
  eliminatoryBelow: 5,
  // prettier-ignore
  tests: tests([
    ["mannequin", "Mannequin", 2],
    ["800m-pmt", "800 m PMT", 2],
    ["apnee-10m", "Apnée 10 m", 1],
    ["briefing-debriefing", "Briefing/débriefing", 2],
    ["conduite-palanquee", "Conduite de palanquée", 3],
    ["intervention-40m", "Intervention plongeur en difficulté 40 m", 3],
    ["matelotage", "Matelotage", 2],
    ["descente-bleu", "Descente dans le bleu", 1],
    ["stabilisation-masque-40m", "Stabilisation et vidage de masque 40 m", 1],
    ["rse", "Remontée sans embout (RSE)", 2],
    ["500m-capele", "500 m capelé", 0, "done"],
    ["decompression", "Décompression", 3],
    ["anatomie-physiologie", "Anatomie-physiologie", 4],
    ["aspects-theoriques", "Aspects théoriques", 2],
    ["materiel", "Matériel", 2],
    ["reglementation", "Réglementation", 2],
  ]),
  groups: [
    group("1", "Groupe 1", 50, 100, N4_1),
    group("2A", "Groupe 2A", 80, 160, N4_2A),
    group("2B", "Groupe 2B", 60, 120, N4_2B),
    group("2", "Groupe 2", 140, 280, [...N4_2A, ...N4_2B]),
    group("3", "Groupe 3", 130, 260, N4_3),
  ],
  partialCredit: {
    requiresWholeExam: true,
    parts: [
      {
        code: "1+2",
        label: "groupes 1 et 2",
        groups: ["1", "2A", "2B"],
        eachGroupAverage: true,
        noEliminatoryMark: true,
        otherMin: { groups: ["3"], points: 90 },
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
};

/** Initiateur: total 140, pass 70, any mark < 5 eliminates, Mannequin < 10 eliminates, pédagogies ≥ 40/80. */
export const INITIATEUR: Grid = {
  id: 2,
  code: "INITIATEUR",
  version: 1,
  label: "Initiateur",
  maxTotal: 140,
  passTotal: 70,
  eliminatoryBelow: 5,
  tests: tests([
    ["mannequin", "Mannequin", 1, "mark", 10],
    ["pedagogie-pratique", "Pédagogie pratique", 2],
    ["pedagogie-organisationnelle", "Pédagogie organisationnelle", 2],
    ["reglementation", "Réglementation", 2],
  ]),
  groups: [group("pedagogies", "Pédagogies", 40, 80, ["pedagogie-pratique", "pedagogie-organisationnelle"])],
  partialCredit: null,
};

/**
 * MF1: total 340, pass 170, any mark < 5 eliminates, Réglementation < 10 eliminates,
 * Intervention + Réglementation ≥ 60/120, the three pédagogies ≥ 110/220.
 */
export const MF1: Grid = {
  id: 3,
  code: "MF1",
  version: 1,
  label: "MF1",
  maxTotal: 340,
  passTotal: 170,
  eliminatoryBelow: 5,
  tests: tests([
    ["pedagogie-pratique", "Pédagogie pratique", 4],
    ["pedagogie-organisationnelle-securite", "Pédagogie organisationnelle et sécurité", 3],
    ["pedagogie-theorique", "Pédagogie théorique", 4],
    ["intervention-25m", "Intervention plongeur en difficulté 25 m", 4],
    ["reglementation", "Réglementation", 2, "mark", 10],
  ]),
  groups: [
    group("intervention-reglementation", "Intervention et réglementation", 60, 120, [
      "intervention-25m",
      "reglementation",
    ]),
    group("pedagogies", "Pédagogies", 110, 220, [
      "pedagogie-pratique",
      "pedagogie-organisationnelle-securite",
      "pedagogie-theorique",
    ]),
  ],
  partialCredit: null,
};

export const GRIDS: Grid[] = [N4, INITIATEUR, MF1];
