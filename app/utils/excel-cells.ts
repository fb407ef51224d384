/**
 * Text written into a spreadsheet cell must never be taken for a formula: a cell text that
 * begins with `=`, `+`, `-` or `@` (or a tab / carriage return) gets a leading apostrophe.
 */
export function neutralizeCellText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A calendar date `YYYY-MM-DD` as the Date exceljs writes as that same day (UTC midnight). */
export function excelDate(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}
