import { prefixRange } from "../../db/dialect";
import { compactLicence, normalizeSearch } from "../../db/normalize";
import { licenceState } from "~/domain/licence";
import { todayInParis } from "~/domain/dates";
import { db } from "./db.server";

export const SEARCH_PAGE_SIZE = 20;
const MAX_QUERY = 80;

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

const licensees = () => db.selectFrom("licensees as l");
type Query = ReturnType<typeof licensees>;

/**
 * One ordered list of matches, read a page at a time straight from an index (no sort of all the
 * matches: a two-letter prefix matches tens of thousands of licensees in a federation).
 */
interface Segment {
  count(): Promise<number>;
  ids(offset: number, limit: number): Promise<number[]>;
}

async function countOf(filter: (q: Query) => Query): Promise<number> {
  return Number(
    (
      await filter(licensees())
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

function segment(
  filter: (q: Query) => Query,
  order: (q: Query) => Query,
  count: () => Promise<number> = () => countOf(filter),
): Segment {
  return {
    count,
    ids: async (offset, limit) =>
      (await order(filter(licensees())).select("l.id").limit(limit).offset(offset).execute()).map((r) => r.id),
  };
}

const inRange =
  (column: "l.last_name_search" | "l.first_name_search" | "l.licence_compact", [low, high]: [string, string]) =>
  (q: Query) =>
    q.where(column, ">=", low).where(column, "<", high);

/**
 * The segments of a query, in display order:
 * - a licence number (exact or prefix, with or without dashes): by licence number;
 * - one word: licensees whose last name starts with it (by name), then those whose first name
 *   only starts with it (by first name, then last name);
 * - several words: "nom prénom" or "prénom nom", by name.
 */
function segmentsOf(query: string): Segment[] | string {
  if (/^[A-Za-z][\s-]*\d[\d\s-]*$/.test(query)) {
    const range = prefixRange(compactLicence(query));
    return [segment(inRange("l.licence_compact", range), (q) => q.orderBy("l.licence_compact").orderBy("l.id"))];
  }
  const tokens = normalizeSearch(query).split(" ").filter(Boolean);
  if (tokens.length === 0 || tokens.join("").length < 2) {
    return "Saisissez au moins deux lettres du nom, ou un numéro de licence.";
  }
  const byName = (q: Query) => q.orderBy("l.last_name_search").orderBy("l.first_name_search").orderBy("l.id");
  if (tokens.length === 1) {
    const range = prefixRange(tokens[0]);
    const lastName = inRange("l.last_name_search", range);
    const firstName = inRange("l.first_name_search", range);
    const firstOnly = (q: Query) =>
      firstName(q).where((eb) =>
        eb.or([eb("l.last_name_search", "<", range[0]), eb("l.last_name_search", ">=", range[1])]),
      );
    return [
      segment(lastName, byName),
      // Counted from two covering indexes rather than row by row.
      segment(
        firstOnly,
        (q) => q.orderBy("l.first_name_search").orderBy("l.id"),
        async () => (await countOf(firstName)) - (await countOf((q) => firstName(lastName(q)))),
      ),
    ];
  }
  const whole = prefixRange(tokens.join(" "));
  const lastThenFirst = [prefixRange(tokens[0]), prefixRange(tokens.slice(1).join(" "))] as const;
  const firstThenLast = [prefixRange(tokens.slice(0, -1).join(" ")), prefixRange(tokens[tokens.length - 1])] as const;
  const filter = (q: Query) =>
    q.where((eb) =>
      eb.or([
        eb.and([eb("l.last_name_search", ">=", whole[0]), eb("l.last_name_search", "<", whole[1])]),
        eb.and([
          eb("l.last_name_search", ">=", lastThenFirst[0][0]),
          eb("l.last_name_search", "<", lastThenFirst[0][1]),
          eb("l.first_name_search", ">=", lastThenFirst[1][0]),
          eb("l.first_name_search", "<", lastThenFirst[1][1]),
        ]),
        eb.and([
          eb("l.first_name_search", ">=", firstThenLast[0][0]),
          eb("l.first_name_search", "<", firstThenLast[0][1]),
          eb("l.last_name_search", ">=", firstThenLast[1][0]),
          eb("l.last_name_search", "<", firstThenLast[1][1]),
        ]),
      ]),
    );
  return [segment(filter, byName)];
}

/**
 * Federation-wide licensee search: a licence number (exact or prefix, with or without dashes),
 * or names (prefix of the last name, of the first name, or "nom prénom" / "prénom nom"),
 * case- and accent-insensitive, in pages of 20 with the total count.
 */
export async function searchLicensees(rawQuery: string, rawPage: number): Promise<SearchOutcome> {
  const query = rawQuery.trim().slice(0, MAX_QUERY);
  const empty = { query, total: 0, page: 1, pageCount: 1, hits: [] };
  if (!query) return { ...empty, problem: null };
  const segments = segmentsOf(query);
  if (typeof segments === "string") return { ...empty, problem: segments };

  const counts = await Promise.all(segments.map((s) => s.count()));
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return { ...empty, problem: null };
  const pageCount = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
  const page = Math.min(Math.max(1, rawPage), pageCount);

  // The page's ids, taken from each segment in turn.
  let offset = (page - 1) * SEARCH_PAGE_SIZE;
  let wanted = SEARCH_PAGE_SIZE;
  const ids: number[] = [];
  for (const [index, seg] of segments.entries()) {
    if (wanted === 0) break;
    if (offset >= counts[index]) {
      offset -= counts[index];
      continue;
    }
    const part = await seg.ids(offset, wanted);
    ids.push(...part);
    wanted -= part.length;
    offset = 0;
  }
  if (ids.length === 0) return { ...empty, problem: null };

  const [rows, licences] = await Promise.all([
    db
      .selectFrom("licensees as l")
      .innerJoin("structures as s", "s.code", "l.structure_code")
      .select(["l.id", "l.licence", "l.last_name", "l.first_name", "l.birth_date", "s.name as structure_name"])
      .where("l.id", "in", ids)
      .execute(),
    db.selectFrom("licences").select(["licensee_id", "season", "status"]).where("licensee_id", "in", ids).execute(),
  ]);
  const today = todayInParis();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    query,
    total,
    page,
    pageCount,
    problem: null,
    hits: ids.map((id) => {
      const r = byId.get(id)!;
      return {
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
      };
    }),
  };
}
