/**
 * The exam grids a freshly migrated database holds read back, through `gridFromRows`, to the
 * grids written by hand from domain.md §7 (app/domain/grid.fixture.ts), and compute results.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeResult, type Grid } from "../app/domain/grid";
import { gridFromRows } from "../app/domain/grid-rows";
import { GRIDS, N4 } from "../test/support/grids";
import type { DB } from "./connection";
import { describeEachDialect, freshDatabase } from "../test/support/database";

describeEachDialect("grids", (dialect) => {
  let db: DB;
  let cleanup: () => Promise<void>;
  const loaded = new Map<string, Grid>();

  beforeAll(async () => {
    ({ db, cleanup } = await freshDatabase(dialect));
    const grids = await db.selectFrom("exam_grids").selectAll().execute();
    const tests = await db.selectFrom("grid_tests").selectAll().execute();
    const groups = await db.selectFrom("grid_groups").selectAll().execute();
    const links = await db.selectFrom("grid_group_tests").selectAll().execute();
    for (const row of grids) loaded.set(row.code, gridFromRows(row, tests, groups, links));
  });

  afterAll(async () => {
    await cleanup();
  });

  /** Database ids are the database's business: compare everything else. */
  function withoutIds(grid: Grid) {
    const { id: _gridId, ...rest } = grid;
    return { ...rest, tests: grid.tests.map(({ id: _testId, ...test }) => test) };
  }

  describe("exam grids in a freshly migrated database", () => {
    it("holds exactly the three grids of domain.md §7", () => {
      expect([...loaded.keys()].sort()).toEqual(GRIDS.map((grid) => grid.code).sort());
    });

    it.each(GRIDS.map((grid) => [grid.code, grid] as const))("reads %s as written in domain.md", (code, expected) => {
      const grid = loaded.get(code);
      expect(grid).toBeDefined();
      expect(withoutIds(grid!)).toEqual(withoutIds(expected));
    });

    it("keeps the database ids of the tests, so that marks rows can be matched", async () => {
      const grid = loaded.get("N4")!;
      const rows = await db
        .selectFrom("grid_tests")
        .select(["id", "code"])
        .where("grid_id", "=", grid.id)
        .orderBy("sort_order")
        .execute();
      expect(grid.tests.map((test) => [test.id, test.code])).toEqual(rows.map((row) => [row.id, row.code]));
    });

    it("computes a GP-N4 result with partial credit from the database grid", () => {
      const grid = loaded.get("N4")!;
      const marks = Object.fromEntries(
        N4.tests.map((test) => [
          test.code,
          test.kind === "done"
            ? { code: "FAIT" as const }
            : { value: N4.groups[4].testCodes.includes(test.code) ? 7 : 10 },
        ]),
      );
      // Groupes 1 and 2 at 10/20, groupe 3 at 7/20 (91/260): ajourné, groupes 1 and 2 kept.
      const result = computeResult(grid, marks, { firstExamDay: "2026-06-15" });
      expect(result.result).toBe("ajourne");
      expect(result.reasons).toEqual(["Moyenne du groupe 3 insuffisante : 91/260", "Total insuffisant : 281/640"]);
      expect(result.kept).toEqual([{ part: "1+2", label: "groupes 1 et 2", until: "2027-03-15" }]);
    });
  });
});
