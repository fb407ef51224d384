/**
 * The three blocks of a bordereau read from its sheets (`sheet-data.ts`): the session's header
 * fields, the jury and the candidates, found by their texts through the resolved spec, each value
 * read as its column says, and every problem located by sheet, row and column.
 */
import type { JuryRole } from "../../db/schema";
import { checkSessionDates } from "~/domain/session-dates";
import type { Mark } from "~/domain/marks";
import { locateFields, locateTable, normalizeHeader, type LocatedTable } from "./headers";
import { displayValue, readDate, readLicence, readMark, readOption, readText, type CellReading } from "./import-cells";
import type { PlainValue } from "./cell-value";
import type { ImportProblem, ImportedCandidate, ImportedHeader, ImportedJuryMember, ImportedPerson } from "./read";
import { findSheet, type SheetData } from "./sheet-data";
import type {
  CandidateKey,
  HeaderKey,
  JuryKey,
  ResolvedColumn,
  ResolvedTable,
  ResolvedTemplate,
  TemplateSpec,
} from "./spec";

export class Problems {
  readonly list: ImportProblem[] = [];
  add(problem: ImportProblem) {
    this.list.push(problem);
  }
  cell(sheet: SheetData, row: number, column: string, value: PlainValue, message: string) {
    this.add({ sheet: sheet.name, row, column, value: displayValue(value), message });
  }
}

const REQUIRED = "Valeur obligatoire manquante";

const UNKNOWN = {
  certification: (spec: TemplateSpec) => (shown: string) =>
    `Brevet inconnu « ${shown} » pour le bordereau « ${spec.name} » : choisissez le brevet dans la liste`,
  role: (shown: string) => `Rôle inconnu « ${shown} » : choisissez Président de jury, Délégué ou Membre du jury`,
  equivalence: (shown: string) =>
    `Équivalence inconnue « ${shown} » : choisissez un code de la liste (par exemple CMAS-2)`,
} as const;

interface RowReader {
  sheet: SheetData;
  row: number;
  values: ReadonlyArray<PlainValue>;
  columns: Map<string, number>;
  problems: Problems;
}

/** Reads one cell of a table row by its column spec; reports a problem and returns undefined when it does not fit. */
function cellOf<T>(
  reader: RowReader,
  column: ResolvedColumn,
  read: (value: PlainValue) => CellReading<T>,
): { value: T; raw: PlainValue } | undefined {
  const at = reader.columns.get(column.key);
  if (at === undefined) return undefined;
  const raw = reader.values[at - 1] ?? null;
  const unreadable = reader.sheet.unreadable.get(`${reader.row}:${at}`);
  if (unreadable) {
    reader.problems.cell(reader.sheet, reader.row, column.header, unreadable.shown, unreadable.message);
    return undefined;
  }
  const reading = read(raw);
  if (!reading.ok) {
    reader.problems.cell(reader.sheet, reader.row, column.header, raw, reading.message);
    return undefined;
  }
  if (column.required && (reading.value === null || reading.value === "")) {
    reader.problems.cell(reader.sheet, reader.row, column.header, raw, REQUIRED);
    return undefined;
  }
  return { value: reading.value, raw };
}

/** The rows of a table below its header, skipping rows whose input cells are all empty (a formula that cannot be read is not). */
function tableRows(
  sheet: SheetData,
  headerRow: number,
  inputColumns: number[],
): { row: number; values: PlainValue[] }[] {
  const out: { row: number; values: PlainValue[] }[] = [];
  for (let r = headerRow; r < sheet.rows.length; r++) {
    const values = sheet.rows[r] ?? [];
    const blank = inputColumns.every((c) => {
      if (sheet.unreadable.has(`${r + 1}:${c}`)) return false;
      const v = values[c - 1] ?? null;
      return v === null || (typeof v === "string" && v.replace(/[\s\u00a0\u200b\ufeff]/g, "") === "");
    });
    if (!blank) out.push({ row: r + 1, values });
  }
  return out;
}

/**
 * Locates a table and reports every template column missing from its header row. On its own
 * tab, the required headers are enough (the others missing are reported); on another tab (the
 * tab renamed), only a row with every input header is the table: the jury block of "Session"
 * has the candidates' required headers too, and must not be read as the candidates.
 */
function locate<K extends string>(sheets: SheetData[], table: ResolvedTable<K>, title: string, problems: Problems) {
  const wanted = normalizeHeader(table.sheet);
  const complete = (located: LocatedTable<K>) =>
    table.columns.every((c) => c.type === "formula" || located.columns.has(c.key));
  let found: { sheet: SheetData; located: LocatedTable<K> } | null = null;
  for (const sheet of sheets.filter((s) => normalizeHeader(s.name) === wanted)) {
    const located = locateTable(sheet.rows, table);
    if (located) {
      found = { sheet, located };
      break;
    }
  }
  for (const sheet of found ? [] : sheets.filter((s) => normalizeHeader(s.name) !== wanted)) {
    const located = locateTable(sheet.rows, table);
    if (located && complete(located)) {
      found = { sheet, located };
      break;
    }
  }
  if (!found) {
    const required = table.columns.filter((c) => c.required).map((c) => c.header);
    problems.add({
      sheet: table.sheet,
      row: null,
      column: null,
      value: null,
      message: `${title} introuvable : l'onglet « ${table.sheet} » doit garder la ligne d'en-têtes du bordereau (${required.join(", ")})`,
    });
    return null;
  }
  for (const column of table.columns) {
    if (column.type === "formula" || found.located.columns.has(column.key)) continue;
    problems.add({
      sheet: found.sheet.name,
      row: found.located.headerRow,
      column: column.header,
      value: null,
      message: `Colonne « ${column.header} » introuvable : les en-têtes du bordereau ne doivent pas être modifiés`,
    });
  }
  return found;
}

/**
 * Plausible days, so that a misread date is reported rather than saved. A year or a day typed as
 * a bare number (2026, 12) is a date serial, i.e. a day of 1900–1905, and so was an ISO date cell
 * before it was read from the XML. A session takes place in 2000–2100. A candidate is born from
 * 1910 (older would be over 115; this also catches those 1900–1905 days, which a bound at 1900
 * would let through) and not after the session starts (when its start date could be read).
 */
const SESSION_DAYS = { min: "2000-01-01", max: "2100-12-31" };
const EARLIEST_BIRTH = "1910-01-01";

export function readHeader(
  sheets: SheetData[],
  resolved: ResolvedTemplate,
  date1904: boolean,
  problems: Problems,
): ImportedHeader {
  const header: ImportedHeader = { certificationCode: null, place: "", startDate: null, endDate: null, cells: {} };
  let fields = new Map<HeaderKey, { row: number; column: number }>();
  const sheetName = resolved.header[0]?.sheet ?? "Session";
  const sheet = findSheet(sheets, sheetName, (rows) => {
    fields = locateFields(rows, resolved.header);
    return fields.size > 0;
  });
  for (const field of resolved.header) {
    const at = sheet ? fields.get(field.key) : undefined;
    if (!sheet || !at) {
      problems.add({
        sheet: sheetName,
        row: null,
        column: field.label,
        value: null,
        message: `Libellé « ${field.label} » introuvable dans l'onglet « ${sheetName} » : les libellés du bordereau ne doivent pas être modifiés`,
      });
      continue;
    }
    const raw = sheet.rows[at.row - 1]?.[at.column - 1] ?? null;
    header.cells[field.key] = { sheet: sheet.name, row: at.row, label: field.label, value: displayValue(raw) };
    const report = (message: string) => problems.cell(sheet, at.row, field.label, raw, message);
    const unreadable = sheet.unreadable.get(`${at.row}:${at.column}`);
    if (unreadable) {
      problems.cell(sheet, at.row, field.label, unreadable.shown, unreadable.message);
      continue;
    }
    switch (field.key) {
      case "certification": {
        const reading = readOption(raw, resolved.lists.certifications, UNKNOWN.certification(resolved.spec));
        if (!reading.ok) report(reading.message);
        else if (!reading.value) report(REQUIRED);
        else header.certificationCode = reading.value.code;
        break;
      }
      case "place": {
        const reading = readText(raw, field.maxLength);
        if (!reading.ok) report(reading.message);
        else header.place = reading.value;
        break;
      }
      case "startDate":
      case "endDate": {
        const reading = readDate(raw, { date1904, ...SESSION_DAYS });
        if (!reading.ok) report(reading.message);
        else if (reading.value === null && field.required) report(REQUIRED);
        else header[field.key] = reading.value;
        break;
      }
    }
  }
  if (header.certificationCode && header.startDate && header.endDate) {
    const problem = checkSessionDates(header.certificationCode, header.startDate, header.endDate);
    const cell = header.cells.endDate;
    if (problem && cell)
      problems.add({ sheet: cell.sheet, row: cell.row, column: cell.label, value: cell.value, message: problem });
  }
  return header;
}

function readPerson(reader: RowReader, columns: ResolvedColumn[]): Omit<ImportedPerson, "sheet" | "row"> | null {
  const byKey = (key: string) => columns.find((c) => c.key === key)!;
  const licence = cellOf(reader, byKey("licence"), readLicence);
  const lastName = cellOf(reader, byKey("lastName"), (v) => readText(v, byKey("lastName").maxLength));
  const firstName = cellOf(reader, byKey("firstName"), (v) => readText(v, byKey("firstName").maxLength));
  if (!licence || !lastName || !firstName) return null;
  return { licence: licence.value, lastName: lastName.value, firstName: firstName.value };
}

export function readJury(sheets: SheetData[], resolved: ResolvedTemplate, problems: Problems): ImportedJuryMember[] {
  const found = locate(sheets, resolved.jury, "Bloc « Jury »", problems);
  if (!found) return [];
  const { sheet, located } = found;
  const columns = resolved.jury.columns as ResolvedColumn<JuryKey>[];
  const inputs = columns.map((c) => located.columns.get(c.key)).filter((c): c is number => c !== undefined);
  const jury: ImportedJuryMember[] = [];
  for (const { row, values } of tableRows(sheet, located.headerRow, inputs)) {
    const reader: RowReader = { sheet, row, values, columns: located.columns as Map<string, number>, problems };
    const role = cellOf(reader, columns.find((c) => c.key === "role")!, (v) =>
      readOption(v, resolved.lists.juryRoles, UNKNOWN.role),
    );
    const person = readPerson(reader, columns);
    // Kept even when the role is wrong (reported): the licence is still checked; nothing is saved with a problem.
    if (person) jury.push({ sheet: sheet.name, row, role: (role?.value?.code ?? "membre") as JuryRole, ...person });
  }
  return jury;
}

export function readCandidates(
  sheets: SheetData[],
  resolved: ResolvedTemplate,
  date1904: boolean,
  sessionStart: string | null,
  problems: Problems,
): ImportedCandidate[] {
  const found = locate(sheets, resolved.candidates, "Tableau des candidats", problems);
  if (!found) return [];
  const { sheet, located } = found;
  const columns = (resolved.candidates.columns as ResolvedColumn<CandidateKey>[]).filter((c) => c.type !== "formula");
  const inputs = columns.map((c) => located.columns.get(c.key)).filter((c): c is number => c !== undefined);
  const candidates: ImportedCandidate[] = [];
  for (const { row, values } of tableRows(sheet, located.headerRow, inputs)) {
    const reader: RowReader = { sheet, row, values, columns: located.columns as Map<string, number>, problems };
    const person = readPerson(reader, columns);
    let birthDate: string | null = null;
    let equivalence: string | null = null;
    const marks: Record<string, Mark> = {};
    for (const column of columns) {
      if (column.key === "birthDate") {
        const cell = cellOf(reader, column, (v) =>
          readDate(v, { date1904, min: EARLIEST_BIRTH, max: sessionStart ?? undefined }),
        );
        if (cell) birthDate = cell.value;
      } else if (column.key === "equivalence") {
        const cell = cellOf(reader, column, (v) => readOption(v, resolved.lists.equivalences, UNKNOWN.equivalence));
        if (cell) equivalence = cell.value?.code ?? null;
      } else if (column.test) {
        const cell = cellOf(reader, column, (v) => readMark(v, column.test!.kind));
        if (cell?.value) marks[column.test.code] = cell.value;
      }
    }
    // A row with other problems is kept: its licence is still checked, and nothing is saved anyway.
    if (person) candidates.push({ sheet: sheet.name, row, birthDate, equivalence, marks, ...person });
  }
  return candidates;
}

/** Two rows naming the same licensee, or one person both candidate and jury member. */
export function checkDuplicates(jury: ImportedJuryMember[], candidates: ImportedCandidate[], problems: Problems) {
  const licenceProblem = (person: ImportedPerson, message: string) =>
    problems.add({ sheet: person.sheet, row: person.row, column: "Licence", value: person.licence, message });
  const seen = (people: ImportedPerson[], label: string) => {
    const first = new Map<string, ImportedPerson>();
    for (const person of people) {
      const earlier = first.get(person.licence);
      if (earlier) licenceProblem(person, `Le licencié ${person.licence} figure déjà ${label} (ligne ${earlier.row})`);
      else first.set(person.licence, person);
    }
    return first;
  };
  const juryByLicence = seen(jury, "dans le jury");
  seen(candidates, "parmi les candidats");
  for (const candidate of candidates) {
    const member = juryByLicence.get(candidate.licence);
    if (member) {
      licenceProblem(
        candidate,
        `Le licencié ${candidate.licence} est aussi membre du jury (onglet « ${member.sheet} », ligne ${member.row}) : ` +
          "une même personne ne peut pas être candidat et membre du jury",
      );
    }
  }
}
