/**
 * A lenient reading of a bordereau this app wrote (or that LibreOffice / openpyxl re-saved):
 * its marker and the session content it holds, located by texts through `headers.ts`. Used by
 * the tests and the benchmark to prove that what the writer puts in comes back out. The
 * import reads people's files with every check and message; it shares the same spec,
 * marker and locating helpers.
 */
import ExcelJS from "exceljs";
import { DONE_OPTIONS } from "./blocks";
import { plainCellValue, sheetRows, type PlainValue } from "./cell-value";
import { findOption, locateFields, locateTable } from "./headers";
import { MARKER_CELL, MARKER_NAME, MARKER_PREFIX, MARKER_SHEET, parseMarker } from "./marker";
import type { JuryKey, ResolvedTemplate, SessionContent, TemplateMarker } from "./spec";

export async function openWorkbook(bytes: Uint8Array | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  return workbook;
}

/** The marker: through the defined name, else the marker cell, else any hidden-sheet cell that holds one. */
export function readMarker(workbook: ExcelJS.Workbook): TemplateMarker | null {
  const range = workbook.definedNames.getRanges(MARKER_NAME)?.ranges?.[0];
  if (range) {
    const match = /^'?(.+?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(range);
    const marker = match
      ? parseMarker(plainCellValue(workbook.getWorksheet(match[1])?.getCell(`${match[2]}${match[3]}`).value))
      : null;
    if (marker) return marker;
  }
  const sheet = workbook.getWorksheet(MARKER_SHEET);
  if (!sheet) return null;
  const direct = parseMarker(plainCellValue(sheet.getCell(MARKER_CELL).value));
  if (direct) return direct;
  for (const row of sheetRows(sheet, 50)) {
    for (const value of row) {
      if (typeof value === "string" && value.startsWith(MARKER_PREFIX)) return parseMarker(value);
    }
  }
  return null;
}

/** A written text without the writer's neutralising apostrophe (`'=x` → `=x`). */
export function cellString(value: PlainValue): string {
  if (value === null) return "";
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

/** A date cell as `YYYY-MM-DD` (a Date, `15/06/2026` or `2026-06-15`), or null. */
export function cellDate(value: PlainValue): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = cellString(value);
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (french) return `${french[3]}-${french[2]}-${french[1]}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
}

function isBlank(row: ReadonlyArray<PlainValue>, columns: Iterable<number>): boolean {
  for (const c of columns) if (cellString(row[c - 1] ?? null) !== "") return false;
  return true;
}

/** The session content of a bordereau; throws when a block cannot be found. */
export function readSessionContent(workbook: ExcelJS.Workbook, resolved: ResolvedTemplate): SessionContent {
  const sessionSheet = workbook.getWorksheet(resolved.jury.sheet);
  const candidateSheet = workbook.getWorksheet(resolved.candidates.sheet);
  if (!sessionSheet || !candidateSheet) throw new Error("Missing sheet.");
  const sessionRows = sheetRows(sessionSheet);
  const fields = locateFields(sessionRows, resolved.header);
  const fieldValue = (key: (typeof resolved.header)[number]["key"]): PlainValue => {
    const at = fields.get(key);
    return at ? (sessionRows[at.row - 1]?.[at.column - 1] ?? null) : null;
  };

  const jury: SessionContent["jury"] = [];
  const juryTable = locateTable(sessionRows, resolved.jury);
  if (!juryTable) throw new Error("Jury block not found.");
  const juryColumns = juryTable.columns;
  const juryCell = (row: ReadonlyArray<PlainValue>, key: JuryKey) =>
    cellString(row[(juryColumns.get(key) ?? 0) - 1] ?? null);
  for (const row of sessionRows.slice(juryTable.headerRow)) {
    if (isBlank(row, juryColumns.values())) continue;
    const role = findOption(resolved.lists.juryRoles, juryCell(row, "role"));
    jury.push({
      role: (role?.code ?? juryCell(row, "role")) as SessionContent["jury"][number]["role"],
      licence: juryCell(row, "licence"),
      lastName: juryCell(row, "lastName"),
      firstName: juryCell(row, "firstName"),
    });
  }

  const candidateRows = sheetRows(candidateSheet);
  const table = locateTable(candidateRows, resolved.candidates);
  if (!table) throw new Error("Candidates block not found.");
  const inputColumns = resolved.candidates.columns.filter((c) => c.type !== "formula");
  const at = (row: ReadonlyArray<PlainValue>, key: string): PlainValue => {
    const column = table.columns.get(key as never);
    return column ? (row[column - 1] ?? null) : null;
  };
  const candidates: SessionContent["candidates"] = [];
  for (const row of candidateRows.slice(table.headerRow)) {
    if (isBlank(row, inputColumns.map((c) => table.columns.get(c.key) ?? 0).filter(Boolean))) continue;
    const marks: SessionContent["candidates"][number]["marks"] = {};
    for (const column of inputColumns) {
      if (!column.test) continue;
      const value = at(row, column.key);
      if (typeof value === "number") marks[column.test.code] = { value, code: null };
      else if (cellString(value) !== "") {
        const done = column.type === "done" ? findOption(DONE_OPTIONS, value) : undefined;
        marks[column.test.code] = { value: null, code: done?.code ?? cellString(value).toUpperCase() };
      }
    }
    const equivalence = cellString(at(row, "equivalence"));
    candidates.push({
      licence: cellString(at(row, "licence")),
      lastName: cellString(at(row, "lastName")),
      firstName: cellString(at(row, "firstName")),
      birthDate: cellDate(at(row, "birthDate")),
      equivalence: equivalence === "" ? null : equivalence,
      marks,
    });
  }

  const certification = findOption(resolved.lists.certifications, fieldValue("certification"));
  const endDate = cellDate(fieldValue("endDate"));
  return {
    certificationCode: certification?.code ?? cellString(fieldValue("certification")),
    place: cellString(fieldValue("place")),
    startDate: cellDate(fieldValue("startDate")) ?? "",
    endDate,
    jury,
    candidates,
  };
}

/** The text of a cell's comment (exceljs gives a string or rich-text runs). */
export function noteText(cell: ExcelJS.Cell): string | null {
  const note = cell.note as unknown;
  if (!note) return null;
  if (typeof note === "string") return note;
  const texts = (note as { texts?: { text: string }[] }).texts;
  return texts ? texts.map((t) => t.text).join("") : null;
}
