/**
 * One cell of an exam grid (domain.md §7): a mark out of 20, or a code.
 *
 * - `mark` tests take a number from 0 to 20 (at most two decimals, `12,5` or `12.5`),
 *   `NP` (non présenté) or `NF` (non fait);
 * - `done` tests (fait / non fait, e.g. "500 m capelé") take `Fait`, `Non fait` or `NP`.
 *   `NF` typed in a done test means the same thing as `Non fait` and is stored as `NON_FAIT`,
 *   so that one fact has one code.
 */

export type MarkCode = "NP" | "NF" | "FAIT" | "NON_FAIT";
export type Mark = { value: number } | { code: MarkCode };
export type TestKind = "mark" | "done";

export type ParsedMark = { ok: true; mark: Mark | null } | { ok: false; error: string };

const MAX_MARK = 20;
const MARK_PATTERN = /^(\d+)(?:[.,](\d+))?$/;

/** Reads a cell as typed by a person or read from a bordereau; an empty cell is `mark: null`. */
export function parseMark(raw: string, kind: TestKind): ParsedMark {
  const text = raw.trim().replace(/\s+/g, " ");
  if (text === "") return { ok: true, mark: null };
  return kind === "done" ? parseDone(text) : parseNumericMark(text);
}

function parseNumericMark(text: string): ParsedMark {
  const upper = text.toUpperCase();
  if (upper === "NP" || upper === "NF") return { ok: true, mark: { code: upper } };
  const match = MARK_PATTERN.exec(text);
  if (!match) return { ok: false, error: outOfRange(text) };
  const decimals = match[2] ?? "";
  if (decimals.length > 2) return { ok: false, error: `Note invalide « ${text} » : au plus deux décimales` };
  const value = Number(decimals ? `${match[1]}.${decimals}` : match[1]);
  if (value > MAX_MARK) return { ok: false, error: outOfRange(text) };
  return { ok: true, mark: { value } };
}

function outOfRange(text: string): string {
  return `Note invalide « ${text} » : une note va de 0 à 20, ou NP / NF`;
}

function parseDone(text: string): ParsedMark {
  const key = text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\s_-]+/g, " ");
  switch (key) {
    case "fait":
      return { ok: true, mark: { code: "FAIT" } };
    case "non fait":
    case "nf":
      return { ok: true, mark: { code: "NON_FAIT" } };
    case "np":
      return { ok: true, mark: { code: "NP" } };
    default:
      return { ok: false, error: `Valeur invalide « ${text} » : attendu Fait, Non fait ou NP` };
  }
}

/** The text of a cell: `12,5`, `NP`, `NF`, `Fait`, `Non fait`; empty for no mark. */
export function formatMark(mark: Mark | null | undefined): string {
  if (!mark) return "";
  if ("value" in mark) return formatDecimal(mark.value);
  switch (mark.code) {
    case "FAIT":
      return "Fait";
    case "NON_FAIT":
      return "Non fait";
    default:
      return mark.code;
  }
}

/** A number the French way, to the hundredth, without trailing zeros: `4,5`, `75`, `19,98`. */
export function formatDecimal(value: number): string {
  const hundredths = Math.round(value * 100);
  const sign = hundredths < 0 ? "-" : "";
  const absolute = Math.abs(hundredths);
  const whole = Math.floor(absolute / 100);
  const fraction = absolute % 100;
  if (fraction === 0) return `${sign}${whole}`;
  const digits = String(fraction).padStart(2, "0").replace(/0$/, "");
  return `${sign}${whole},${digits}`;
}

const MARK_CODES: readonly string[] = ["NP", "NF", "FAIT", "NON_FAIT"] satisfies MarkCode[];

/** A `marks` row (value out of 20, or a code) as a Mark; null when it holds neither (or an unknown code). */
export function markFromRow(row: { value: number | null; code: string | null }): Mark | null {
  if (row.code !== null) return MARK_CODES.includes(row.code) ? { code: row.code as MarkCode } : null;
  if (row.value !== null) return { value: row.value };
  return null;
}

/** The `value` and `code` columns of a `marks` row. */
export function markToRow(mark: Mark): { value: number | null; code: MarkCode | null } {
  return "value" in mark ? { value: mark.value, code: null } : { value: null, code: mark.code };
}
