import { describe, expect, it } from "vitest";
import { addMonths, computeResult, exemptTestCodes, keptPartsStillValid, type Grid } from "./grid";
import { gridFromRows, type GridGroupRow, type GridGroupTestRow, type GridRow, type GridTestRow } from "./grid-rows";
import { GRIDS, INITIATEUR, MF1, N4 } from "../../test/support/grids";
import type { Mark } from "./marks";

type Cell = number | "NP" | "NF" | "FAIT" | "NON_FAIT" | null;

function toMark(cell: Cell): Mark | null {
  if (cell === null) return null;
  return typeof cell === "number" ? { value: cell } : { code: cell };
}

/** Every marked test at `base`, every done test `Fait`, then the overrides (by test code). */
function marks(grid: Grid, overrides: Record<string, Cell> = {}, base = 10): Record<string, Mark | null> {
  for (const code of Object.keys(overrides)) {
    if (!grid.tests.some((test) => test.code === code)) throw new Error(`No test ${code} in ${grid.code}`);
  }
  return Object.fromEntries(
    grid.tests.map((test) => [
      test.code,
      test.code in overrides
        ? toMark(overrides[test.code])
        : test.kind === "done"
          ? { code: "FAIT" as const }
          : { value: base },
    ]),
  );
}

const N4_1 = ["mannequin", "800m-pmt", "apnee-10m"];
const N4_2 = [
  "briefing-debriefing",
  "conduite-palanquee",
  "intervention-40m",
  "matelotage",
  "descente-bleu",
  "stabilisation-masque-40m",
  "rse",
  "500m-capele",
];
const N4_3 = ["decompression", "anatomie-physiologie", "aspects-theoriques", "materiel", "reglementation"];

/** Groupe 3 at exactly 90/260: 18 + 28 + 14 + 16 + 14. */
const GROUP_3_AT_90 = {
  decompression: 6,
  "anatomie-physiologie": 7,
  "aspects-theoriques": 7,
  materiel: 8,
  reglementation: 7,
};
/** Groupes 1 and 2 at 7/20 everywhere: 19 coefficients × 7 = exactly 133. */
const GROUPS_1_2_AT_7 = Object.fromEntries(
  N4_2.concat(N4_1)
    .filter((c) => c !== "500m-capele")
    .map((c) => [c, 7]),
);

const FIRST_DAY = "2026-06-15";

describe("computeResult: Admis / Ajourné and the reasons (domain.md §7)", () => {
  // prettier-ignore
  const cases: [string, Grid, Record<string, Cell>, "admis" | "ajourne", string[]][] = [
    // Initiateur: M×1 PP×2 PO×2 R×2, total 140, pass 70, mark < 5 and Mannequin < 10 eliminate, pédagogies ≥ 40/80.
    ["Initiateur, all 10: total exactly 70, pédagogies exactly 40, Mannequin exactly 10", INITIATEUR, {}, "admis", []],
    ["Initiateur, a mark of exactly 5 does not eliminate", INITIATEUR, { mannequin: 20, reglementation: 5 }, "admis", []],
    ["Initiateur, 4,99 eliminates", INITIATEUR, { mannequin: 20, "pedagogie-pratique": 11, reglementation: 4.99 }, "ajourne",
      ["Note éliminatoire en Réglementation : 4,99/20"]],
    ["Initiateur, Mannequin 9,5 is below its own bound of 10", INITIATEUR, { mannequin: 9.5, reglementation: 12 }, "ajourne",
      ["Mannequin inférieur à 10/20"]],
    ["Initiateur, Mannequin 4,5 gives the grid's eliminatory reason only", INITIATEUR, { mannequin: 4.5, reglementation: 20 }, "ajourne",
      ["Note éliminatoire en Mannequin : 4,5/20"]],
    ["Initiateur, pédagogies missed by 0,5", INITIATEUR, { mannequin: 20, "pedagogie-organisationnelle": 9.75, reglementation: 20 }, "ajourne",
      ["Moyenne insuffisante en Pédagogies : 39,5/80"]],
    ["Initiateur, total missed by 0,5", INITIATEUR, { reglementation: 9.75 }, "ajourne", ["Total insuffisant : 69,5/140"]],
    ["Initiateur, NP counts 0 and eliminates", INITIATEUR,
      { mannequin: 20, "pedagogie-pratique": 15, "pedagogie-organisationnelle": 15, reglementation: "NP" }, "ajourne",
      ["Non présenté en Réglementation"]],
    ["Initiateur, NF counts 0 and eliminates", INITIATEUR,
      { mannequin: 20, "pedagogie-pratique": 15, "pedagogie-organisationnelle": 15, reglementation: "NF" }, "ajourne",
      ["Non fait : Réglementation"]],
    ["Initiateur, every reason in test, group, total order", INITIATEUR, { mannequin: 9, "pedagogie-pratique": 4, reglementation: "NP" }, "ajourne",
      ["Mannequin inférieur à 10/20", "Note éliminatoire en Pédagogie pratique : 4/20", "Non présenté en Réglementation",
        "Moyenne insuffisante en Pédagogies : 28/80", "Total insuffisant : 37/140"]],

    // MF1: PP×4 POS×3 PT×4 I×4 R×2, total 340, pass 170, Réglementation < 10 eliminates,
    // Intervention + Réglementation ≥ 60/120, pédagogies ≥ 110/220.
    ["MF1, all 10: total exactly 170, both groups exactly met, Réglementation exactly 10", MF1, {}, "admis", []],
    ["MF1, Réglementation 9,5 is below its own bound of 10", MF1, { reglementation: 9.5, "intervention-25m": 11 }, "ajourne",
      ["Réglementation inférieur à 10/20"]],
    ["MF1, Intervention + Réglementation missed by 0,5", MF1,
      { reglementation: 10.25, "intervention-25m": 9.75, "pedagogie-pratique": 12, "pedagogie-organisationnelle-securite": 12, "pedagogie-theorique": 12 },
      "ajourne", ["Moyenne insuffisante en Intervention et réglementation : 59,5/120"]],
    ["MF1, pédagogies missed by 0,5", MF1,
      { "pedagogie-pratique": 9.5, "pedagogie-organisationnelle-securite": 10.5, "intervention-25m": 15, reglementation: 15 },
      "ajourne", ["Moyenne insuffisante en Pédagogies : 109,5/220"]],
    ["MF1, hundredths summing exactly to the bounds (no floating-point drift)", MF1,
      { "pedagogie-pratique": 12.04, "pedagogie-organisationnelle-securite": 10.2, "pedagogie-theorique": 7.81 }, "admis", []],

    // GP-N4: total 640, pass 320, mark < 5 eliminates, every group and sub-group needs its average.
    ["N4, all 10 and 500 m Fait: every group exactly met, total exactly 320", N4, {}, "admis", []],
    ["N4, a mark of exactly 5 does not eliminate", N4, { mannequin: 5, "800m-pmt": 15 }, "admis", []],
    ["N4, 4,99 eliminates", N4, { mannequin: 4.99, "800m-pmt": 16 }, "ajourne", ["Note éliminatoire en Mannequin : 4,99/20"]],
    ["N4, groupe 1 missed by 0,5", N4, { "apnee-10m": 9.5, decompression: 11 }, "ajourne",
      ["Moyenne du groupe 1 insuffisante : 49,5/100"]],
    ["N4, groupe 2A missed by 0,5", N4, { "briefing-debriefing": 9.75, matelotage: 11 }, "ajourne",
      ["Moyenne du groupe 2A insuffisante : 79,5/160"]],
    ["N4, groupe 2B missed by 0,5", N4, { "descente-bleu": 9.5, "briefing-debriefing": 11 }, "ajourne",
      ["Moyenne du groupe 2B insuffisante : 59,5/120"]],
    ["N4, groupe 3 missed by 0,5", N4, { "aspects-theoriques": 9.75, "apnee-10m": 11 }, "ajourne",
      ["Moyenne du groupe 3 insuffisante : 129,5/260"]],
    ["N4, 2A short makes groupe 2 and the total short too", N4, { "briefing-debriefing": 9.75 }, "ajourne",
      ["Moyenne du groupe 2A insuffisante : 79,5/160", "Moyenne du groupe 2 insuffisante : 139,5/280", "Total insuffisant : 319,5/640"]],
    ["N4, NP", N4, { matelotage: "NP", "descente-bleu": 20, "stabilisation-masque-40m": 20 }, "ajourne", ["Non présenté en Matelotage"]],
    ["N4, NF", N4, { matelotage: "NF", "descente-bleu": 20, "stabilisation-masque-40m": 20 }, "ajourne", ["Non fait : Matelotage"]],
    ["N4, 500 m capelé non fait", N4, { "500m-capele": "NON_FAIT" }, "ajourne", ["500 m capelé non fait"]],
    ["N4, NF in the fait / non fait test reads as non fait", N4, { "500m-capele": "NF" }, "ajourne", ["500 m capelé non fait"]],
    ["N4, 500 m capelé NP", N4, { "500m-capele": "NP" }, "ajourne", ["Non présenté en 500 m capelé"]],
    ["N4, reasons in test, group, total order", N4, { mannequin: 3, "apnee-10m": "NP" }, "ajourne",
      ["Note éliminatoire en Mannequin : 3/20", "Non présenté en Apnée 10 m", "Moyenne du groupe 1 insuffisante : 26/100", "Total insuffisant : 296/640"]],
  ];

  it.each(cases)("%s", (_name, grid, overrides, result, reasons) => {
    const computed = computeResult(grid, marks(grid, overrides), { firstExamDay: FIRST_DAY });
    expect(computed.complete).toBe(true);
    expect(computed.result).toBe(result);
    expect(computed.reasons).toEqual(reasons);
  });

  it("gives points per test, per group and in total", () => {
    const computed = computeResult(N4, marks(N4, { mannequin: 12.5, matelotage: "NP" }));
    expect(computed.points.mannequin).toBe(25);
    expect(computed.points.matelotage).toBe(0);
    expect(computed.points["500m-capele"]).toBe(0);
    expect(computed.points["anatomie-physiologie"]).toBe(40);
    expect(computed.groups.map((g) => [g.code, g.points, g.minPoints, g.maxPoints, g.met])).toEqual([
      ["1", 55, 50, 100, true],
      ["2A", 80, 80, 160, true],
      ["2B", 40, 60, 120, false],
      ["2", 120, 140, 280, false],
      ["3", 130, 130, 260, true],
    ]);
    expect(computed.total).toBe(305);
    expect(computed.maxTotal).toBe(640);
  });
});

describe("computeResult: incomplete marks", () => {
  it.each<[string, Grid, Record<string, Mark | null | undefined>]>([
    ["an empty cell", N4, marks(N4, { "500m-capele": null })],
    ["a test left out", N4, { ...marks(N4), reglementation: undefined }],
    ["an eliminatory mark already there", INITIATEUR, marks(INITIATEUR, { mannequin: 2, reglementation: null })],
    ["a number in a fait / non fait test", N4, { ...marks(N4), "500m-capele": { value: 12 } }],
    ["Fait in a marked test", MF1, { ...marks(MF1), reglementation: { code: "FAIT" } }],
    ["no mark at all", MF1, {}],
  ])("%s: no result yet", (_name, grid, given) => {
    const computed = computeResult(grid, given, { firstExamDay: FIRST_DAY });
    expect(computed.complete).toBe(false);
    expect(computed.result).toBeNull();
    expect(computed.reasons).toEqual([]);
    expect(computed.kept).toEqual([]);
  });

  it("shows a missing mark as null points", () => {
    const computed = computeResult(N4, marks(N4, { matelotage: null }));
    expect(computed.points.matelotage).toBeNull();
    expect(computed.total).toBe(300);
  });
});

describe("computeResult: GP-N4 partial credit", () => {
  it.each<[string, Record<string, Cell>, string[]]>([
    ["groupes 1 and 2 with their averages, groupe 3 exactly 90", GROUP_3_AT_90, ["1+2"]],
    ["groupe 3 at 89,5: nothing kept", { ...GROUP_3_AT_90, materiel: 7.75 }, []],
    ["an eliminatory mark in groupe 3 does not stop keeping 1+2", { reglementation: 4 }, ["1+2"]],
    [
      "an eliminatory mark in groupe 1, its average met: nothing kept",
      { ...GROUP_3_AT_90, mannequin: 4, "800m-pmt": 16 },
      [],
    ],
    ["500 m capelé non fait: nothing kept", { ...GROUP_3_AT_90, "500m-capele": "NON_FAIT" }, []],
    ["groupe 2B missed by 0,5: nothing kept", { ...GROUP_3_AT_90, "descente-bleu": 9.5 }, []],
    ["groupe 3 with its average, groupes 1+2 exactly 133", GROUPS_1_2_AT_7, ["3"]],
    ["groupes 1+2 at 132,5: nothing kept", { ...GROUPS_1_2_AT_7, mannequin: 6.75 }, []],
    [
      "groupe 3 met but with an eliminatory mark: nothing kept",
      { ...GROUPS_1_2_AT_7, reglementation: 4.5, "anatomie-physiologie": 15 },
      [],
    ],
    ["groupe 3 missed by 0,5: nothing kept", { ...GROUPS_1_2_AT_7, "aspects-theoriques": 9.75 }, []],
    ["500 m capelé non fait is still sitting the exam", { ...GROUPS_1_2_AT_7, "500m-capele": "NON_FAIT" }, ["3"]],
    ["an NP means the whole exam was not sat: nothing kept", { ...GROUPS_1_2_AT_7, "500m-capele": "NP" }, []],
  ])("%s", (_name, overrides, parts) => {
    const computed = computeResult(N4, marks(N4, overrides), { firstExamDay: FIRST_DAY });
    expect(computed.result).toBe("ajourne");
    expect(computed.kept.map((kept) => kept.part)).toEqual(parts);
  });

  it("names the part and its end of validity", () => {
    expect(computeResult(N4, marks(N4, GROUP_3_AT_90), { firstExamDay: FIRST_DAY }).kept).toEqual([
      { part: "1+2", label: "groupes 1 et 2", until: "2027-03-15" },
    ]);
    expect(computeResult(N4, marks(N4, GROUPS_1_2_AT_7), { firstExamDay: FIRST_DAY }).kept).toEqual([
      { part: "3", label: "groupe 3", until: "2027-03-15" },
    ]);
  });

  it("keeps nothing from an admitted candidate", () => {
    const computed = computeResult(N4, marks(N4), { firstExamDay: FIRST_DAY });
    expect(computed.result).toBe("admis");
    expect(computed.kept).toEqual([]);
  });

  it("reports kept parts only when told the first exam day", () => {
    expect(computeResult(N4, marks(N4, GROUP_3_AT_90)).kept).toEqual([]);
    expect(() => computeResult(N4, marks(N4), { firstExamDay: "15/06/2026" })).toThrow(/YYYY-MM-DD/);
  });

  it.each([
    ["2026-06-15", "2027-03-15"],
    ["2026-05-31", "2027-02-28"],
    ["2027-05-31", "2028-02-29"],
    ["2026-04-30", "2027-01-30"],
    ["2026-12-31", "2027-09-30"],
    ["2026-03-01", "2026-12-01"],
  ])("first exam day %s: valid until %s", (firstExamDay, until) => {
    expect(computeResult(N4, marks(N4, GROUP_3_AT_90), { firstExamDay }).kept[0].until).toBe(until);
    expect(addMonths(firstExamDay, 9)).toBe(until);
  });
});

describe("computeResult: a later session with a kept part", () => {
  const keeps12 = exemptTestCodes(N4, ["1+2"]);
  const keeps3 = exemptTestCodes(N4, ["3"]);
  const only = (codes: string[], overrides: Record<string, Cell> = {}) =>
    Object.fromEntries(Object.entries(marks(N4, overrides)).filter(([code]) => codes.includes(code)));

  it("lists the tests each part covers", () => {
    expect(keeps12).toEqual([...N4_1, ...N4_2]);
    expect(keeps3).toEqual(N4_3);
    expect(() => exemptTestCodes(N4, ["2"])).toThrow();
    expect(() => exemptTestCodes(INITIATEUR, ["3"])).toThrow();
  });

  it("groupes 1+2 kept: only groupe 3 is marked and checked", () => {
    const computed = computeResult(N4, only(N4_3), { exempt: keeps12, firstExamDay: FIRST_DAY });
    expect(computed).toMatchObject({
      complete: true,
      result: "admis",
      total: 130,
      maxTotal: 260,
      reasons: [],
      kept: [],
    });
    expect(computed.groups.map((g) => g.code)).toEqual(["3"]);
    expect(Object.keys(computed.points)).toEqual(N4_3);
  });

  it("groupes 1+2 kept: groupe 3 missed by 0,5 fails on that group alone, and keeps nothing", () => {
    const computed = computeResult(N4, only(N4_3, { "aspects-theoriques": 9.75 }), {
      exempt: keeps12,
      firstExamDay: FIRST_DAY,
    });
    expect(computed.result).toBe("ajourne");
    expect(computed.reasons).toEqual(["Moyenne du groupe 3 insuffisante : 129,5/260"]);
    expect(computed.kept).toEqual([]);
  });

  it("groupes 1+2 kept: marks given for the kept tests are ignored", () => {
    const computed = computeResult(N4, marks(N4, { mannequin: 2, "500m-capele": "NON_FAIT" }), { exempt: keeps12 });
    expect(computed.result).toBe("admis");
    expect(computed.points.mannequin).toBeUndefined();
  });

  it("groupe 3 kept: groupes 1, 2A, 2B and 2 are checked, not the total", () => {
    const admitted = computeResult(N4, only(keeps12), { exempt: keeps3 });
    expect(admitted).toMatchObject({ complete: true, result: "admis", total: 190, maxTotal: 380 });
    expect(admitted.groups.map((g) => g.code)).toEqual(["1", "2A", "2B", "2"]);

    const failed = computeResult(N4, only(keeps12, { "briefing-debriefing": 9.75 }), { exempt: keeps3 });
    expect(failed.result).toBe("ajourne");
    expect(failed.reasons).toEqual([
      "Moyenne du groupe 2A insuffisante : 79,5/160",
      "Moyenne du groupe 2 insuffisante : 139,5/280",
    ]);
  });

  it("groupe 3 kept: the 500 m capelé is still required", () => {
    const computed = computeResult(N4, only(keeps12, { "500m-capele": null }), { exempt: keeps3 });
    expect(computed.complete).toBe(false);
    expect(computed.result).toBeNull();
  });

  it("refuses an exempt code that is not a test of the grid", () => {
    expect(() => computeResult(N4, marks(N4), { exempt: ["groupe-3"] })).toThrow(/groupe-3/);
  });
});

describe("keptPartsStillValid", () => {
  it.each<[string, number, string[]]>([
    ["2027-03-15", 0, ["1+2"]],
    ["2027-03-15", 1, ["1+2"]],
    ["2027-03-15", 2, []],
    ["2027-03-16", 0, []],
    ["2026-09-01", 0, ["1+2"]],
  ])("on %s after %d later sessions: %j", (day, sessionsUsed, parts) => {
    expect(keptPartsStillValid([{ part: "1+2", until: "2027-03-15", sessionsUsed }], day, 2)).toEqual(parts);
  });
});

/** The rows of db/schema.ts for a grid, as migration 002 writes them. */
function rowsOf(grid: Grid, rulesJson: string | null, ids: { grid: number; test: number; group: number }) {
  const gridRow: GridRow = {
    id: ids.grid,
    code: grid.code,
    version: grid.version,
    label: grid.label,
    max_total: grid.maxTotal,
    pass_total: grid.passTotal,
    eliminatory_below: grid.eliminatoryBelow,
    rules_json: rulesJson,
  };
  // A grid's tests and groups: ids from `first` on, in the grid's order.
  const ordered = <T, R>(items: T[], first: number, row: (item: T) => R) =>
    items.map((item, index) => ({ id: first + index, grid_id: ids.grid, ...row(item), sort_order: index + 1 }));
  const tests: GridTestRow[] = ordered(grid.tests, ids.test, (test) => ({
    code: test.code,
    label: test.label,
    coefficient: test.coefficient,
    kind: test.kind,
    eliminatory_below: test.eliminatoryBelow,
  }));
  const groups: GridGroupRow[] = ordered(grid.groups, ids.group, (group) => ({
    code: group.code,
    label: group.label,
    min_points: group.minPoints,
    max_points: group.maxPoints,
  }));
  const links: GridGroupTestRow[] = grid.groups.flatMap((group, index) =>
    group.testCodes.map((code) => ({ group_id: ids.group + index, test_id: tests.find((t) => t.code === code)!.id })),
  );
  return { gridRow, tests, groups, links };
}

/**
 * rules_json as migration 002 writes it: N4's partial credit, with an `otherMin` on a single group
 * written `{ group: "3", points }` rather than `{ groups: ["3"], points }`.
 */
const N4_RULES_JSON = JSON.stringify({
  partialCredit: {
    ...N4.partialCredit!,
    parts: N4.partialCredit!.parts.map(({ otherMin, ...part }) => ({
      ...part,
      otherMin: otherMin?.groups.length === 1 ? { group: otherMin.groups[0], points: otherMin.points } : otherMin,
    })),
  },
});

describe("gridFromRows", () => {
  it.each(GRIDS.map((grid) => [grid.code, grid] as const))("reads back the %s grid", (_code, grid) => {
    const { gridRow, tests, groups, links } = rowsOf(grid, grid.partialCredit ? N4_RULES_JSON : null, {
      grid: grid.id,
      test: 1,
      group: 1,
    });
    expect(gridFromRows(gridRow, tests, groups, links)).toEqual(grid);
  });

  it("keeps only the rows of its grid, in sort order, whatever order they come in", () => {
    const n4 = rowsOf(N4, N4_RULES_JSON, { grid: 1, test: 1, group: 1 });
    const initiateur = rowsOf(INITIATEUR, null, { grid: 2, test: 101, group: 101 });
    const grid = gridFromRows(
      initiateur.gridRow,
      [...n4.tests, ...initiateur.tests].reverse(),
      [...initiateur.groups, ...n4.groups].reverse(),
      [...n4.links, ...initiateur.links].reverse(),
    );
    expect(grid).toEqual({
      ...INITIATEUR,
      tests: INITIATEUR.tests.map((test, index) => ({ ...test, id: 101 + index })),
    });
  });

  it("reads rules without partial credit as none", () => {
    const { gridRow, tests, groups, links } = rowsOf(MF1, JSON.stringify({ other: true }), {
      grid: 3,
      test: 1,
      group: 1,
    });
    expect(gridFromRows(gridRow, tests, groups, links).partialCredit).toBeNull();
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    ["a wrong shape", JSON.stringify({ partialCredit: { parts: [] } }), /invalid rules_json/],
    ["an unknown group", N4_RULES_JSON.replace('"groups":["3"]', '"groups":["4"]'), /unknown group 4/],
  ])("refuses rules_json with %s", (_name, json, error) => {
    const { gridRow, tests, groups, links } = rowsOf(N4, json, { grid: 1, test: 1, group: 1 });
    expect(() => gridFromRows(gridRow, tests, groups, links)).toThrow(error);
  });

  it("refuses a group listing another grid's test", () => {
    const { gridRow, tests, groups, links } = rowsOf(INITIATEUR, null, { grid: 2, test: 1, group: 1 });
    expect(() => gridFromRows(gridRow, tests, groups, [...links, { group_id: 1, test_id: 999 }])).toThrow(/999/);
  });
});
