import { prefixRange } from "../../db/dialect";
import { compactLicence, searchWords } from "../../db/normalize";
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

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** Words of a name query beyond this many are ignored (each adds ways to split the name). */
const MAX_WORDS = 6;

/**
 * The segments of a query, in display order:
 * - a licence number (exact or prefix, with or without dashes): by licence number;
 * - digits only (« 16179240 », « 16-179240 »): the licence numbers of every letter with those digits;
 * - one word: licensees whose last name starts with it (by name), then those whose first name
 *   only starts with it (by first name, then last name);
 * - several words, in any order, commas and hyphens ignored: the whole as a last name, or the
 *   words split into a last name and a first name, either way round (« Isabelle Le Bihan » finds
 *   Le Bihan Isabelle), by name.
 * `within` narrows every segment (« Ma structure seulement »).
 */
function segmentsOf(query: string, within: (q: Query) => Query): Segment[] | string {
  const licenceOrder = (q: Query) => q.orderBy("l.licence_compact").orderBy("l.id");
  if (/^[A-Za-z][\s-]*\d[\d\s-]*$/.test(query)) {
    const range = prefixRange(compactLicence(query));
    return [segment((q) => within(inRange("l.licence_compact", range)(q)), licenceOrder)];
  }
  if (/^\d[\d\s-]*$/.test(query)) {
    const digits = compactLicence(query);
    if (digits.length < 2) return "Saisissez au moins deux lettres du nom, ou un numéro de licence.";
    return [...LETTERS].map((letter) =>
      segment((q) => within(inRange("l.licence_compact", prefixRange(`${letter}${digits}`))(q)), licenceOrder),
    );
  }
  const tokens = searchWords(query).slice(0, MAX_WORDS);
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
      segment((q) => within(lastName(q)), byName),
      // Counted from two covering indexes rather than row by row.
      segment(
        (q) => within(firstOnly(q)),
        (q) => q.orderBy("l.first_name_search").orderBy("l.id"),
        async () =>
          (await countOf((q) => within(firstName(q)))) - (await countOf((q) => within(firstName(lastName(q))))),
      ),
    ];
  }
  // The whole as a last name, then every split into (last, first) and (first, last).
  const whole = prefixRange(tokens.join(" "));
  const splits: [last: [string, string], first: [string, string]][] = [];
  for (let i = 1; i < tokens.length; i++) {
    const head = tokens.slice(0, i).join(" ");
    const tail = tokens.slice(i).join(" ");
    splits.push([prefixRange(head), prefixRange(tail)], [prefixRange(tail), prefixRange(head)]);
  }
  const filter = (q: Query) =>
    within(
      q.where((eb) =>
        eb.or([
          eb.and([eb("l.last_name_search", ">=", whole[0]), eb("l.last_name_search", "<", whole[1])]),
          ...splits.map(([last, first]) =>
            eb.and([
              eb("l.last_name_search", ">=", last[0]),
              eb("l.last_name_search", "<", last[1]),
              eb("l.first_name_search", ">=", first[0]),
              eb("l.first_name_search", "<", first[1]),
            ]),
          ),
        ]),
      ),
    );
  return [segment(filter, byName)];
}

/**
 * Federation-wide licensee search: a licence number (exact or prefix, with or without its letter
 * and dashes), or names (prefix of the last name, of the first name, or the words in any order),
 * case- and accent-insensitive, in pages of 20 with the total count. `day`: the day the licence
 * state is given for (the session's start date); `structureOf`: only the licensees of that
 * structure and those below it.
 */
export async function searchLicensees(
  rawQuery: string,
  rawPage: number,
  options: { day?: string; structureOf?: string | null } = {},
): Promise<SearchOutcome> {
  const query = rawQuery.trim().slice(0, MAX_QUERY);
  const empty = { query, total: 0, page: 1, pageCount: 1, hits: [] };
  if (!query) return { ...empty, problem: null };
  const home = options.structureOf;
  // The structure and the structures below it (a committee's clubs, a region's committees and their clubs).
  const within = (q: Query): Query =>
    home
      ? q.where("l.structure_code", "in", (eb) =>
          eb
            .selectFrom("structures as s1")
            .select("s1.code")
            .where((w) =>
              w.or([
                w("s1.code", "=", home),
                w("s1.parent_code", "=", home),
                w("s1.parent_code", "in", (sub) =>
                  sub.selectFrom("structures as s2").select("s2.code").where("s2.parent_code", "=", home),
                ),
              ]),
            ),
        )
      : q;
  const segments = segmentsOf(query, within);
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
  const day = options.day ?? todayInParis();
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
          day,
        ),
      };
    }),
  };
}
