/**
 * A worksheet's cells as plain values, read from what exceljs loaded and corrected by the sheet's own
 * XML where exceljs 4.4 loses something (ISO date cells, formulas computing an empty text); the
 * formulas whose value cannot be read are kept aside with what the cell shows.
 */
import type ExcelJS from "exceljs";
import type { CheckedWorkbook } from "./archive-guard";
import { formulaWithoutResult, plainCellValue, type PlainValue } from "./cell-value";
import { normalizeHeader, type SheetRows } from "./headers";
import { inflateEntry, readCentralDirectory } from "./zip";

export interface SheetData {
  name: string;
  rows: PlainValue[][];
  /**
   * `row:column` → a formula whose value cannot be read (its `rows` value is null): it shows an
   * error (`#N/A`), or it has no stored result. What the cell shows and the message.
   */
  unreadable: Map<string, { shown: string; message: string }>;
}

const NO_RESULT =
  "Formule sans valeur calculée : ouvrez le fichier dans Excel ou LibreOffice, enregistrez-le, puis importez-le de nouveau";

function errorOf(value: ExcelJS.CellValue): string | null {
  if (value && typeof value === "object" && !(value instanceof Date)) {
    if ("error" in value) return String((value as { error: unknown }).error);
    const result = (value as { result?: unknown }).result;
    if (result && typeof result === "object" && "error" in result) return String((result as { error: unknown }).error);
  }
  return null;
}

/**
 * What exceljs 4.4 loses of a sheet's cells, read from its XML: the text of ISO date cells
 * (`t="d"`, e.g. openpyxl with `iso_dates`: exceljs reads `2026-06-15` as the number 2026) and
 * the formulas that computed a text (`t="str"`: there an empty `<v>` is an empty text, which
 * exceljs drops as if there were no result). By address (`B6`).
 */
interface RawCells {
  isoDates: Map<string, string>;
  textFormulas: Set<string>;
}

function rawCells(xml: string): RawCells {
  const found: RawCells = { isoDates: new Map(), textFormulas: new Set() };
  if (!/\st\s*=\s*["'](?:d|str)["']/.test(xml)) return found;
  for (const cell of xml.matchAll(/<((?:[A-Za-z_][\w.-]*:)?)c\s([^>]*?)(\/?)>/g)) {
    const type = /(?:^|\s)t\s*=\s*["'](\w+)["']/.exec(cell[2])?.[1];
    const address = /(?:^|\s)r\s*=\s*["']([A-Za-z]{1,3}\d+)["']/.exec(cell[2])?.[1]?.toUpperCase();
    if (!address || cell[3] || (type !== "d" && type !== "str")) continue;
    const start = cell.index! + cell[0].length;
    const end = xml.indexOf(`</${cell[1]}c>`, start);
    if (end < 0) continue;
    const body = xml.slice(start, end);
    if (type === "d") {
      const text = /<(?:[A-Za-z_][\w.-]*:)?v>([^<]*)</.exec(body)?.[1].trim();
      if (text) found.isoDates.set(address, text);
    } else if (/<(?:[A-Za-z_][\w.-]*:)?f[\s/>]/.test(body)) found.textFormulas.add(address);
  }
  return found;
}

/** Each sheet's `RawCells`, by name, from the part the guard rebuilt it as. */
export function rawCellsBySheet(checked: CheckedWorkbook): Map<string, RawCells> {
  const entries = new Map(readCentralDirectory(checked.package).entries.map((e) => [e.name, e]));
  return new Map(
    checked.sheets.map((sheet) => {
      const entry = entries.get(sheet.part);
      return [sheet.name, rawCells(entry ? inflateEntry(checked.package, entry).toString("utf8") : "")];
    }),
  );
}

/** The sheet's cells as plain values (`rows[0]` is row 1), up to its last row holding a cell. */
export function readSheet(sheet: ExcelJS.Worksheet, lastRow: number, raw: RawCells | undefined): SheetData {
  const rows: PlainValue[][] = [];
  const unreadable: SheetData["unreadable"] = new Map();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > lastRow) return;
    const values: PlainValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const key = `${rowNumber}:${column}`;
      const isoDate = raw?.isoDates.get(cell.address);
      values[column - 1] = isoDate ?? plainCellValue(cell.value);
      const error = errorOf(cell.value);
      if (error) {
        unreadable.set(key, {
          shown: error,
          message: `La cellule affiche une erreur de formule (${error}) : saisissez la valeur`,
        });
      } else if (isoDate === undefined && formulaWithoutResult(cell.value) && !raw?.textFormulas.has(cell.address)) {
        unreadable.set(key, { shown: `=${cell.formula ?? ""}`, message: NO_RESULT });
      }
    });
    for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
    rows[rowNumber - 1] = values;
  });
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return { name: sheet.name, rows, unreadable };
}

/** The sheet a block lives on: by its name (loosely), else the first sheet where `found` succeeds. */
export function findSheet(sheets: SheetData[], name: string, found: (rows: SheetRows) => boolean): SheetData | null {
  const wanted = normalizeHeader(name);
  return (
    sheets.find((s) => normalizeHeader(s.name) === wanted && found(s.rows)) ?? sheets.find((s) => found(s.rows)) ?? null
  );
}
