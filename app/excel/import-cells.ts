/**
 * One cell of an uploaded bordereau, normalised according to its column's type (`spec.ts`
 * `CellType`), with the French message the import shows when the value does not fit.
 *
 * What a person or another program may have put in a cell, and what is made of it:
 * - text with stray spaces (no-break, tabs, line breaks, zero-width), the writer's neutralising
 *   apostrophe (`'=Dupré` → `=Dupré`), rich text and hyperlinks (already flattened by
 *   `plainCellValue`), numbers typed in a text cell;
 * - dates as real dates (exceljs gives UTC wall-clock), as serial numbers when the cell has no
 *   date format (1900 or 1904 date system), or as text `15/06/2026`, `15-6-2026`, `2026-06-15`;
 *   a day outside the caller's plausible window (`min`, `max`) is refused: a year or a day typed
 *   as a bare number (2026, 12) is a serial, i.e. a day of 1900–1905;
 * - marks as numbers (float noise like 12.299999999999999 read as 12.3), as text with a decimal
 *   comma (`12,5`), or `NP` / `NF` / `Fait` / `Non fait` in any case (`parseMark`);
 * - dropdown values by label or code, any case or accents (`findOption`).
 */
import { parseMark, type Mark, type TestKind } from "~/domain/marks";
import type { PlainValue } from "./cell-value";
import { findOption } from "./headers";
import { LICENCE_PATTERN, type ListOption } from "./spec";

export type CellReading<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellReading<T> => ({ ok: true, value });
const fail = (message: string): CellReading<never> => ({ ok: false, message });

const pad = (n: number) => String(n).padStart(2, "0");

/** `2026-06-15` → `15/06/2026`. */
export function frenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function isoOfUtc(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** How a value found in a cell is shown in a message or the error report. */
export function displayValue(value: PlainValue): string {
  if (value === null) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : frenchDate(isoOfUtc(value));
  if (typeof value === "number") return String(value).replace(".", ",");
  if (typeof value === "boolean") return value ? "VRAI" : "FAUX";
  const text = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  return text.replace(/[\r\n\t]+/g, " ");
}

/** A cell as trimmed text: spaces of every kind collapsed, invisible characters and the writer's apostrophe removed. */
export function cleanText(value: PlainValue): string {
  if (value === null) return "";
  if (value instanceof Date || typeof value === "number" || typeof value === "boolean") return displayValue(value);
  const text = value
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/[\s\u00a0\u2007\u202f]+/g, " ")
    .trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

export function readText(value: PlainValue, maxLength: number | undefined): CellReading<string> {
  const text = cleanText(value);
  if (maxLength !== undefined && text.length > maxLength) {
    return fail(`Texte trop long (${text.length} caractères, ${maxLength} au plus)`);
  }
  return ok(text);
}

/** `a-75-100001`, ` A 75 100001`, `A–75–100001` → `A-75-100001` when the result has the licence format. */
export function readLicence(value: PlainValue): CellReading<string> {
  const text = cleanText(value);
  const licence = text
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, "");
  if (LICENCE_PATTERN.test(licence)) return ok(licence);
  if (/^[A-Z]\d{2}\d{4,}$/.test(licence)) return ok(`${licence[0]}-${licence.slice(1, 3)}-${licence.slice(3)}`);
  return fail(`Numéro de licence invalide « ${displayValue(value)} » : format attendu A-12-345678`);
}

/** Excel's day 0 is 1899-12-30 in the 1900 date system (which counts a 29 February 1900 that never was). */
const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);
const DAY = 24 * 60 * 60 * 1000;

function validDay(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A date serial (`46188` is 15 June 2026), its fraction (a time) ignored. */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const date = new Date((date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900) + Math.floor(serial + 1e-9) * DAY);
  return validDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export interface DateOptions {
  date1904?: boolean;
  /** The earliest and latest plausible days (`YYYY-MM-DD`, inclusive): a day outside is refused as invalid. */
  min?: string;
  max?: string;
}

/** Returns `YYYY-MM-DD`, or null for an empty cell. */
export function readDate(
  value: PlainValue,
  { date1904 = false, min, max }: DateOptions = {},
): CellReading<string | null> {
  const reading = readDay(value, date1904);
  if (!reading.ok || reading.value === null) return reading;
  if ((min && reading.value < min) || (max && reading.value > max)) return invalidDate(value);
  return reading;
}

const invalidDate = (value: PlainValue) => fail(`Date invalide « ${displayValue(value)} » : format attendu JJ/MM/AAAA`);

function readDay(value: PlainValue, date1904: boolean): CellReading<string | null> {
  const invalid = () => invalidDate(value);
  if (value === null) return ok(null);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return invalid();
    // exceljs gives the wall-clock time as UTC; half a second absorbs rounding of a time of day.
    const day = new Date(value.getTime() + 500);
    const iso = validDay(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
    return iso ? ok(iso) : invalid();
  }
  if (typeof value === "number") {
    const iso = serialToIso(value, date1904);
    return iso ? ok(iso) : invalid();
  }
  const text = cleanText(value);
  if (text === "") return ok(null);
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (french) {
    const iso = validDay(Number(french[3]), Number(french[2]), Number(french[1]));
    return iso ? ok(iso) : invalid();
  }
  const isoText = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(text);
  if (isoText) {
    const iso = validDay(Number(isoText[1]), Number(isoText[2]), Number(isoText[3]));
    return iso ? ok(iso) : invalid();
  }
  if (/^\d+([.,]\d+)?$/.test(text)) {
    // A serial typed into a text cell.
    const iso = serialToIso(Number(text.replace(",", ".")), date1904);
    return iso ? ok(iso) : invalid();
  }
  return invalid();
}

/** A number as a mark's text, without the float noise of a computed value (12.299999999999999 → `12.3`). */
function markText(value: number): string {
  const hundredths = Math.round(value * 100) / 100;
  return String(Math.abs(value - hundredths) < 1e-9 ? hundredths : value);
}

/** A mark cell: null when empty; `parseMark` decides what a text means and words the message. */
export function readMark(value: PlainValue, kind: TestKind): CellReading<Mark | null> {
  if (value instanceof Date || typeof value === "boolean") {
    return fail(
      kind === "done"
        ? `Valeur invalide « ${displayValue(value)} » : attendu Fait, Non fait ou NP`
        : `Note invalide « ${displayValue(value)} » : une note va de 0 à 20, ou NP / NF`,
    );
  }
  const text = typeof value === "number" ? markText(value) : cleanText(value);
  const parsed = parseMark(text, kind);
  return parsed.ok ? ok(parsed.mark) : fail(parsed.error);
}

/** A dropdown cell: the option it names by label or code (any case, accents, spacing); null when empty. */
export function readOption(
  value: PlainValue,
  options: ListOption[],
  unknown: (shown: string) => string,
): CellReading<ListOption | null> {
  const text = cleanText(value);
  if (text === "") return ok(null);
  const option = findOption(options, text);
  return option ? ok(option) : fail(unknown(displayValue(value)));
}
