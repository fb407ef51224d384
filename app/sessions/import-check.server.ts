/**
 * The checks of an uploaded bordereau that need the database (domain.md §8), and the whole
 * analysis both import screens run: guard → exceljs → template → cells → registry.
 *
 * - the template is resolved with the reference data of the day and the exam grid the file's
 *   marker names: for a new session, the grid in force (a session keeps the latest grid
 *   version); for an update, the session's own grid;
 * - each licence number must exist and match the nom and prénom written beside it, case,
 *   accents and spacing ignored: `Numéro de licence inconnu : {licence}`,
 *   `Le numéro de licence {licence} ne correspond pas à {nom} {prénom}`;
 * - the organiser must be allowed to organise the file's brevet:
 *   `Cet organisateur ne peut pas organiser ce brevet`.
 * Nothing else: eligibility waits for closing, as for a session made on screen.
 */
import { mayOrganise } from "~/domain/organiser-rights";
import type { Source } from "./source";
import { normalizeSearch } from "../../db/normalize";
import { ImportRefused, type Refusal } from "~/excel/archive-guard";
import {
  openUpload,
  readImport,
  sortProblems,
  type ImportProblem,
  type ImportedFile,
  type TemplateResolver,
} from "~/excel/read";
import { resolveTemplate } from "~/excel/resolve";
import type { TemplateSpec } from "~/excel/spec";
import { loadGrid, loadReference, readOrganiserFacts } from "./reference.server";
import { loadTemplateData, loadTemplateGrid } from "./template-data.server";
import { findOption } from "~/excel/headers";
import { templateById, templateUrl } from "~/excel/templates";

export const ORGANISER_REFUSED = "Cet organisateur ne peut pas organiser ce brevet";

export function unknownLicenceMessage(licence: string): string {
  return `Numéro de licence inconnu : ${licence}`;
}

export function nameMismatchMessage(licence: string, lastName: string, firstName: string): string {
  return `Le numéro de licence ${licence} ne correspond pas à ${lastName} ${firstName}`;
}

/**
 * Names compared as domain.md §8 says: case, accents and spacing ignored (and ’ read as '), so
 * "Le Goff" is "LEGOFF"; a hyphen still counts ("Jean-François" is not "Jean François").
 */
export function sameName(a: string, b: string): boolean {
  const fold = (s: string) => normalizeSearch(s.replace(/[’‘`´]/g, "'")).replace(/\s+/g, "");
  return fold(a) === fold(b);
}

export type ImportTarget = { kind: "new" } | { kind: "update"; gridId: number | null };

/** Resolves a file's template with today's lists and the grid its marker names, refusing a grid that is not the one expected. */
export function importResolver(source: Source, target: ImportTarget): TemplateResolver {
  return async (spec, marker) => {
    let grid = null;
    if (spec.graded) {
      const expected =
        target.kind === "update" && target.gridId !== null
          ? await loadGrid(source, target.gridId)
          : await loadTemplateGrid(source, spec);
      if (!marker.grid || !expected || marker.grid.code !== expected.code || marker.grid.version !== expected.version) {
        throw new ImportRefused(outdatedGrid(spec, marker.grid, expected, target));
      }
      grid = expected;
    }
    return resolveTemplate(spec, await loadTemplateData(source, spec, { allowed: null }, grid));
  };
}

function outdatedGrid(
  spec: TemplateSpec,
  found: { code: string; version: number } | null,
  expected: { code: string; version: number; label: string } | null,
  target: ImportTarget,
): Refusal {
  const inFile = found ? `la grille ${found.code} en version ${found.version}` : "aucune grille de notes";
  const wanted = expected ? `la grille ${expected.label} en version ${expected.version}` : "une autre grille";
  return {
    kind: "outdated-grid",
    message:
      `Ce bordereau « ${spec.name} » porte ${inFile} ; ${target.kind === "update" ? "cette session est notée sur" : "la grille en vigueur est"} ` +
      `${wanted}. ${target.kind === "update" ? "Exportez la session vers Excel" : "Téléchargez le modèle à jour"}, recopiez-y les notes, puis importez-le.`,
    link: { href: templateUrl(spec), label: `Télécharger le modèle « ${spec.name} » à jour` },
  };
}

/** The template of a brevet written by name or code (any case, accents), for a file that lacks the marker. */
export function templateGuesser(source: Source): (brevet: string) => Promise<TemplateSpec | null> {
  return async (brevet) => {
    const rows = await source
      .selectFrom("certifications")
      .select(["code", "name", "template"])
      .where("examinable", "=", 1)
      .execute();
    const option = findOption(
      rows.map((r) => ({ label: r.name, code: r.code })),
      brevet,
    );
    const row = option ? rows.find((r) => r.code === option.code) : undefined;
    return row ? templateById(row.template) : null;
  };
}

export interface RegistryLicensee {
  id: number;
  licence: string;
  lastName: string;
  firstName: string;
}

/** The licensees of these licence numbers, by licence number. */
export async function findLicensees(
  source: Source,
  licences: Iterable<string>,
): Promise<Map<string, RegistryLicensee>> {
  const all = [...new Set(licences)];
  const found = new Map<string, RegistryLicensee>();
  for (let i = 0; i < all.length; i += 500) {
    const rows = await source
      .selectFrom("licensees")
      .select(["id", "licence", "last_name", "first_name"])
      .where("licence", "in", all.slice(i, i + 500))
      .execute();
    for (const r of rows)
      found.set(r.licence, { id: r.id, licence: r.licence, lastName: r.last_name, firstName: r.first_name });
  }
  return found;
}

/** May this organiser organise this brevet (the same rule as the form, from the catalogue in the database)? */
export async function organiserMayOrganise(
  source: Source,
  organiserId: number,
  certificationCode: string,
): Promise<boolean> {
  const [organiser, { catalogue }] = await Promise.all([
    readOrganiserFacts(source, organiserId),
    loadReference(source),
  ]);
  return (
    organiser !== undefined &&
    Object.hasOwn(catalogue, certificationCode) &&
    mayOrganise(organiser, catalogue[certificationCode])
  );
}

/** The registry checks of a read file: licences and names, and the organiser's right to the brevet. */
export async function checkRegistry(
  source: Source,
  file: ImportedFile,
  organiserId: number,
): Promise<{ problems: ImportProblem[]; licensees: Map<string, RegistryLicensee> }> {
  const people = [...file.jury, ...file.candidates];
  const licensees = await findLicensees(
    source,
    people.map((p) => p.licence),
  );
  const problems: ImportProblem[] = [];
  for (const person of people) {
    const known = licensees.get(person.licence);
    if (!known) {
      problems.push({
        sheet: person.sheet,
        row: person.row,
        column: "Licence",
        value: person.licence,
        message: unknownLicenceMessage(person.licence),
      });
      continue;
    }
    const lastOk = sameName(known.lastName, person.lastName);
    const firstOk = sameName(known.firstName, person.firstName);
    if (!lastOk || !firstOk) {
      problems.push({
        sheet: person.sheet,
        row: person.row,
        column: !lastOk && !firstOk ? "Nom, Prénom" : !lastOk ? "Nom" : "Prénom",
        value:
          !lastOk && !firstOk ? `${person.lastName} ${person.firstName}` : !lastOk ? person.lastName : person.firstName,
        message: nameMismatchMessage(person.licence, person.lastName, person.firstName),
      });
    }
  }
  const brevet = file.header.certificationCode;
  const cell = file.header.cells.certification;
  if (brevet && !(await organiserMayOrganise(source, organiserId, brevet))) {
    problems.push({
      sheet: cell?.sheet ?? null,
      row: cell?.row ?? null,
      column: cell?.label ?? null,
      value: cell?.value ?? brevet,
      message: ORGANISER_REFUSED,
    });
  }
  return { problems, licensees };
}

export interface ImportSummary {
  template: string;
  certificationCode: string;
  certificationName: string;
  place: string;
  startDate: string;
  endDate: string | null;
  jury: number;
  candidates: number;
  marks: number;
}

export type ImportAnalysis =
  | { status: "refused"; refusal: Refusal }
  | { status: "problems"; problems: ImportProblem[] }
  | { status: "ready"; file: ImportedFile; licensees: Map<string, RegistryLicensee>; summary: ImportSummary };

export interface AnalyseOptions {
  organiserId: number;
  target: ImportTarget;
  /** For an update: the session's template (another one is refused). */
  expected?: TemplateSpec;
  /** For an update: the session's id (a file exported from another session is refused). */
  sessionId?: number;
}

/** Everything an upload is put through before anything is written. Never throws for a bad file. */
export async function analyseUpload(
  source: Source,
  bytes: Uint8Array,
  options: AnalyseOptions,
): Promise<ImportAnalysis> {
  let file: ImportedFile;
  try {
    const opened = await openUpload(bytes);
    file = await readImport(opened, {
      resolve: importResolver(source, options.target),
      expected: options.expected,
      guess: templateGuesser(source),
    });
    const from = file.marker.session;
    if (options.sessionId !== undefined && from && from.id !== options.sessionId) {
      throw new ImportRefused({
        kind: "other-session",
        message:
          `Ce fichier a été exporté depuis une autre session (n° ${from.id}) : exportez cette session-ci avec ` +
          "« Exporter vers Excel », ou partez d'un bordereau vierge.",
        link: { href: `/sessions/${options.sessionId}/excel.xlsx`, label: "Exporter cette session vers Excel" },
      });
    }
  } catch (error) {
    if (error instanceof ImportRefused) return { status: "refused", refusal: error.refusal };
    throw error;
  }
  const registry = await checkRegistry(source, file, options.organiserId);
  const sheetOrder = [file.resolved.jury.sheet, file.resolved.candidates.sheet];
  const problems = sortProblems([...file.problems, ...registry.problems], sheetOrder);
  if (problems.length > 0) return { status: "problems", problems };
  return { status: "ready", file, licensees: registry.licensees, summary: importSummary(file) };
}

/** What the page shows about a file that can be imported. */
export function importSummary(file: ImportedFile): ImportSummary {
  const certificationCode = file.header.certificationCode!;
  return {
    template: file.spec.name,
    certificationCode,
    certificationName:
      file.resolved.lists.certifications.find((c) => c.code === certificationCode)?.label ?? certificationCode,
    place: file.header.place,
    startDate: file.header.startDate!,
    endDate: file.header.endDate,
    jury: file.jury.length,
    candidates: file.candidates.length,
    marks: file.candidates.reduce((n, c) => n + Object.keys(c.marks).length, 0),
  };
}
