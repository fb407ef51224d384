/**
 * A declared template + today's reference data → the concrete layout both the writer and the
 * import work from.
 *
 * Layout (version 1 of every template):
 * - sheet "Session": title (row 1), hint (row 2), the header block from row 4 (label in
 *   column A, value in column B), then the jury block: title, header row, `capacity` rows;
 * - sheet "Candidats": header row 1, candidates from row 2 (columns: identity, then for a
 *   graded template one per grid test in grid order, "Total (sur N)" and "Résultat indicatif");
 * - sheet "Listes" (hidden): one dropdown list per column, the marker in H2.
 * The import must locate blocks by their texts (`headers.ts`), not by these positions.
 */
import { JURY_ROLE_OPTIONS, DONE_OPTIONS, SHEETS, resultColumn, testColumn, totalColumn } from "./blocks";
import type {
  CandidateKey,
  JuryKey,
  ColumnSpec,
  ResolvedColumn,
  ResolvedField,
  ResolvedTable,
  ResolvedTemplate,
  TemplateData,
  TemplateSpec,
} from "./spec";

export const SESSION_LAYOUT = {
  titleRow: 1,
  hintRow: 2,
  firstFieldRow: 4,
  labelColumn: 1,
} as const;

export interface ResolveOptions {
  /** Rows offered for the jury (at least the template's capacity). */
  juryRows?: number;
  /** Rows offered for candidates (at least the template's capacity). */
  candidateRows?: number;
  /** The exported session the file will hold (written into the marker). */
  session?: { id: number; revision: number };
}

/** 1 → `A`, 27 → `AA`. */
export function columnLetter(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function placeColumns<K extends string>(columns: ColumnSpec<K>[]): ResolvedColumn<K>[] {
  return columns.map((c, index) => ({ ...c, column: index + 1, letter: columnLetter(index + 1) }));
}

export function resolveTemplate(
  spec: TemplateSpec,
  data: TemplateData,
  options: ResolveOptions = {},
): ResolvedTemplate {
  if (spec.graded !== (data.grid !== null)) {
    throw new Error(`Template ${spec.slug}: ${spec.graded ? "an exam grid is required" : "no exam grid expected"}.`);
  }
  if (data.certifications.length === 0) throw new Error(`Template ${spec.slug}: no brevet to offer.`);

  const header: ResolvedField[] = spec.header.map((field, index) => {
    const row = SESSION_LAYOUT.firstFieldRow + index;
    const valueColumn = SESSION_LAYOUT.labelColumn + 1;
    return {
      ...field,
      sheet: SHEETS.session,
      row,
      labelColumn: SESSION_LAYOUT.labelColumn,
      valueColumn,
      valueAddress: `${columnLetter(valueColumn)}${row}`,
    };
  });

  const juryTitleRow = SESSION_LAYOUT.firstFieldRow + spec.header.length + 1;
  const juryRows = Math.max(spec.jury.capacity, options.juryRows ?? 0);
  const jury: ResolvedTable<JuryKey> = {
    sheet: SHEETS.session,
    titleRow: juryTitleRow,
    headerRow: juryTitleRow + 1,
    firstRow: juryTitleRow + 2,
    lastRow: juryTitleRow + 1 + juryRows,
    columns: placeColumns(spec.jury.columns),
  };

  const grid = data.grid;
  const candidateColumns: ColumnSpec<CandidateKey>[] = [...spec.candidates.columns];
  const resolvedTests = new Map<string, NonNullable<typeof grid>["tests"][number]>();
  if (grid) {
    for (const test of grid.tests) {
      candidateColumns.push(testColumn(test));
      resolvedTests.set(`test:${test.code}`, test);
    }
    candidateColumns.push(totalColumn(grid), resultColumn(grid));
  }
  const candidateRows = Math.max(spec.candidates.capacity, options.candidateRows ?? 0);
  const candidates: ResolvedTable<CandidateKey> = {
    sheet: SHEETS.candidates,
    titleRow: null,
    headerRow: 1,
    firstRow: 2,
    lastRow: 1 + candidateRows,
    columns: placeColumns(candidateColumns).map((c) => {
      const test = resolvedTests.get(c.key);
      return test ? { ...c, test } : c;
    }),
  };

  return {
    spec,
    marker: {
      template: spec.slug,
      version: spec.version,
      grid: grid ? { code: grid.code, version: grid.version } : null,
      session: options.session ?? null,
    },
    lists: {
      certifications: data.certifications,
      juryRoles: JURY_ROLE_OPTIONS,
      equivalences: data.equivalences,
      done: DONE_OPTIONS,
    },
    grid,
    header,
    jury,
    candidates,
  };
}
