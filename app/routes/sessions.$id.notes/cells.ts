import type { Grid } from "~/domain/grid";
import { parseMark, type Mark } from "~/domain/marks";

/** The form field of one mark: `m.<candidate row id>.<grid test id>`. */
export const cellName = (candidateId: number, testId: number) => `m.${candidateId}.${testId}`;

/** The id of a cell's field, which the error summary links to (`note-12-5`). */
export const cellId = (candidateId: number, testId: number) => `note-${candidateId}-${testId}`;

/**
 * A line of the error summary: « Dumas Aurélie — Mannequin : 25 n'est pas une note sur 20 » for a
 * number above 20, the cell's own message otherwise.
 */
export function summaryLine(candidate: string, test: string, typed: string, error: string): string {
  const text = typed.trim();
  const number = /^\d+(?:[.,]\d+)?$/.test(text) ? Number(text.replace(",", ".")) : NaN;
  return `${candidate} — ${test} : ${number > 20 ? `${text} n'est pas une note sur 20` : error}`;
}

/**
 * Why each cell is refused, read from what it holds now (the rule the server applies on saving):
 * without JavaScript, the cells the server sent back; with it, also as they are typed.
 */
export function cellErrors(
  grid: Grid,
  candidates: { id: number }[],
  values: Record<string, string>,
  exemptOf: (candidateId: number) => string[],
) {
  const errors: Record<string, string> = {};
  for (const c of candidates) {
    const exempt = exemptOf(c.id);
    for (const test of grid.tests) {
      if (exempt.includes(test.code)) continue;
      const name = cellName(c.id, test.id);
      const parsed = parseMark(values[name] ?? "", test.kind);
      if (!parsed.ok) errors[name] = parsed.error;
    }
  }
  return errors;
}

/** The marks typed for one candidate, by test code (null where empty or refused). */
export function marksOf(grid: Grid, candidateId: number, values: Record<string, string>) {
  const marks: Record<string, Mark | null> = {};
  for (const test of grid.tests) {
    const parsed = parseMark(values[cellName(candidateId, test.id)] ?? "", test.kind);
    marks[test.code] = parsed.ok ? parsed.mark : null;
  }
  return marks;
}
