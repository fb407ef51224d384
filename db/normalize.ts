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

/**
 * The searchable form of a person's name: `normalizeSearch`, with hyphens, dashes, commas and
 * semicolons read as spaces, so that « Jean-François », « Dupont, Charlotte » and « Le Bihan »
 * are words a search can take in any order. Stored in `licensees.last_name_search` and
 * `first_name_search` (migration 008 rewrote the rows written before).
 */
export function normalizeName(text: string): string {
  return normalizeSearch(text)
    .replace(/[\p{Pd},;]+/gu, " ")
    .replace(/ +/g, " ")
    .trim();
}

/** The words of a searched text, in the form `normalizeName` stores: « Château-Landon » → chateau, landon. */
export function searchWords(text: string): string[] {
  return normalizeName(text).split(" ").filter(Boolean);
}

/** A licence number without its dashes and in upper case: `a-12-345678` → `A12345678`. */
export function compactLicence(licence: string): string {
  return licence.replace(/[\s-]/g, "").toUpperCase();
}
