import { compactLicence, normalizeSearch } from "../../db/normalize";
import { licenceState } from "~/domain/licence";
import { todayInParis } from "~/domain/dates";
import { db } from "./db.server";

export const SEARCH_PAGE_SIZE = 20;
const MAX_QUERY = 80;

/** Strings starting with `prefix`: [prefix, prefix + U+FFFF) in binary order, so an index range serves it. */
function prefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix}\uffff`];
}

export interface LicenseeHit {
  id: number;
  licence: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  structureName: string;
  licenceState: ReturnType<typeof licenceState>;
}

export interface SearchOutcome {
  query: string;
  total: number;
  page: number;
  pageCount: number;
  hits: LicenseeHit[];
  /** Why the query was not run, in French. */
  problem: string | null;
}

/**
 * Federation-wide licensee search: a licence number (exact or prefix, with or without dashes),
 * or names (prefix of the last name, of the first name, or "nom prénom" / "prénom nom"),
 * case- and accent-insensitive, ordered by name, in pages.
 */
export async function searchLicensees(rawQuery: string, rawPage: number): Promise<SearchOutcome> {
  const query = rawQuery.trim().slice(0, MAX_QUERY);
  const empty = { query, total: 0, page: 1, pageCount: 1, hits: [] };
  if (!query) return { ...empty, problem: null };

  let base = db.selectFrom("licensees as l");
  if (/^[A-Za-z][\s-]*\d[\d\s-]*$/.test(query)) {
    const [low, high] = prefixRange(compactLicence(query));
    base = base.where("l.licence_compact", ">=", low).where("l.licence_compact", "<", high);
  } else {
    const tokens = normalizeSearch(query).split(" ").filter(Boolean);
    if (tokens.length === 0 || tokens.join("").length < 2) {
      return { ...empty, problem: "Saisissez au moins deux lettres du nom, ou un numéro de licence." };
    }
    const whole = prefixRange(tokens.join(" "));
    base = base.where((eb) => {
      const alternatives = [
        eb.and([eb("l.last_name_search", ">=", whole[0]), eb("l.last_name_search", "<", whole[1])]),
      ];
      if (tokens.length === 1) {
        alternatives.push(eb.and([eb("l.first_name_search", ">=", whole[0]), eb("l.first_name_search", "<", whole[1])]));
      } else {
        const [first, ...rest] = tokens;
        const restRange = prefixRange(rest.join(" "));
        const firstRange = prefixRange(first);
        const lastWord = tokens[tokens.length - 1];
        const lastRange = prefixRange(lastWord);
        const headRange = prefixRange(tokens.slice(0, -1).join(" "));
        // "lefevre helene": last name then first name; "helene lefevre": first name then last name.
        alternatives.push(
          eb.and([
            eb("l.last_name_search", ">=", firstRange[0]),
            eb("l.last_name_search", "<", firstRange[1]),
            eb("l.first_name_search", ">=", restRange[0]),
            eb("l.first_name_search", "<", restRange[1]),
          ]),
          eb.and([
            eb("l.first_name_search", ">=", headRange[0]),
            eb("l.first_name_search", "<", headRange[1]),
            eb("l.last_name_search", ">=", lastRange[0]),
            eb("l.last_name_search", "<", lastRange[1]),
          ]),
        );
      }
      return eb.or(alternatives);
    });
  }

  const counted = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const total = Number(counted.n);
  const pageCount = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
  const page = Math.min(Math.max(1, rawPage), pageCount);
  if (total === 0) return { ...empty, problem: null };

  const rows = await base
    .innerJoin("structures as s", "s.code", "l.structure_code")
    .select(["l.id", "l.licence", "l.last_name", "l.first_name", "l.birth_date", "s.name as structure_name"])
    .orderBy("l.last_name_search")
    .orderBy("l.first_name_search")
    .orderBy("l.licence")
    .limit(SEARCH_PAGE_SIZE)
    .offset((page - 1) * SEARCH_PAGE_SIZE)
    .execute();
  const licences = rows.length
    ? await db
        .selectFrom("licences")
        .select(["licensee_id", "season", "status"])
        .where(
          "licensee_id",
          "in",
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const today = todayInParis();
  return {
    query,
    total,
    page,
    pageCount,
    problem: null,
    hits: rows.map((r) => ({
      id: r.id,
      licence: r.licence,
      lastName: r.last_name,
      firstName: r.first_name,
      birthDate: r.birth_date,
      structureName: r.structure_name,
      licenceState: licenceState(
        licences.filter((l) => l.licensee_id === r.id),
        today,
      ),
    })),
  };
}
