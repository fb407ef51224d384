/**
 * The one normalisation of searched text for tests that write rows straight into the database: the same
 * functions the application stores its search columns with (db/normalize.ts), so a seeded row is found
 * exactly as one the application wrote.
 */
import { compactLicence, normalizeName, normalizeSearch } from "../../db/normalize";

/** A `*_search` column's value and the form a query is compared in: `  École de Plongée ` → `ecole de plongee`. */
export function searchText(text: string): string {
  return normalizeSearch(text);
}

/** A licensee's `last_name_search` / `first_name_search`: `Jean-François` → `jean francois`. */
export function searchName(text: string): string {
  return normalizeName(text);
}

/** A `licence_compact` column's value: `A-75-123456` → `A75123456`. */
export function searchLicence(licence: string): string {
  return compactLicence(licence);
}
