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
