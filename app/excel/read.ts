/**
 * Reading an uploaded bordereau (issue 7): the file goes through the archive guard, exceljs
 * loads the rebuilt package, the marker says which template and version it is, and the blocks
 * (`read-blocks.ts`, over the cells of `sheet-data.ts`) are found by their texts through the
 * same resolved spec the writer used (`resolve.ts`, `headers.ts`): no column is described here.
 *
 * The result holds what the file says (header, jury, candidates with equivalences and marks)
 * and every problem found in its cells, each with its sheet, row, column and the value found.
 * What needs the database (licences, the organiser's rights) is checked by
 * `app/sessions/import-check.server.ts`; this module is pure apart from exceljs.
 */
import ExcelJS from "exceljs";
import type { JuryRole } from "../../db/schema";
import type { Mark } from "~/domain/marks";
import { ImportRefused, REFUSALS, checkWorkbookFile, type CheckedWorkbook, type Refusal } from "./archive-guard";
import { plainCellValue } from "./cell-value";
import { normalizeHeader } from "./headers";
import { HEADER_FIELDS } from "./blocks";
import { cleanText } from "./import-cells";
import { readMarker } from "./read-back";
import { Problems, checkDuplicates, readCandidates, readHeader, readJury } from "./read-blocks";
import { rawCellsBySheet, readSheet } from "./sheet-data";
import type { HeaderKey, ResolvedTemplate, TemplateMarker, TemplateSpec } from "./spec";
import { findTemplate, templateUrl } from "./templates";

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
export function recogniseTemplate(
  workbook: ExcelJS.Workbook,
  expected?: TemplateSpec,
): { spec: TemplateSpec; marker: TemplateMarker } {
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
  const rank = (sheet: string | null) =>
    sheet === null ? -1 : sheetOrder.indexOf(sheet) < 0 ? sheetOrder.length : sheetOrder.indexOf(sheet);
  return problems
    .map((p, index) => ({ p, index }))
    .sort((a, b) => rank(a.p.sheet) - rank(b.p.sheet) || (a.p.row ?? 0) - (b.p.row ?? 0) || a.index - b.index)
    .map(({ p }) => p);
}
