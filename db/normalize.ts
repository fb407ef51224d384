/**
 * The searchable form of a text: lower case, no accents, ligatures spelt out, single spaces.
 * `Lefèvre` → `lefevre`, `  École   de  Plongée ` → `ecole de plongee`.
 * Stored in the `*_search` columns and applied to what the user types, so that every search
 * is case- and accent-insensitive on SQLite and PostgreSQL alike.
 */
export function normalizeSearch(text: string): string {
  return text
    .replace(/[œŒ]/g, "oe")
    .replace(/[æÆ]/g, "ae")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/** A licence number without its dashes and in upper case: `a-12-345678` → `A12345678`. */
export function compactLicence(licence: string): string {
  return licence.replace(/[\s-]/g, "").toUpperCase();
}
