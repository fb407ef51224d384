/**
 * exceljs gives a cell value as a union (rich text, hyperlink whose text may be rich text,
 * formula with its cached result, shared formula, error, Date, number, string, boolean).
 * `plainCellValue` flattens it to what a reader compares (a formula without result reads as
 * empty: `formulaWithoutResult` tells it apart); `sheetRows` turns a worksheet into
 * the `SheetRows` that `headers.ts` searches.
 */
import type { CellValue, Worksheet } from "exceljs";

export type PlainValue = string | number | boolean | Date | null;

export function plainCellValue(value: CellValue | undefined): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value !== "object") return null;
  if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
  if ("hyperlink" in value) {
    const text = (value as { text?: unknown }).text;
    return typeof text === "object" && text !== null && "richText" in text
      ? (text as { richText: { text: string }[] }).richText.map((r) => r.text).join("")
      : typeof text === "string"
        ? text
        : null;
  }
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return null;
    if (typeof result === "object" && !(result instanceof Date)) return null; // an error result
    return result as PlainValue;
  }
  if ("error" in value) return null;
  return null;
}

/**
 * A formula without a stored result (openpyxl and other scripts write the formula only; Excel and
 * LibreOffice always store what it computes): its value is unknown, never to be read as empty.
 * Beware a formula computing an empty text: exceljs drops that result too (`t="str"`, empty `<v>`).
 */
export function formulaWithoutResult(value: CellValue | undefined): boolean {
  if (value === null || typeof value !== "object" || value instanceof Date) return false;
  if (!("formula" in value) && !("sharedFormula" in value)) return false;
  const result = (value as { result?: unknown }).result;
  return result === undefined || result === null;
}

/** The worksheet's values as rows of plain values (`rows[0]` = row 1), up to `maxRows`. */
export function sheetRows(sheet: Worksheet, maxRows = sheet.rowCount): PlainValue[][] {
  const rows: PlainValue[][] = [];
  const last = Math.min(sheet.rowCount, maxRows);
  for (let r = 1; r <= last; r++) {
    const row = sheet.getRow(r);
    const values: PlainValue[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(plainCellValue(row.getCell(c).value));
    rows.push(values);
  }
  return rows;
}
