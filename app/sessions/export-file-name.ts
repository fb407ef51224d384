import type { ListFilters } from "./list-filters";

/** A filter's text as it can sit in a file name: no accents, letters, digits and dashes, 30 characters at most. */
function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 30)
    .replace(/-+$/, "");
}

/**
 * The exported list's file name, naming the filters it was made with, in the form's order:
 * `sessions-N2-en-creation-lieu-piscine-du-2025-03-01-au-2025-06-30-2026-12-02.xlsx`
 * (the last date is the day of the export); `sessions-2026-12-02.xlsx` without a filter.
 */
export function exportFileName(filters: ListFilters, day: string): string {
  const parts = ["sessions"];
  const add = (prefix: string, value: string | null) => {
    const text = value ? slug(value) : "";
    if (text) parts.push(prefix ? `${prefix}-${text}` : text);
  };
  add("organisateur", filters.organisateur);
  add("", filters.brevet);
  add("", filters.statut === "en_creation" ? "en creation" : filters.statut === "cloturee" ? "cloturees" : null);
  add("intitule", filters.intitule);
  add("lieu", filters.lieu);
  add("du", filters.du);
  add("au", filters.au);
  parts.push(day);
  return `${parts.join("-")}.xlsx`;
}
