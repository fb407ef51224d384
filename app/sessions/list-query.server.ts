import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { likeContaining, prefixRange, sessionLengthDays } from "../../db/dialect";
import { normalizeSearch, searchWords } from "../../db/normalize";
import type { Database } from "../../db/schema";
import type { ListFilters, SortKey } from "./list-filters";
import type { Source } from "./source";

/* The pieces of the list's queries; list.server.ts puts them together (and says how they keep the list fast). */

export const fromSessions = (source: Source) => source.selectFrom("exam_sessions as s");
export type SessionsQuery = ReturnType<typeof fromSessions>;
type Sessions = ExpressionBuilder<Database & { s: Database["exam_sessions"] }, "s">;

/**
 * A searchable column holding every word of `text`, in any order, hyphens and commas read as
 * spaces: « chateau landon » finds « Château-Landon », « landon, chateau » too. One LIKE per word
 * on the row the list reads anyway: the same scan as one pattern.
 */
function containsWords(column: "s.place_search", text: string) {
  const words = searchWords(text);
  return (eb: Sessions) => eb.and(words.map((word) => likeContaining(column, word)));
}

/** Sessions whose searchable title begins with `text`: a range of the `exam_sessions_title` index (`prefixRange`). */
export function titleBeginsWith(query: SessionsQuery, text: string): SessionsQuery {
  const [low, high] = prefixRange(normalizeSearch(text));
  return query.where("s.title_search", ">=", low).where("s.title_search", "<", high);
}

/** `2024-01-01` less `days` days (calendar dates, no time zone involved). */
function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The earliest start a session overlapping a range that begins on `du` can have: `du` less the
 * longest session's length, read from the `exam_sessions_length` index in one step. Null when
 * there is no session at all.
 */
export async function earliestStartFor(source: Source, du: string): Promise<string | null> {
  const length = sessionLengthDays(source);
  const row = await source
    .selectFrom("exam_sessions")
    .select(sql<number | null>`max(${length})`.as("days"))
    .executeTakeFirst();
  const days = row?.days;
  return days === null || days === undefined ? null : daysBefore(du, Math.ceil(Number(days)));
}

/**
 * The sessions of one organiser (or of all, `organiserId` null: the administrator), filtered.
 * A session matches a date range when its days overlap it. `earliestStart` (from
 * `earliestStartFor`) restates the "Du" condition as a range on the start date; it changes no result.
 */
export function filtered(
  source: Source,
  organiserId: number | null,
  filters: ListFilters,
  earliestStart: string | null = null,
): SessionsQuery {
  let query = fromSessions(source);
  if (organiserId !== null) query = query.where("s.organiser_id", "=", organiserId);
  else if (filters.organisateur) {
    query = query.where("s.organiser_id", "=", (eb) =>
      eb.selectFrom("organisers").select("id").where("code", "=", filters.organisateur!),
    );
  }
  if (filters.intitule) {
    // The whole text, as the capped count's "titles beginning with it" reads it (list.server.ts).
    query = query.where(likeContaining("s.title_search", normalizeSearch(filters.intitule)));
  }
  if (filters.lieu) {
    query = query.where(containsWords("s.place_search", filters.lieu));
  }
  if (filters.du) {
    query = query.where((eb) => eb(eb.fn.coalesce("s.end_date", "s.start_date"), ">=", filters.du!));
    if (earliestStart) query = query.where("s.start_date", ">=", earliestStart);
  }
  if (filters.au) query = query.where("s.start_date", "<=", filters.au);
  if (filters.brevet) query = query.where("s.certification_code", "=", filters.brevet);
  if (filters.statut) query = query.where("s.status", "=", statusOf(filters.statut));
  return query;
}

/** The stored status a "Statut" filter asks for. */
export const statusOf = (statut: NonNullable<ListFilters["statut"]>) => (statut === "cloturee" ? "closed" : "draft");

/** `filtered`, with the "Du" bound looked up when there is a "Du". */
export async function filteredFast(
  source: Source,
  organiserId: number | null,
  filters: ListFilters,
): Promise<SessionsQuery> {
  return filtered(source, organiserId, filters, filters.du ? await earliestStartFor(source, filters.du) : null);
}

type SortColumn = "s.start_date" | "s.title_search" | "s.certification_code" | "s.id";
type Direction = "asc" | "desc";

/** Each sort as its ordered columns; the last is the id, so that the order is total. */
export const ORDERS: Record<SortKey, [SortColumn, Direction][]> = {
  date_desc: [
    ["s.start_date", "desc"],
    ["s.id", "desc"],
  ],
  date_asc: [
    ["s.start_date", "asc"],
    ["s.id", "asc"],
  ],
  intitule_asc: [
    ["s.title_search", "asc"],
    ["s.id", "asc"],
  ],
  intitule_desc: [
    ["s.title_search", "desc"],
    ["s.id", "desc"],
  ],
  brevet_asc: [
    ["s.certification_code", "asc"],
    ["s.start_date", "desc"],
    ["s.id", "desc"],
  ],
  brevet_desc: [
    ["s.certification_code", "desc"],
    ["s.start_date", "desc"],
    ["s.id", "desc"],
  ],
};

const flip = (direction: Direction): Direction => (direction === "asc" ? "desc" : "asc");

/** The query in list order, or in the exact opposite order (`reversed`). */
export function sorted<Q extends { orderBy(column: SortColumn, direction: Direction): Q }>(
  query: Q,
  tri: SortKey,
  reversed = false,
): Q {
  for (const [column, direction] of ORDERS[tri]) query = query.orderBy(column, reversed ? flip(direction) : direction);
  return query;
}

export function withColumns(query: SessionsQuery) {
  return query
    .innerJoin("certifications as c", "c.code", "s.certification_code")
    .innerJoin("organisers as o", "o.id", "s.organiser_id")
    .select([
      "s.id",
      "s.title",
      "s.certification_code",
      "c.name as certification_name",
      "o.name as organiser_name",
      "s.place",
      "s.start_date",
      "s.end_date",
      "s.candidate_count",
      "s.status",
      "s.updated_at",
    ]);
}

/** Rows that come after `last` in the order of `tri` (the order is total: ids break ties). */
export function after(tri: SortKey, last: Record<string, string | number>) {
  return (eb: Sessions): Expression<SqlBool> => {
    // c0 ≤ v0 and (c0 < v0 or (c1 ≤ v1 and (c1 < v1 or …))): the first bound is an index range.
    const from = (i: number): Expression<SqlBool> => {
      const [column, direction] = ORDERS[tri][i];
      const value = last[column.slice(2)];
      const strict = eb(column, direction === "asc" ? ">" : "<", value);
      if (i === ORDERS[tri].length - 1) return strict;
      return eb.and([eb(column, direction === "asc" ? ">=" : "<=", value), eb.or([strict, from(i + 1)])]);
    };
    return from(0);
  };
}

export type SessionRow = Awaited<ReturnType<ReturnType<typeof withColumns>["execute"]>>[number];
