/**
 * What an uploaded bordereau may weigh, once and for all (docs/decisions/009-excel-import.md,
 * README "Import Excel : limites"). The archive guard enforces them before exceljs sees a byte.
 */
export const IMPORT_LIMITS = {
  /** The uploaded file itself. */
  maxFileBytes: 5 * 1024 * 1024,
  /** Entries of the ZIP archive (a bordereau has about 20; Excel with pictures, a few dozen). */
  maxEntries: 200,
  /** Sum of the entries' inflated sizes, declared and actual. */
  maxInflatedBytes: 50 * 1024 * 1024,
  /** Inflated / compressed size of one entry, checked for entries larger than `ratioFromBytes`. */
  maxRatio: 200,
  ratioFromBytes: 1024 * 1024,
  /** Rows and columns of any sheet (the last row or column that holds a cell). */
  maxRows: 5000,
  maxColumns: 200,
  /** Cells of the whole workbook (5,000 rows of a Niveau 4 bordereau hold about 120,000). */
  maxCells: 250_000,
} as const;

/** `5 Mo`, `50 Mo`. */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} Mo`;
}

/** `5 000`, the French way (a narrow no-break space would be typographically better, a plain one reads everywhere). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}
