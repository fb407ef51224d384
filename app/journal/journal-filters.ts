import { isIsoDate } from "~/domain/dates";
import { JOURNAL_KINDS, type JournalKind } from "./kinds";

/** The journal screen's state, read from its URL (`/administration/journal?evenement=…&du=…`). */
export interface JournalFilters {
  evenement: JournalKind | null;
  email: string;
  /** Calendar days in Paris time, both included. */
  du: string | null;
  au: string | null;
  page: number;
}

export const JOURNAL_PAGE_SIZE = 50;
/** An export holds at most this many rows (the newest); the file says so when it stops there. */
export const JOURNAL_EXPORT_CAP = 100_000;

const MAX_EMAIL = 254;

/**
 * Reads the screen's parameters. A malformed one never breaks the page: it is ignored and a French
 * notice says so, as on the sessions list. Empty parameters mean "no filter".
 */
export function parseJournalParams(params: URLSearchParams): { filters: JournalFilters; notices: string[] } {
  const notices: string[] = [];
  const ignored = (name: string, value: string, why: string) =>
    notices.push(`Le filtre « ${name} » (« ${value.slice(0, 40)} ») ${why} : il a été ignoré.`);
  const filters: JournalFilters = { evenement: null, email: "", du: null, au: null, page: 1 };

  const kind = (params.get("evenement") ?? "").trim();
  if (kind) {
    if (Object.hasOwn(JOURNAL_KINDS, kind)) filters.evenement = kind as JournalKind;
    else ignored("Événement", kind, "n'est pas un événement connu");
  }
  const email = (params.get("email") ?? "").trim().toLowerCase();
  if (email.length > MAX_EMAIL) ignored("E-mail", email, `dépasse ${MAX_EMAIL} caractères`);
  else filters.email = email;
  for (const [key, label] of [
    ["du", "Du"],
    ["au", "Au"],
  ] as const) {
    const value = (params.get(key) ?? "").trim();
    if (!value) continue;
    if (isIsoDate(value)) filters[key] = value;
    else ignored(label, value, "n'est pas une date valide (AAAA-MM-JJ)");
  }
  const page = (params.get("page") ?? "").trim();
  if (page) {
    if (/^\d{1,7}$/.test(page) && Number(page) >= 1) filters.page = Number(page);
    else ignored("Page", page, "n'est pas un numéro de page");
  }
  if (filters.du && filters.au && filters.du > filters.au) {
    notices.push("La date « Du » est postérieure à la date « Au » : aucun événement ne peut correspondre.");
  }
  return { filters, notices };
}

/** The URL query of a state, omitting empty filters and page 1. */
export function journalSearch(filters: JournalFilters, page = filters.page): string {
  const params = new URLSearchParams();
  if (filters.evenement) params.set("evenement", filters.evenement);
  if (filters.email) params.set("email", filters.email);
  if (filters.du) params.set("du", filters.du);
  if (filters.au) params.set("au", filters.au);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
