import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "./connection";
import { describeEachDialect, freshDatabase, latestGridIdOf } from "../test/support/database";
import { GRIDS } from "../test/support/grids";
import { CATALOGUE, EQUIVALENCES, PREROGATIVES } from "../test/support/catalogue";

describeEachDialect("catalogue", (dialect) => {
  let db: DB;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ db, cleanup } = await freshDatabase(dialect));
  });

  afterAll(async () => {
    await cleanup();
  });

  async function prerequisites(code: string): Promise<string[][]> {
    const rows = await db
      .selectFrom("certification_prerequisites")
      .select(["group_no", "prerequisite_code"])
      .where("certification_code", "=", code)
      .orderBy("group_no")
      .orderBy("prerequisite_code")
      .execute();
    const groups = new Map<number, string[]>();
    for (const row of rows) groups.set(row.group_no, [...(groups.get(row.group_no) ?? []), row.prerequisite_code]);
    return [...groups.values()];
  }

  describe("certification catalogue (domain.md §3)", () => {
    it.each(CATALOGUE.map((brevet) => [brevet.code, brevet.name, brevet] as const))(
      "%s is %s",
      async (code, name, brevet) => {
        const row = await db
          .selectFrom("certifications")
          .selectAll()
          .where("code", "=", code)
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({
          name,
          commission_code: "TECHNIQUE",
          min_age: brevet.minAge,
          max_age: brevet.maxAge,
          jury_prerogative: brevet.jury,
          grid_code: brevet.grid,
          template: brevet.template,
          examinable: 1,
          age_reference: brevet.yearStart ? "year_start" : "session_start",
          equivalence_only: brevet.equivalenceOnly.length > 0 ? 1 : 0,
        });
        const organisers = await db
          .selectFrom("certification_organiser_levels")
          .select("level")
          .where("certification_code", "=", code)
          .orderBy("level")
          .execute();
        expect(organisers.map((o) => o.level)).toEqual(brevet.levels);
        expect(await prerequisites(code)).toEqual(brevet.prerequisites);
      },
    );

    it("keeps the table order", async () => {
      const rows = await db
        .selectFrom("certifications")
        .select("code")
        .where("commission_code", "=", "TECHNIQUE")
        .where("examinable", "=", 1)
        .orderBy("sort_order")
        .execute();
      expect(rows.map((r) => r.code)).toEqual(CATALOGUE.map((brevet) => brevet.code));
    });

    // The Commission Technique's brevets' prerequisites are checked with the rest of their row above.
    it.each([
      ["A2", [["A1"]]],
      ["PB2", [["PB1"], ["N2"]]],
    ])("%s, of another commission, requires %j", async (code, expected) => {
      expect(await prerequisites(code)).toEqual(expected);
    });

    it("holds MON-NITROX-C and MON-TRIMIX as non-examinable qualifications", async () => {
      const rows = await db
        .selectFrom("certifications")
        .select(["code", "name", "examinable"])
        .where("code", "in", ["MON-NITROX-C", "MON-TRIMIX"])
        .orderBy("code")
        .execute();
      expect(rows).toEqual([
        { code: "MON-NITROX-C", name: "Moniteur Nitrox confirmé", examinable: 0 },
        { code: "MON-TRIMIX", name: "Moniteur Trimix", examinable: 0 },
      ]);
    });

    it("has the other commissions' brevets, all sans note", async () => {
      const rows = await db
        .selectFrom("certifications")
        .select(["code", "commission_code", "template", "min_age"])
        .where("commission_code", "!=", "TECHNIQUE")
        .orderBy("sort_order")
        .execute();
      expect(rows).toEqual([
        { code: "A1", commission_code: "APNEE", template: "sans-note", min_age: 12 },
        { code: "A2", commission_code: "APNEE", template: "sans-note", min_age: 14 },
        { code: "A3", commission_code: "APNEE", template: "sans-note", min_age: 16 },
        { code: "A4", commission_code: "APNEE", template: "sans-note", min_age: 18 },
        { code: "PB1", commission_code: "BIO", template: "sans-note", min_age: 14 },
        { code: "PB2", commission_code: "BIO", template: "sans-note", min_age: 16 },
      ]);
    });

    it("holds exactly the prerogatives of domain.md, each through its brevets", async () => {
      const rows = await db.selectFrom("prerogatives").selectAll().orderBy("certification_code").execute();
      const held: Record<string, string[]> = {};
      for (const row of rows) (held[row.code] ??= []).push(row.certification_code);
      expect(held).toEqual(PREROGATIVES);
    });
  });

  describe("equivalences (domain.md §3)", () => {
    it.each(Object.entries(EQUIVALENCES))("%s counts as %s", async (code, certification) => {
      const row = await db.selectFrom("equivalences").selectAll().where("code", "=", code).executeTakeFirstOrThrow();
      expect(row.certification_code).toBe(certification);
      expect(row.name).not.toBe("");
    });

    it("has exactly the 11 codes", async () => {
      const rows = await db.selectFrom("equivalences").select("code").execute();
      expect(rows.map((r) => r.code).sort()).toEqual(Object.keys(EQUIVALENCES).sort());
      expect(rows).toHaveLength(11);
    });

    it("grants GP-ASSOCIE by CMAS-3 only", async () => {
      const rows = await db.selectFrom("certification_equivalences").selectAll().execute();
      expect(rows).toEqual([{ certification_code: "GP-ASSOCIE", equivalence_code: "CMAS-3" }]);
    });
  });

  describe("exam grids (domain.md §7)", () => {
    it.each([
      ["N4", 640, 320, 16],
      ["INITIATEUR", 140, 70, 4],
      ["MF1", 340, 170, 5],
    ])("%s: marked coefficients × 20 = %i, pass %i, %i tests", async (code, maxTotal, passTotal, testCount) => {
      const grid = await db
        .selectFrom("exam_grids")
        .selectAll()
        .where("code", "=", code)
        .where("version", "=", 1)
        .executeTakeFirstOrThrow();
      expect(grid).toMatchObject({
        max_total: maxTotal,
        pass_total: passTotal,
        eliminatory_below: 5,
        valid_from: "2013-01-01",
      });
      const tests = await db.selectFrom("grid_tests").selectAll().where("grid_id", "=", grid.id).execute();
      expect(tests).toHaveLength(testCount);
      const marked = tests.filter((t) => t.kind === "mark");
      expect(20 * marked.reduce((sum, t) => sum + t.coefficient, 0)).toBe(maxTotal);
      expect(passTotal * 2).toBe(maxTotal);
    });

    /** A version 1 grid's rows, each group with the codes of its tests in the tests' order. */
    async function gridRows(code: string) {
      const grid = await db
        .selectFrom("exam_grids")
        .select("id")
        .where("code", "=", code)
        .where("version", "=", 1)
        .executeTakeFirstOrThrow();
      const [tests, groups, links] = await Promise.all([
        db.selectFrom("grid_tests").selectAll().where("grid_id", "=", grid.id).orderBy("sort_order").execute(),
        db.selectFrom("grid_groups").selectAll().where("grid_id", "=", grid.id).orderBy("sort_order").execute(),
        db.selectFrom("grid_group_tests").selectAll().execute(),
      ]);
      const members = (groupId: number) =>
        tests.filter((t) => links.some((l) => l.group_id === groupId && l.test_id === t.id));
      return { tests, groups: groups.map((g) => ({ ...g, members: members(g.id) })) };
    }

    const gridCases = GRIDS.map((grid) => [grid.code, grid] as const);

    it.each(gridCases)("%s: every group's max_points is 20 × its marked coefficients", async (code) => {
      const { groups } = await gridRows(code);
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) {
        const marked = group.members.filter((t) => t.kind === "mark");
        expect(group.max_points, group.code).toBe(20 * marked.reduce((sum, t) => sum + t.coefficient, 0));
        expect(group.min_points * 2, group.code).toBe(group.max_points);
      }
    });

    it.each(gridCases)("%s: its groups' points and tests as in domain.md", async (_code, expected) => {
      const { groups } = await gridRows(expected.code);
      expect(groups.map((g) => [g.code, g.label, g.min_points, g.max_points, g.members.map((t) => t.code)])).toEqual(
        expected.groups.map((g) => [g.code, g.label, g.minPoints, g.maxPoints, g.testCodes]),
      );
    });

    it.each(gridCases)(
      "%s: its tests' labels, coefficients, kinds and eliminatory marks as in domain.md",
      async (_code, expected) => {
        const { tests } = await gridRows(expected.code);
        expect(tests.map((t) => [t.code, t.label, t.coefficient, t.kind, t.eliminatory_below])).toEqual(
          expected.tests.map((t) => [t.code, t.label, t.coefficient, t.kind, t.eliminatoryBelow]),
        );
      },
    );

    it("keeps the GP-N4 partial credit as data", async () => {
      const rows = await db.selectFrom("exam_grids").select(["code", "rules_json"]).orderBy("code").execute();
      const rules = Object.fromEntries(
        rows.map((r) => [r.code, r.rules_json === null ? null : JSON.parse(r.rules_json)]),
      );
      expect(rules.INITIATEUR).toBeNull();
      expect(rules.MF1).toBeNull();
      expect(rules.N4.partialCredit).toMatchObject({
        validityMonths: 9,
        maxLaterSessions: 2,
        parts: [
          { code: "1+2", groups: ["1", "2A", "2B"], otherMin: { group: "3", points: 90 } },
          { code: "3", groups: ["3"], otherMin: { groups: ["1", "2"], points: 133 } },
        ],
      });
    });

    it("links each grid certification to an existing grid", async () => {
      const rows = await db
        .selectFrom("certifications")
        .select(["code", "grid_code"])
        .where("grid_code", "is not", null)
        .orderBy("code")
        .execute();
      expect(rows.map((r) => [r.code, r.grid_code])).toEqual([
        ["GP-N4", "N4"],
        ["INITIATEUR", "INITIATEUR"],
        ["MF1", "MF1"],
      ]);
      // latestGridIdOf throws for a grid that does not exist.
      for (const row of rows) await expect(latestGridIdOf(db, row.grid_code!)).resolves.toBeTypeOf("number");
    });
  });
});
