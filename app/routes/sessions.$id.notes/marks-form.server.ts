import type { Grid } from "~/domain/grid";
import { parseMark } from "~/domain/marks";
import type { MarkEntry } from "~/sessions/marks.server";
import { cellName } from "./cells";

export interface MarksSubmission {
  /** What was typed, per cell name, to show it back. */
  values: Record<string, string>;
  /** Why a cell is invalid, per cell name. */
  errors: Record<string, string>;
  marks: MarkEntry[];
}

/** Reads the whole table as posted: every cell of every candidate of the session. */
export function readMarksForm(
  form: FormData,
  grid: Grid,
  candidateIds: number[],
  exemptOf: (candidateId: number) => string[] = () => [],
): MarksSubmission {
  const submission: MarksSubmission = { values: {}, errors: {}, marks: [] };
  for (const candidateId of candidateIds) {
    const exempt = new Set(exemptOf(candidateId));
    for (const test of grid.tests) {
      // A test covered by a kept part is not sat again: its cell is not in the form.
      if (exempt.has(test.code)) continue;
      const name = cellName(candidateId, test.id);
      const raw = String(form.get(name) ?? "").slice(0, 40);
      submission.values[name] = raw;
      const parsed = parseMark(raw, test.kind);
      if (parsed.ok) submission.marks.push({ candidateId, testId: test.id, mark: parsed.mark });
      else submission.errors[name] = parsed.error;
    }
  }
  return submission;
}

