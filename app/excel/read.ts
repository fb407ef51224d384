/**
 * Reading an uploaded bordereau (issue 7): the file goes through the archive guard, exceljs
 * loads the rebuilt package, the marker says which template and version it is, and the blocks
 * are found by their texts through the same resolved spec the writer used (`resolve.ts`,
 * `headers.ts`): no column is described here.
 *
 * The result holds what the file says (header, jury, candidates with equivalences and marks)
 * and every problem found in its cells, each with its sheet, row, column and the value found.
 * What needs the database (licences, the organiser's rights) is checked by
 * `app/sessions/import-check.server.ts`; this module is pure apart from exceljs.
 */
import ExcelJS from "exceljs";
import type { JuryRole } from "../../db/schema";
import { checkSessionDates } from "~/domain/session-dates";
import type { Mark } from "~/domain/marks";
import { ImportRefused, REFUSALS, checkWorkbookFile, type CheckedWorkbook, type Refusal } from "./archive-guard";
import { formulaWithoutResult, plainCellValue, type PlainValue } from "./cell-value";
import { locateFields, locateTable, normalizeHeader, type LocatedTable, type SheetRows } from "./headers";
import { HEADER_FIELDS } from "./blocks";
import { cleanText, displayValue, readDate, readLicence, readMark, readOption, readText, type CellReading } from "./import-cells";
import { readMarker } from "./read-back";
import type { CandidateKey, HeaderKey, JuryKey, ResolvedColumn, ResolvedTable, ResolvedTemplate, TemplateMarker, TemplateSpec } from "./spec";
import { findTemplate, templateUrl } from "./templates";
import { inflateEntry, readCentralDirectory } from "./zip";

/** One thing wrong in a file, located as precisely as possible. */
export interface ImportProblem {
  /** Sheet name, e.g. `Candidats`; null for the file as a whole. */
  sheet: string | null;
  /** Row number as the spreadsheet shows it. */
  row: number | null;
  /** Header or label text of the column, e.g. `Prénom`. */
  column: string | null;
  /** The value found, as shown in the cell. */
  value: string | null;
  message: string;
}

export interface ImportedPerson {
  sheet: string;
  row: number;
  licence: string;
  /** As written in the file (the messages quote them). */
  lastName: string;
  firstName: string;
}

export interface ImportedJuryMember extends ImportedPerson {
  role: JuryRole;
}

export interface ImportedCandidate extends ImportedPerson {
  birthDate: string | null;
  equivalence: string | null;
  /** Keyed by grid test code. */
  marks: Record<string, Mark>;
}

export interface ImportedHeader {
  certificationCode: string | null;
  place: string;
  startDate: string | null;
  endDate: string | null;
  /** Where each field's value was found (for messages that come later, e.g. the organiser's rights). */
  cells: Partial<Record<HeaderKey, { sheet: string; row: number; label: string; value: string }>>;
}

export interface ImportedFile {
  spec: TemplateSpec;
  marker: TemplateMarker;
  resolved: ResolvedTemplate;
  header: ImportedHeader;
  jury: ImportedJuryMember[];
  candidates: ImportedCandidate[];
  problems: ImportProblem[];
}

/** Loads the resolved template a marker names (reference data from the database). May throw `ImportRefused`. */
export type TemplateResolver = (spec: TemplateSpec, marker: TemplateMarker) => Promise<ResolvedTemplate>;

export interface OpenedWorkbook {
  workbook: ExcelJS.Workbook;
  checked: CheckedWorkbook;
}

/** The guard, then exceljs on the rebuilt package. Throws `ImportRefused` for any file that cannot be read. */
export async function openUpload(bytes: Uint8Array): Promise<OpenedWorkbook> {
  const checked = checkWorkbookFile(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(checked.package as unknown as ArrayBuffer, { ignoreNodes: ["dataValidations"] } as never);
  } catch {
    throw new ImportRefused({ kind: "unreadable", message: REFUSALS.unreadable });
  }
  return { workbook, checked };
}

export const NOT_TEMPLATE_MESSAGE =
  "Ce fichier n'est pas un bordereau de l'application (aucun repère de modèle) : téléchargez un modèle depuis la page " +
  "Modèles Excel, remplissez-le, puis importez-le.";

function templateLink(spec: TemplateSpec): Refusal["link"] {
  return { href: templateUrl(spec), label: `Télécharger le modèle « ${spec.name} » à jour` };
}

/** The marker and the template it names, refused when absent, another template, or another version. */
export function recogniseTemplate(workbook: ExcelJS.Workbook, expected?: TemplateSpec): { spec: TemplateSpec; marker: TemplateMarker } {
  const marker = readMarker(workbook);
  if (!marker) {
    throw new ImportRefused(
      expected
        ? {
            kind: "not-template",
            message:
              `Ce fichier n'est pas un bordereau de l'application (aucun repère de modèle) : cette session attend le ` +
              `bordereau « ${expected.name} » (version ${expected.version}), par exemple celui que donne « Exporter vers Excel ».`,
            link: templateLink(expected),
          }
        : { kind: "not-template", message: NOT_TEMPLATE_MESSAGE, link: { href: "/modeles", label: "Modèles Excel" } },
    );
  }
  const spec = findTemplate(marker.template)!;
  if (expected && spec.slug !== expected.slug) {
    throw new ImportRefused({
      kind: "wrong-template",
      message:
        `Ce fichier est un bordereau « ${spec.name} » : cette session attend le bordereau « ${expected.name} » ` +
        `(version ${expected.version}).`,
      link: templateLink(expected),
    });
  }
  if (marker.version !== spec.version) {
    throw new ImportRefused({
      kind: "outdated-template",
      message:
        `Ce bordereau « ${spec.name} » est en version ${marker.version} ; la version attendue est la ${spec.version}. ` +
        "Téléchargez le modèle à jour, recopiez-y vos données, puis importez-le.",
      link: templateLink(spec),
    });
  }
  return { spec, marker };
}

// ---------------------------------------------------------------------------------------------

interface SheetData {
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
function rawCellsBySheet(checked: CheckedWorkbook): Map<string, RawCells> {
  const entries = new Map(readCentralDirectory(checked.package).entries.map((e) => [e.name, e]));
  return new Map(
    checked.sheets.map((sheet) => {
      const entry = entries.get(sheet.part);
      return [sheet.name, rawCells(entry ? inflateEntry(checked.package, entry).toString("utf8") : "")];
    }),
  );
}

/** The sheet's cells as plain values (`rows[0]` is row 1), up to its last row holding a cell. */
function readSheet(sheet: ExcelJS.Worksheet, lastRow: number, raw: RawCells | undefined): SheetData {
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
        unreadable.set(key, { shown: error, message: `La cellule affiche une erreur de formule (${error}) : saisissez la valeur` });
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
function findSheet(sheets: SheetData[], name: string, found: (rows: SheetRows) => boolean): SheetData | null {
  const wanted = normalizeHeader(name);
  return sheets.find((s) => normalizeHeader(s.name) === wanted && found(s.rows)) ?? sheets.find((s) => found(s.rows)) ?? null;
}

class Problems {
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
  equivalence: (shown: string) => `Équivalence inconnue « ${shown} » : choisissez un code de la liste (par exemple CMAS-2)`,
} as const;

interface RowReader {
  sheet: SheetData;
  row: number;
  values: ReadonlyArray<PlainValue>;
  columns: Map<string, number>;
  problems: Problems;
}

/** Reads one cell of a table row by its column spec; reports a problem and returns undefined when it does not fit. */
function cellOf<T>(reader: RowReader, column: ResolvedColumn, read: (value: PlainValue) => CellReading<T>): { value: T; raw: PlainValue } | undefined {
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
function tableRows(sheet: SheetData, headerRow: number, inputColumns: number[]): { row: number; values: PlainValue[] }[] {
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
  const complete = (located: LocatedTable<K>) => table.columns.every((c) => c.type === "formula" || located.columns.has(c.key));
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

function readHeader(sheets: SheetData[], resolved: ResolvedTemplate, date1904: boolean, problems: Problems): ImportedHeader {
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
    if (problem && cell) problems.add({ sheet: cell.sheet, row: cell.row, column: cell.label, value: cell.value, message: problem });
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

function readJury(sheets: SheetData[], resolved: ResolvedTemplate, problems: Problems): ImportedJuryMember[] {
  const found = locate(sheets, resolved.jury, "Bloc « Jury »", problems);
  if (!found) return [];
  const { sheet, located } = found;
  const columns = resolved.jury.columns as ResolvedColumn<JuryKey>[];
  const inputs = columns.map((c) => located.columns.get(c.key)).filter((c): c is number => c !== undefined);
  const jury: ImportedJuryMember[] = [];
  for (const { row, values } of tableRows(sheet, located.headerRow, inputs)) {
    const reader: RowReader = { sheet, row, values, columns: located.columns as Map<string, number>, problems };
    const role = cellOf(reader, columns.find((c) => c.key === "role")!, (v) => readOption(v, resolved.lists.juryRoles, UNKNOWN.role));
    const person = readPerson(reader, columns);
    // Kept even when the role is wrong (reported): the licence is still checked; nothing is saved with a problem.
    if (person) jury.push({ sheet: sheet.name, row, role: (role?.value?.code ?? "membre") as JuryRole, ...person });
  }
  return jury;
}

function readCandidates(sheets: SheetData[], resolved: ResolvedTemplate, date1904: boolean, sessionStart: string | null, problems: Problems): ImportedCandidate[] {
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
        const cell = cellOf(reader, column, (v) => readDate(v, { date1904, min: EARLIEST_BIRTH, max: sessionStart ?? undefined }));
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
function checkDuplicates(jury: ImportedJuryMember[], candidates: ImportedCandidate[], problems: Problems) {
  const seen = (people: ImportedPerson[], label: string) => {
    const first = new Map<string, ImportedPerson>();
    for (const person of people) {
      const earlier = first.get(person.licence);
      if (earlier) {
        problems.add({
          sheet: person.sheet,
          row: person.row,
          column: "Licence",
          value: person.licence,
          message: `Le licencié ${person.licence} figure déjà ${label} (ligne ${earlier.row})`,
        });
      } else first.set(person.licence, person);
    }
    return first;
  };
  const juryByLicence = seen(jury, "dans le jury");
  seen(candidates, "parmi les candidats");
  for (const candidate of candidates) {
    const member = juryByLicence.get(candidate.licence);
    if (member) {
      problems.add({
        sheet: candidate.sheet,
        row: candidate.row,
        column: "Licence",
        value: candidate.licence,
        message:
          `Le licencié ${candidate.licence} est aussi membre du jury (onglet « ${member.sheet} », ligne ${member.row}) : ` +
          "une même personne ne peut pas être candidat et membre du jury",
      });
    }
  }
}

export interface ReadOptions {
  resolve: TemplateResolver;
  /** The template a session update expects (refuses another one). */
  expected?: TemplateSpec;
  /** The template of a brevet named in a file without marker (by name or code), to name it in the refusal. */
  guess?: (brevet: string) => Promise<TemplateSpec | null>;
}

const BREVET_LABEL = normalizeHeader(HEADER_FIELDS.find((f) => f.key === "certification")!.label);

/** The text right of a "Brevet passé" label, in any sheet's first rows: what a file without marker says it is for. */
function brevetWritten(workbook: ExcelJS.Workbook): string | null {
  for (const sheet of workbook.worksheets) {
    for (let r = 1; r <= Math.min(sheet.rowCount, 30); r++) {
      let found: string | null = null;
      sheet.getRow(r).eachCell((cell, column) => {
        if (found === null && normalizeHeader(plainCellValue(cell.value)) === BREVET_LABEL) {
          found = cleanText(plainCellValue(sheet.getRow(r).getCell(column + 1).value));
        }
      });
      if (found) return found;
    }
  }
  return null;
}

/** Refuses a file without marker, naming the template its brevet calls for when it names one. */
async function recogniseOrGuess(workbook: ExcelJS.Workbook, options: ReadOptions) {
  try {
    return recogniseTemplate(workbook, options.expected);
  } catch (error) {
    if (error instanceof ImportRefused && error.refusal.kind === "not-template" && !options.expected && options.guess) {
      const brevet = brevetWritten(workbook);
      const spec = brevet ? await options.guess(brevet) : null;
      if (spec) {
        throw new ImportRefused({
          kind: "not-template",
          message:
            `Ce fichier n'est pas un bordereau de l'application (aucun repère de modèle). Pour le brevet « ${brevet} », ` +
            `utilisez le bordereau « ${spec.name} » (version ${spec.version}) : téléchargez-le, recopiez-y vos données, puis importez-le.`,
          link: templateLink(spec),
        });
      }
    }
    throw error;
  }
}

/** What a workbook (already through `openUpload`) holds, with every problem of its cells. May throw `ImportRefused`. */
export async function readImport(opened: OpenedWorkbook, options: ReadOptions): Promise<ImportedFile> {
  const { workbook, checked } = opened;
  const { spec, marker } = await recogniseOrGuess(workbook, options);
  const resolved = await options.resolve(spec, marker);
  const date1904 = Boolean((workbook.properties as { date1904?: boolean }).date1904);
  const lastRows = new Map(checked.sheets.map((s) => [s.name, s.rows]));
  const raw = rawCellsBySheet(checked);
  const sheets = workbook.worksheets.map((s) => readSheet(s, lastRows.get(s.name) ?? s.rowCount, raw.get(s.name)));
  const problems = new Problems();

  const header = readHeader(sheets, resolved, date1904, problems);
  const jury = readJury(sheets, resolved, problems);
  const candidates = readCandidates(sheets, resolved, date1904, header.startDate, problems);
  checkDuplicates(jury, candidates, problems);
  return { spec, marker, resolved, header, jury, candidates, problems: problems.list };
}

/** Problems in reading order: the session sheet first, then by row, the file-wide ones first. */
export function sortProblems(problems: ImportProblem[], sheetOrder: string[]): ImportProblem[] {
  const rank = (sheet: string | null) => (sheet === null ? -1 : sheetOrder.indexOf(sheet) < 0 ? sheetOrder.length : sheetOrder.indexOf(sheet));
  return problems
    .map((p, index) => ({ p, index }))
    .sort((a, b) => rank(a.p.sheet) - rank(b.p.sheet) || (a.p.row ?? 0) - (b.p.row ?? 0) || a.index - b.index)
    .map(({ p }) => p);
}
