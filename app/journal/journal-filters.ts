import { filterReader } from "~/utils/url-filters";
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
  const { notices, ignored, read, date, page, checkPeriod } = filterReader(params);
  const kind = read("evenement", "Événement", (v) => Object.hasOwn(JOURNAL_KINDS, v), "n'est pas un événement connu");
  const email = (params.get("email") ?? "").trim().toLowerCase();
  if (email.length > MAX_EMAIL) ignored("E-mail", email, `dépasse ${MAX_EMAIL} caractères`);
  const filters: JournalFilters = {
    evenement: kind as JournalKind | null,
    email: email.length > MAX_EMAIL ? "" : email,
    du: date("du", "Du"),
    au: date("au", "Au"),
    page: page(),
  };
  checkPeriod(filters, "aucun événement");
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
