import { isIsoDate } from "~/domain/dates";

/** The list's state, read from its URL (`/sessions?intitule=…&du=…`): shareable and bookmarkable. */
export interface ListFilters {
  intitule: string;
  lieu: string;
  du: string | null;
  au: string | null;
  brevet: string | null;
  statut: "en_creation" | "cloturee" | null;
  /** An organiser code (administrator only): `0750001`, `REGION-IDF/TECHNIQUE`. */
  organisateur: string | null;
  /**
   * The scope listed, by its organiser code, for a user who holds several: the link names it, so
   * that it shows the same list whichever scope the reader acts for when opening it.
   */
  portee: string | null;
  tri: SortKey;
  page: number;
}

export const SORTS = {
  date_desc: "Date (plus récentes d'abord)",
  date_asc: "Date (plus anciennes d'abord)",
  intitule_asc: "Intitulé (A → Z)",
  intitule_desc: "Intitulé (Z → A)",
  brevet_asc: "Brevet (A → Z)",
  brevet_desc: "Brevet (Z → A)",
} as const;
export type SortKey = keyof typeof SORTS;
export const DEFAULT_SORT: SortKey = "date_desc";

export const STATUS_FILTERS = { en_creation: "En création", cloturee: "Clôturée" } as const;

/** Rows per page of the list. */
export const PAGE_SIZE = 50;

/**
 * Past this many matching sessions, a count that would read every session of the federation
 * stops and says "more than" (docs/decisions/010-capped-count-for-federation-text-search.md).
 */
export const COUNT_CAP = 1_000;

const MAX_TEXT = 100;

/** Each URL parameter of the list and the label its notices give it (the form's labels). */
const PARAMETER_LABELS = {
  intitule: "Intitulé",
  lieu: "Lieu",
  du: "Du",
  au: "Au",
  brevet: "Brevet",
  statut: "Statut",
  organisateur: "Organisateur",
  portee: "Portée",
  tri: "Tri",
  page: "Page",
} as const;
const BREVET_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,19}$/;
/** A club's number (`0750001`) or a commission's code (`REGION-IDF/TECHNIQUE`), any case. */
const ORGANISER_CODE = /^[A-Za-z0-9][A-Za-z0-9/_-]{0,59}$/;

/**
 * Reads the list parameters. A malformed parameter never breaks the page: it is ignored and a
 * French notice says so. Empty parameters mean "no filter".
 */
export function parseListParams(params: URLSearchParams): { filters: ListFilters; notices: string[] } {
  const notices: string[] = [];
  const ignored = (name: string, value: string, why: string) =>
    notices.push(`Le filtre « ${name} » (« ${value.slice(0, 40)} ») ${why} : il a été ignoré.`);
  // A parameter given twice (a hand-edited or concatenated URL): the first value is the one read.
  for (const [key, label] of Object.entries(PARAMETER_LABELS)) {
    const values = params.getAll(key);
    if (values.length > 1) {
      notices.push(
        `Le filtre « ${label} » est donné ${values.length} fois : seule la première valeur (« ${values[0].slice(0, 40)} ») a été retenue.`,
      );
    }
  }
  const text = (key: string, label: string) => {
    const value = (params.get(key) ?? "").trim();
    if (value.length > MAX_TEXT) {
      ignored(label, value, `dépasse ${MAX_TEXT} caractères`);
      return "";
    }
    return value;
  };
  const date = (key: string, label: string) => {
    const value = (params.get(key) ?? "").trim();
    if (!value) return null;
    if (!isIsoDate(value)) {
      ignored(label, value, "n'est pas une date valide (AAAA-MM-JJ)");
      return null;
    }
    return value;
  };

  const filters: ListFilters = {
    intitule: text("intitule", "Intitulé"),
    lieu: text("lieu", "Lieu"),
    du: date("du", "Du"),
    au: date("au", "Au"),
    brevet: null,
    statut: null,
    organisateur: null,
    portee: null,
    tri: DEFAULT_SORT,
    page: 1,
  };

  const brevet = (params.get("brevet") ?? "").trim();
  if (brevet) {
    if (BREVET_PATTERN.test(brevet)) filters.brevet = brevet;
    else ignored("Brevet", brevet, "n'est pas un code de brevet");
  }
  const statut = (params.get("statut") ?? "").trim();
  if (statut) {
    if (statut === "en_creation" || statut === "cloturee") filters.statut = statut;
    else ignored("Statut", statut, "n'est pas un statut connu (en_creation ou cloturee)");
  }
  const organisateur = (params.get("organisateur") ?? "").trim();
  if (organisateur) {
    if (ORGANISER_CODE.test(organisateur)) filters.organisateur = organisateur.toUpperCase();
    else ignored("Organisateur", organisateur, "n'est pas un code d'organisateur");
  }
  const portee = (params.get("portee") ?? "").trim();
  if (portee) {
    if (ORGANISER_CODE.test(portee)) filters.portee = portee.toUpperCase();
    else ignored("Portée", portee, "n'est pas un code d'organisateur");
  }
  const tri = (params.get("tri") ?? "").trim();
  if (tri) {
    // An own key only: `in` would also accept `constructor` or `toString` from Object's prototype.
    if (Object.hasOwn(SORTS, tri)) filters.tri = tri as SortKey;
    else ignored("Tri", tri, "n'est pas un tri connu");
  }
  const page = (params.get("page") ?? "").trim();
  if (page) {
    if (/^\d{1,7}$/.test(page) && Number(page) >= 1) filters.page = Number(page);
    else ignored("Page", page, "n'est pas un numéro de page");
  }
  if (filters.du && filters.au && filters.du > filters.au) {
    notices.push("La date « Du » est postérieure à la date « Au » : aucune session ne peut correspondre.");
  }
  return { filters, notices };
}

/** The URL query of a list state, omitting defaults, so that links stay short. */
export function toSearch(filters: ListFilters, override: Partial<ListFilters> = {}): string {
  const merged = { ...filters, ...override };
  const params = new URLSearchParams();
  if (merged.intitule) params.set("intitule", merged.intitule);
  if (merged.lieu) params.set("lieu", merged.lieu);
  if (merged.du) params.set("du", merged.du);
  if (merged.au) params.set("au", merged.au);
  if (merged.brevet) params.set("brevet", merged.brevet);
  if (merged.statut) params.set("statut", merged.statut);
  if (merged.organisateur) params.set("organisateur", merged.organisateur);
  if (merged.portee) params.set("portee", merged.portee);
  if (merged.tri !== DEFAULT_SORT) params.set("tri", merged.tri);
  if (merged.page > 1) params.set("page", String(merged.page));
  const query = params.toString();
  return query ? `?${query}` : "";
}
