import { filterReader } from "~/utils/url-filters";

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
  const { notices, ignored, read, date, page, checkPeriod } = filterReader(params);
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
  const code = (key: string, label: string) =>
    read(key, label, (v) => ORGANISER_CODE.test(v), "n'est pas un code d'organisateur")?.toUpperCase() ?? null;
  const filters: ListFilters = {
    intitule: text("intitule", "Intitulé"),
    lieu: text("lieu", "Lieu"),
    du: date("du", "Du"),
    au: date("au", "Au"),
    brevet: read("brevet", "Brevet", (v) => BREVET_PATTERN.test(v), "n'est pas un code de brevet"),
    statut: read(
      "statut",
      "Statut",
      (v) => v === "en_creation" || v === "cloturee",
      "n'est pas un statut connu (en_creation ou cloturee)",
    ) as ListFilters["statut"],
    organisateur: code("organisateur", "Organisateur"),
    portee: code("portee", "Portée"),
    // An own key only: `in` would also accept `constructor` or `toString` from Object's prototype.
    tri:
      (read("tri", "Tri", (v) => Object.hasOwn(SORTS, v), "n'est pas un tri connu") as SortKey | null) ?? DEFAULT_SORT,
    page: page(),
  };
  checkPeriod(filters, "aucune session");
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
