import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import type { Grid } from "~/domain/grid";
import { parseMark, type Mark } from "~/domain/marks";
import { cellName } from "./cells";

/** The marks table as posted: what was typed (to show it back), why a cell is refused, the marks read. */
export interface MarksSubmission {
  /** What was typed, per cell name. */
  values: Record<string, string>;
  /** Why a cell is invalid, per cell name. */
  errors: Record<string, string>;
  marks: { candidateId: number; testId: number; mark: Mark | null }[];
}

/** What is kept of a cell's text: a mark is a few characters, anything longer is refused anyway. */
const MAX_CELL = 40;

/** One cell: empty (no mark), a mark, NP or NF; the domain's French message otherwise. */
function markCell(kind: Grid["tests"][number]["kind"]) {
  return z.unknown().transform((value, ctx) => {
    const parsed = parseMark(String(value ?? "").slice(0, MAX_CELL), kind);
    if (parsed.ok) return parsed.mark;
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });
}

/**
 * The schema of the marks table of a session: one field per candidate and test, named
 * `m.<candidate>.<test>` (so a nested object to Conform). A test covered by a kept part is not sat
 * again: its cell is not in the form. A missing cell is an empty one.
 */
export function marksSchema(
  grid: Grid,
  candidateIds: number[],
  exemptOf: (candidateId: number) => string[] = () => [],
) {
  const candidates: Record<string, z.ZodTypeAny> = {};
  for (const candidateId of candidateIds) {
    const exempt = new Set(exemptOf(candidateId));
    const cells: Record<string, z.ZodTypeAny> = {};
    for (const test of grid.tests) if (!exempt.has(test.code)) cells[test.id] = markCell(test.kind);
    candidates[candidateId] = z.object(cells).default({});
  }
  return z.object({ m: z.object(candidates).default({}) });
}

/** Reads the whole table as posted: every cell of every candidate of the session. */
export function readMarksForm(
  form: FormData,
  grid: Grid,
  candidateIds: number[],
  exemptOf: (candidateId: number) => string[] = () => [],
): MarksSubmission {
  const submission = parseWithZod(form, { schema: marksSchema(grid, candidateIds, exemptOf) });
  const typed = (submission.payload.m ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const read =
    submission.status === "success" ? (submission.value.m as Record<string, Record<string, Mark | null>>) : null;
  const refused = submission.status === "error" ? submission.error : null;
  const result: MarksSubmission = { values: {}, errors: {}, marks: [] };
  for (const candidateId of candidateIds) {
    const exempt = new Set(exemptOf(candidateId));
    for (const test of grid.tests) {
      if (exempt.has(test.code)) continue;
      const name = cellName(candidateId, test.id);
      const value = typed[candidateId]?.[test.id];
      result.values[name] = typeof value === "string" ? value.slice(0, MAX_CELL) : "";
      const error = refused?.[name]?.[0];
      if (error) result.errors[name] = error;
      else if (read) result.marks.push({ candidateId, testId: test.id, mark: read[candidateId]?.[test.id] ?? null });
    }
  }
  return result;
}
