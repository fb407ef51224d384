/**
 * A grid read from its rows (tables `exam_grids`, `grid_tests`, `grid_groups`, `grid_group_tests`,
 * migration 002), its partial-credit rules checked by a zod schema. Apart from grid.ts, which the
 * marks page runs in the browser to show totals as they are typed: zod stays out of that page.
 */
import type { Selectable } from "kysely";
import { z } from "zod";
import type { ExamGridsTable, GridGroupsTable, GridGroupTestsTable, GridTestsTable } from "../../db/schema";
import type { Grid, PartialCreditRules } from "./grid";

export type GridRow = Pick<
  Selectable<ExamGridsTable>,
  "id" | "code" | "version" | "label" | "max_total" | "pass_total" | "eliminatory_below" | "rules_json"
>;
export type GridTestRow = Pick<
  Selectable<GridTestsTable>,
  "id" | "grid_id" | "code" | "label" | "coefficient" | "kind" | "eliminatory_below" | "sort_order"
>;
export type GridGroupRow = Pick<
  Selectable<GridGroupsTable>,
  "id" | "grid_id" | "code" | "label" | "min_points" | "max_points" | "sort_order"
>;
export type GridGroupTestRow = Selectable<GridGroupTestsTable>;

const otherMinSchema = z.union([
  z.object({ groups: z.array(z.string()).min(1), points: z.number() }),
  z.object({ group: z.string(), points: z.number() }).transform(({ group, points }) => ({ groups: [group], points })),
]);

const partialCreditSchema = z.object({
  requiresWholeExam: z.boolean(),
  parts: z
    .array(
      z.object({
        code: z.string().min(1),
        label: z.string().min(1),
        groups: z.array(z.string()).min(1),
        eachGroupAverage: z.boolean(),
        noEliminatoryMark: z.boolean(),
        otherMin: otherMinSchema.nullish().transform((value) => value ?? null),
      }),
    )
    .min(1),
  validityMonths: z.number().int().positive(),
  validityFrom: z.literal("first_exam_day"),
  maxLaterSessions: z.number().int().nonnegative(),
});

const rulesSchema = z.object({ partialCredit: partialCreditSchema.optional() });

/**
 * The grid of one `exam_grids` row. The other arguments may hold rows of other grids too:
 * only those of this grid are used. Throws when the rows contradict each other (a group
 * naming a test of another grid, rules naming an unknown group): that is a data error.
 */
export function gridFromRows(
  grid: GridRow,
  tests: GridTestRow[],
  groups: GridGroupRow[],
  groupTests: GridGroupTestRow[],
): Grid {
  const name = `${grid.code} v${grid.version}`;
  const ownTests = tests.filter((test) => test.grid_id === grid.id).sort(bySortOrder);
  const ownGroups = groups.filter((group) => group.grid_id === grid.id).sort(bySortOrder);
  const testCodeById = new Map(ownTests.map((test) => [test.id, test.code]));
  const testOrder = new Map(ownTests.map((test, index) => [test.code, index]));

  const members = new Map<number, string[]>(ownGroups.map((group) => [group.id, []]));
  for (const link of groupTests) {
    const list = members.get(link.group_id);
    if (!list) continue;
    const code = testCodeById.get(link.test_id);
    if (code === undefined) {
      throw new Error(
        `Grid ${name}: group ${link.group_id} lists test ${link.test_id}, which is not a test of this grid`,
      );
    }
    list.push(code);
  }

  const result: Grid = {
    id: grid.id,
    code: grid.code,
    version: grid.version,
    label: grid.label,
    maxTotal: grid.max_total,
    passTotal: grid.pass_total,
    eliminatoryBelow: grid.eliminatory_below,
    tests: ownTests.map((test) => ({
      id: test.id,
      code: test.code,
      label: test.label,
      coefficient: test.coefficient,
      kind: test.kind,
      eliminatoryBelow: test.eliminatory_below,
    })),
    groups: ownGroups.map((group) => ({
      code: group.code,
      label: group.label,
      minPoints: group.min_points,
      maxPoints: group.max_points,
      testCodes: (members.get(group.id) ?? []).sort((a, b) => testOrder.get(a)! - testOrder.get(b)!),
    })),
    partialCredit: null,
  };
  result.partialCredit = parsePartialCredit(grid.rules_json, name, new Set(result.groups.map((g) => g.code)));
  return result;
}

function bySortOrder(a: { sort_order: number; id: number }, b: { sort_order: number; id: number }): number {
  return a.sort_order - b.sort_order || a.id - b.id;
}

function parsePartialCredit(json: string | null, name: string, groupCodes: Set<string>): PartialCreditRules | null {
  if (json === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error(`Grid ${name}: rules_json is not JSON`);
  }
  const parsed = rulesSchema.safeParse(data);
  if (!parsed.success) throw new Error(`Grid ${name}: invalid rules_json: ${parsed.error.message}`);
  const rules = parsed.data.partialCredit;
  if (!rules) return null;
  for (const part of rules.parts) {
    for (const code of [...part.groups, ...(part.otherMin?.groups ?? [])]) {
      if (!groupCodes.has(code))
        throw new Error(`Grid ${name}: partial credit part ${part.code} names unknown group ${code}`);
    }
  }
  return rules;
}
