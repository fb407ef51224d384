import { changeStamp } from "../../db/dialect";
import { COUNT_CAP, PAGE_SIZE, type ListFilters } from "./list-filters";
import {
  after,
  earliestStartFor,
  filtered,
  filteredFast,
  fromSessions,
  ORDERS,
  sorted,
  statusOf,
  titleBeginsWith,
  withColumns,
  type SessionRow,
  type SessionsQuery,
} from "./list-query.server";
import type { Source } from "./source";

/*
 * The list at federation scale (1,000,000 sessions, bench/README.md):
 * - one organiser's sessions are counted and filtered in a covering index, never in the table
 *   (db/migrations/003_list_indexes.ts has the indexes and what each serves);
 * - a page is found by its ids first, in the index alone, and only its 50 rows are then read and
 *   joined ("deferred join"): a deep page no longer reads the rows it skips, and the joins cannot
 *   lead the planner to walk organisers or brevets first and sort what it found;
 * - past the middle of the list, the page is read from the other end (the last page is as quick
 *   as the first), from the count the loader has just made;
 * - "Du" gives a lower bound to the start date as well: the longest session is read from an index;
 * - a total without a text or date filter is read from the counts the database keeps
 *   (`session_counts`, migration 005), not counted;
 * - the administrator's capped "Intitulé" count tries the titles that begin with the text first.
 * Same rows, same order, same total as the plain queries (checked by bench/check.ts).
 */

export { PAGE_SIZE };
export type { SessionRow };

/**
 * The last count of a filters object, kept for the page asked next with the same object (the
 * loader counts, then lists): the total tells a page past the middle, read from the end.
 * Taken only for pages after the first; valid while the database stamp has not moved.
 */
interface Counted {
  key: string;
  stamp: string;
  total: number;
  earliestStart: string | null;
}
const counts = new WeakMap<ListFilters, Counted>();
const countKey = (organiserId: number | null, f: ListFilters) =>
  JSON.stringify([organiserId, f.intitule, f.lieu, f.du, f.au, f.brevet, f.statut, f.organisateur]);

/**
 * Must the count of these filters stop at `COUNT_CAP`? Only when it would otherwise read every
 * row of the federation: the administrator's "Intitulé" or "Lieu" (a substring, no index can
 * count it) without an organiser. A scope's own sessions are always counted exactly.
 */
export function countIsCapped(organiserId: number | null, filters: ListFilters): boolean {
  return organiserId === null && !filters.organisateur && Boolean(filters.intitule || filters.lieu);
}

/**
 * How many sessions match. With `cap`, the count stops past `cap` rows: the answer is then
 * `cap + 1`, meaning "more than `cap`".
 */
export async function countSessions(
  source: Source,
  organiserId: number | null,
  filters: ListFilters,
  { cap }: { cap?: number } = {},
): Promise<number> {
  const stamp = filters.page > 1 && cap === undefined ? await changeStamp(source) : null;
  const earliestStart = filters.du ? await earliestStartFor(source, filters.du) : null;
  let total: number;
  if (!filters.intitule && !filters.lieu && !filters.du && !filters.au) {
    total = await keptCount(source, organiserId, filters);
  } else if (cap === undefined) {
    const matching = filtered(source, organiserId, filters, earliestStart);
    total = Number((await matching.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  } else {
    const upTo = async (query: SessionsQuery) =>
      Number(
        (
          await source
            .selectFrom(
              query
                .select("s.id")
                .limit(cap + 1)
                .as("m"),
            )
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    // The titles that begin with the text are a part of those that contain it, read as an index
    // range: when they alone pass the cap, so do all ("nitrox": 0.5 ms instead of 40 ms, the
    // substring search reading half the title index before it finds 1,001).
    const matching = filtered(source, organiserId, filters, earliestStart);
    const beginning = filters.intitule ? await upTo(titleBeginsWith(matching, filters.intitule)) : 0;
    total = beginning > cap ? beginning : await upTo(matching);
  }
  if (stamp !== null) counts.set(filters, { key: countKey(organiserId, filters), stamp, total, earliestStart });
  else counts.delete(filters);
  return total;
}

/**
 * The count of a scope's sessions, perhaps of one brevet and one status, as the database keeps
 * it (`session_counts`, migration 005): one row read by its key instead of the sessions counted.
 */
async function keptCount(source: Source, organiserId: number | null, filters: ListFilters): Promise<number> {
  let query = source
    .selectFrom("session_counts as k")
    .select("k.n")
    .where("k.certification_code", "=", filters.brevet ?? "")
    .where("k.status", "=", filters.statut ? statusOf(filters.statut) : "");
  if (organiserId !== null) query = query.where("k.organiser_id", "=", organiserId);
  else if (filters.organisateur) {
    query = query.where("k.organiser_id", "=", (eb) =>
      eb.selectFrom("organisers").select("id").where("code", "=", filters.organisateur!),
    );
  } else query = query.where("k.organiser_id", "=", 0);
  const row = await query.executeTakeFirst();
  return row ? Number(row.n) : 0;
}

/** What `countSessions` found for these filters, if nothing has been written since. */
async function counted(source: Source, organiserId: number | null, filters: ListFilters): Promise<Counted | null> {
  const known = counts.get(filters);
  if (!known || known.key !== countKey(organiserId, filters)) return null;
  return known.stamp === (await changeStamp(source)) ? known : null;
}

/** One page of the list. */
export async function listSessions(source: Source, organiserId: number | null, filters: ListFilters, page: number) {
  const offset = (page - 1) * PAGE_SIZE;
  const known = offset > 0 ? await counted(source, organiserId, filters) : null;
  const base = known
    ? filtered(source, organiserId, filters, known.earliestStart)
    : await filteredFast(source, organiserId, filters);
  let ids;
  if (known && offset + PAGE_SIZE / 2 > known.total / 2) {
    // Past the middle: the same rows, counted from the end, in reverse.
    const end = Math.min(known.total, offset + PAGE_SIZE);
    if (end <= offset) return [];
    ids = sorted(base.select("s.id"), filters.tri, true)
      .limit(end - offset)
      .offset(known.total - end);
  } else {
    ids = sorted(base.select("s.id"), filters.tri).limit(PAGE_SIZE).offset(offset);
  }
  return sorted(withColumns(fromSessions(source).where("s.id", "in", ids)), filters.tri).execute();
}

/**
 * Every filtered row, in list order, read in batches so that a large export never sits in memory.
 * Each batch continues from the sort key of the previous one (no OFFSET to walk again).
 */
export async function* allSessions(source: Source, organiserId: number | null, filters: ListFilters, batch = 1000) {
  const base = await filteredFast(source, organiserId, filters);
  const keys = ORDERS[filters.tri].map(([column]) => column);
  let last: Record<string, string | number> | null = null;
  for (;;) {
    let page = sorted(base.select(keys), filters.tri).limit(batch);
    if (last) page = page.where(after(filters.tri, last));
    const found = (await page.execute()) as Record<string, string | number>[];
    if (found.length === 0) return;
    const rows = await sorted(
      withColumns(
        fromSessions(source).where(
          "s.id",
          "in",
          found.map((r) => Number(r.id)),
        ),
      ),
      filters.tri,
    ).execute();
    yield* rows;
    if (found.length < batch) return;
    last = found[found.length - 1];
  }
}

/** The organiser of a code, to tell the administrator a code names nobody. */
export async function findOrganiser(source: Source, code: string) {
  return source.selectFrom("organisers").select(["id", "name"]).where("code", "=", code).executeTakeFirst();
}

/** Does the scope have any session at all (to tell "nothing yet" from "nothing for these filters")? */
export async function hasAnySession(source: Source, organiserId: number | null): Promise<boolean> {
  let query = source.selectFrom("exam_sessions").select("id");
  if (organiserId !== null) query = query.where("organiser_id", "=", organiserId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

export interface ListPage {
  /** Sessions matching; when `more`, `COUNT_CAP` and more. */
  total: number;
  more: boolean;
  /** Null when `more`: the last page is not known. */
  pageCount: number | null;
  /** The page shown: the one asked, or the last one when the one asked is past the end. */
  page: number;
  pastEnd: boolean;
  rows: SessionRow[];
  /** Why there is no row: nothing in the scope at all, or nothing for these filters. */
  empty: "scope" | "filters" | null;
}

/** What the list shows for a scope (`organiserId`, or null: the whole federation) and its filters. */
export async function readListPage(
  source: Source,
  organiserId: number | null,
  filters: ListFilters,
  { cap = COUNT_CAP }: { cap?: number } = {},
): Promise<ListPage> {
  const capped = countIsCapped(organiserId, filters);
  let total = await countSessions(source, organiserId, filters, capped ? { cap } : {});
  if (capped && total > cap) {
    const rows = await listSessions(source, organiserId, filters, filters.page);
    if (rows.length > 0 || filters.page === 1) {
      return { total: cap, more: true, pageCount: null, page: filters.page, pastEnd: false, rows, empty: null };
    }
    // Asked past the end of a long list: counted in full, once, to show its last page.
    total = await countSessions(source, organiserId, filters);
  }
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pastEnd = filters.page > pageCount && filters.page > 1 && total > 0;
  const page = Math.min(filters.page, pageCount);
  const rows = total > 0 ? await listSessions(source, organiserId, filters, page) : [];
  const empty = total > 0 ? null : (await hasAnySession(source, organiserId)) ? "filters" : "scope";
  return { total, more: false, pageCount, page, pastEnd, rows, empty };
}
