/**
 * Finding a template's blocks in a sheet by their texts, not by fixed positions: what the
 * import uses to read a file that a person or another program may have shifted a little.
 *
 * A sheet is given as rows of plain cell values (`rows[0]` is row 1, `rows[r][0]` column A);
 * `cell-value.ts` turns exceljs values into plain ones. Positions returned are 1-based.
 */
import type { HeaderKey, ListOption, ResolvedColumn, ResolvedField, ResolvedTable } from "./spec";

export type SheetRows = ReadonlyArray<ReadonlyArray<unknown>>;

/**
 * Header and label texts compared loosely: case, accents, spacing, `×` written `x`, and a
 * trailing `:` or `*` do not matter. `Mannequin (×2)` ≡ `mannequin (x2)`.
 */
export function normalizeHeader(text: unknown): string {
  if (typeof text !== "string" && typeof text !== "number") return "";
  return String(text)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/×/g, "x")
    .replace(/[’`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\s*[:*]$/, "")
    .trim();
}

/** Normalised header text → column, for one table. */
export function columnsByHeader<K extends string>(table: ResolvedTable<K>): Map<string, ResolvedColumn<K>> {
  return new Map(table.columns.map((c) => [normalizeHeader(c.header), c]));
}

/** Normalised label → field, for the header block. */
export function fieldsByLabel(fields: ResolvedField[]): Map<string, ResolvedField> {
  return new Map(fields.map((f) => [normalizeHeader(f.label), f]));
}

export interface LocatedTable<K extends string> {
  /** Row of the header texts. */
  headerRow: number;
  /** Key → column where its header was found. */
  columns: Map<K, number>;
  /** Required columns whose header is absent. */
  missing: ResolvedColumn<K>[];
  /** Non-empty header texts that name no column of the table (as written). */
  unknown: { column: number; text: string }[];
}

/**
 * The first row (within `maxRows`) holding every required header of the table, and where each
 * known header sits. Null when no row holds them all.
 */
export function locateTable<K extends string>(
  rows: SheetRows,
  table: ResolvedTable<K>,
  { maxRows = 60 }: { maxRows?: number } = {},
): LocatedTable<K> | null {
  const byHeader = columnsByHeader(table);
  const required = table.columns.filter((c) => c.required);
  for (let r = 0; r < Math.min(rows.length, maxRows); r++) {
    const columns = new Map<K, number>();
    const unknown: { column: number; text: string }[] = [];
    (rows[r] ?? []).forEach((value, index) => {
      const text = normalizeHeader(value);
      if (!text) return;
      const column = byHeader.get(text);
      if (column && !columns.has(column.key)) columns.set(column.key, index + 1);
      else unknown.push({ column: index + 1, text: String(value).trim() });
    });
    if (required.length > 0 && required.every((c) => columns.has(c.key))) {
      return { headerRow: r + 1, columns, missing: [], unknown };
    }
  }
  return null;
}

/**
 * Where each header field's value sits: the first cell right of its label (scanning
 * `maxRows` rows), keyed by field. Labels not found are absent from the map.
 */
export function locateFields(
  rows: SheetRows,
  fields: ResolvedField[],
  { maxRows = 30 }: { maxRows?: number } = {},
): Map<HeaderKey, { row: number; column: number }> {
  const byLabel = fieldsByLabel(fields);
  const found = new Map<HeaderKey, { row: number; column: number }>();
  for (let r = 0; r < Math.min(rows.length, maxRows); r++) {
    (rows[r] ?? []).forEach((value, index) => {
      const field = byLabel.get(normalizeHeader(value));
      if (field && !found.has(field.key)) found.set(field.key, { row: r + 1, column: index + 2 });
    });
  }
  return found;
}

/** The option a cell names, by its label or its code, ignoring case, accents and spacing. */
export function findOption(options: ListOption[], text: unknown): ListOption | undefined {
  const wanted = normalizeHeader(text);
  if (!wanted) return undefined;
  return options.find((o) => normalizeHeader(o.label) === wanted || normalizeHeader(o.code) === wanted);
}
