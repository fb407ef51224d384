import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshAppDatabase } from "../../test/support/database";
import type { ImportProblem } from "~/excel/read";

const database = await freshAppDatabase();
let outcome: typeof import("./import-outcome.server");

beforeAll(async () => {
  outcome = await import("./import-outcome.server");
});
afterAll(() => database.cleanup());

const problems = (count: number): ImportProblem[] =>
  Array.from({ length: count }, (_, i) => ({
    sheet: "Candidats",
    row: i + 2,
    column: "Licence",
    value: "x",
    message: "Numéro de licence invalide",
  }));

describe("the problems of a file", () => {
  it("lists the first 1,000 on the page and every one in the report", () => {
    const result = outcome.problemsOutcome(1, "bordereau.xlsx", problems(1500));
    if (result.kind !== "problems") throw new Error(result.kind);
    expect([result.total, result.problems.length, result.reported]).toEqual([1500, 1000, 1500]);
    expect(outcome.openReport(1, result.report)?.problems).toHaveLength(1500);
  });

  it("says how many the report holds when there are more than it keeps", () => {
    const result = outcome.problemsOutcome(1, "bordereau.xlsx", problems(outcome.REPORT_LIMIT + 5));
    if (result.kind !== "problems") throw new Error(result.kind);
    expect([result.total, result.reported]).toEqual([outcome.REPORT_LIMIT + 5, outcome.REPORT_LIMIT]);
    expect(outcome.openReport(1, result.report)?.problems).toHaveLength(outcome.REPORT_LIMIT);
  });
});
