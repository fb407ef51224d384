/**
 * The shape of a bordereau (Excel template): what the writer lays out and what the import
 * reads back. A template is declared once, as data (`session-*.ts`); `resolve.ts` turns a
 * declaration plus the reference data of the day (brevets, equivalences, exam grid) into a
 * `ResolvedTemplate` with concrete sheets, rows and columns. Both sides work from that object,
 * so no column is described twice.
 */
import type { JuryRole, TemplateCode } from "../../db/schema";
import type { Grid, GridGroup, GridTest } from "../domain/grid";

export type TemplateSlug =
  | "session-sans-note"
  | "session-initiateur"
  | "session-mf1"
  | "session-niveau-4"
  | "session-anteor";

/**
 * How a cell is written and how the import must read it.
 * - `text`: free text (trimmed; a leading `'` before `=`, `+`, `-`, `@` is the writer's
 *   neutralisation, not part of the value);
 * - `licence`: `A-12-345678` (`LICENCE_PATTERN`);
 * - `date`: a calendar date, written as an Excel date shown `JJ/MM/AAAA`;
 * - `list`: one option of `list`, given by its label or its code, any case;
 * - `mark`: a number from 0 to 20 (decimals allowed), or `NP` / `NF` (`MARK_CODES`);
 * - `done`: an option of the `done` list (Fait / Non fait);
 * - `formula`: computed by the spreadsheet for the user's convenience, never read.
 */
export type CellType = "text" | "licence" | "date" | "list" | "mark" | "done" | "formula";

/** The dropdown lists, each one column of the hidden sheet. */
export type ListKey = "certifications" | "juryRoles" | "equivalences" | "done";

/** One choice of a dropdown: `label` is what the cell shows, `code` what the app stores. */
export interface ListOption {
  label: string;
  code: string;
}

export type HeaderKey = "certification" | "place" | "startDate" | "endDate";
export type JuryKey = "role" | "licence" | "lastName" | "firstName";
/** Candidate columns; a grid test is `test:<grid test code>`. */
export type CandidateKey =
  | "licence"
  | "lastName"
  | "firstName"
  | "birthDate"
  | "equivalence"
  | "total"
  | "result"
  | `test:${string}`;

interface InputSpec {
  type: CellType;
  /** For `list` and `done`. */
  list?: ListKey;
  /** The import reports a missing value (for a table: on a row that holds anything). */
  required: boolean;
  /** Longest text accepted, for `text` cells. */
  maxLength?: number;
  /** The comment (red corner) on the label or header cell: the expected format. */
  comment: string;
}

/** One label / value pair of the header block. */
export interface FieldSpec extends InputSpec {
  key: HeaderKey;
  label: string;
}

/** One column of a table block. */
export interface ColumnSpec<K extends string = string> extends InputSpec {
  key: K;
  header: string;
  /** Column width in characters. */
  width: number;
}

export interface TableSpec<K extends string = string> {
  /** Title written above the header row (the candidates table has none: its header is row 1). */
  title: string | null;
  columns: ColumnSpec<K>[];
  /** Empty rows offered (with their dropdowns) in a blank template. */
  capacity: number;
}

/** A template as declared in `session-*.ts`. */
export interface TemplateSpec {
  /** The value of `certifications.template` for the brevets this template serves. */
  id: TemplateCode;
  slug: TemplateSlug;
  /** Name shown on `/modeles` and in the file. */
  name: string;
  /** One line on `/modeles`: what the template is for. */
  description: string;
  /**
   * Bumped whenever a sheet, header text, column order or list changes shape: an import
   * refuses a file whose marker names another version.
   */
  version: number;
  /**
   * Which brevets the "Brevet passé" dropdown offers, among the examinable certifications
   * whose `template` is `id`: `organiser` keeps those the organiser may organise (the
   * administrator without scope gets them all), `all` keeps every one.
   */
  brevets: "organiser" | "all";
  /** Candidates get one column per test of the brevet's exam grid, a total and a result. */
  graded: boolean;
  /** Paragraphs of the "Mode d'emploi" sheet that belong to this template only. */
  guide: string[];
  header: FieldSpec[];
  jury: TableSpec<JuryKey>;
  /** Identity columns; grid templates add test, total and result columns after them. */
  candidates: TableSpec<CandidateKey>;
}

/** An exam grid as stored (`exam_grids`, `grid_tests`, `grid_groups`): the domain's `Grid`. */
export type { Grid, GridGroup, GridTest };

/** Reference data a template is resolved with (read from the database). */
export interface TemplateData {
  /** Brevets offered by "Brevet passé": label = name, code = certification code. */
  certifications: ListOption[];
  /** Equivalence codes (label = code). */
  equivalences: ListOption[];
  /** The exam grid of a graded template; null otherwise. */
  grid: Grid | null;
}

/** What a file says about itself (see `marker.ts`). */
export interface TemplateMarker {
  template: TemplateSlug;
  version: number;
  /** The grid the test columns come from. */
  grid: { code: string; version: number } | null;
  /** Set on a session exported by the app: its id and revision (`exam_sessions.version`). */
  session: { id: number; revision: number } | null;
}

export interface ResolvedField extends FieldSpec {
  sheet: string;
  row: number;
  /** Column of the label (1-based); the value is in the next column. */
  labelColumn: number;
  valueColumn: number;
  /** `B4`. */
  valueAddress: string;
}

export interface ResolvedColumn<K extends string = string> extends ColumnSpec<K> {
  /** 1-based column number and its letters. */
  column: number;
  letter: string;
  /** The grid test a `test:` column holds. */
  test?: GridTest;
}

export interface ResolvedTable<K extends string = string> {
  sheet: string;
  /** Row of the title (null when none), of the header texts, of the first and last data rows. */
  titleRow: number | null;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  columns: ResolvedColumn<K>[];
}

/** A template ready to be written or read. */
export interface ResolvedTemplate {
  spec: TemplateSpec;
  marker: TemplateMarker;
  lists: Record<ListKey, ListOption[]>;
  grid: Grid | null;
  header: ResolvedField[];
  jury: ResolvedTable<JuryKey>;
  candidates: ResolvedTable<CandidateKey>;
}

/** A mark as stored in `marks`: a value out of 20, or a code. */
export interface MarkValue {
  value: number | null;
  /** `NP`, `NF`, `FAIT`, `NON_FAIT`. */
  code: string | null;
}

/** Everything a filled bordereau holds: what the export writes and the import reads back. */
export interface SessionContent {
  certificationCode: string;
  place: string;
  /** `YYYY-MM-DD`. */
  startDate: string;
  endDate: string | null;
  jury: { role: JuryRole; licence: string; lastName: string; firstName: string }[];
  candidates: {
    licence: string;
    lastName: string;
    firstName: string;
    /** `YYYY-MM-DD`, or null when not given. */
    birthDate: string | null;
    equivalence: string | null;
    /** Keyed by grid test code. */
    marks: Record<string, MarkValue>;
  }[];
}

/** A session exported from the app: its content plus what the file's title and marker name. */
export interface ExportedSession extends SessionContent {
  id: number;
  revision: number;
  title: string;
  status: "draft" | "closed";
}

export const LICENCE_PATTERN = /^[A-Z]-\d{2}-\d{4,}$/;
/** Codes a mark cell may hold instead of a number, and what each means. */
export const MARK_CODES = { NP: "non présenté", NF: "non fait" } as const;
export const MARK_MIN = 0;
export const MARK_MAX = 20;
