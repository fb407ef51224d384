import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { parisWallClock } from "~/domain/dates";
import { JOURNAL_EXPORT_CAP, JOURNAL_PAGE_SIZE, type JournalFilters } from "./journal-filters";

/** The instant a Paris calendar day begins, as an ISO timestamp (`2026-03-29` → `2026-03-28T23:00:00.000Z`). */
export function parisDayStart(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const utc = Date.UTC(y, m - 1, d);
  const offsetAt = (instant: number) => parisWallClock(new Date(instant)).getTime() - instant;
  let instant = utc - offsetAt(utc);
  instant = utc - offsetAt(instant);
  return new Date(instant).toISOString();
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export interface JournalRow {
  id: number;
  at: string;
  kind: string;
  email: string | null;
  user_id: number | null;
  user_email: string | null;
  user_name: string | null;
  ip: string | null;
  user_agent: string | null;
  details: string | null;
}

function filtered(db: Kysely<Database>, filters: JournalFilters) {
  let query = db.selectFrom("security_journal as j");
  if (filters.evenement) query = query.where("j.kind", "=", filters.evenement);
  if (filters.email) {
    // The address or its beginning (addresses are kept in lower case): a range of the index on
    // (email, at), the same on both dialects (binary order; PostgreSQL created with the C collation).
    const last = filters.email.length - 1;
    const after = filters.email.slice(0, last) + String.fromCharCode(filters.email.charCodeAt(last) + 1);
    query = query.where("j.email", ">=", filters.email).where("j.email", "<", after);
  }
  if (filters.du) query = query.where("j.at", ">=", parisDayStart(filters.du));
  if (filters.au) query = query.where("j.at", "<", parisDayStart(nextDay(filters.au)));
  return query;
}

type Journal = ReturnType<typeof filtered>;

/** The rows of `journal` with the account they name, newest first. */
function withUser(journal: Journal) {
  return journal
    .leftJoin("users as u", "u.id", "j.user_id")
    .select([
      "j.id",
      "j.at",
      "j.kind",
      "j.email",
      "j.user_id",
      "u.email as user_email",
      "u.name as user_name",
      "j.ip",
      "j.user_agent",
      "j.details",
    ])
    .orderBy("j.at", "desc")
    .orderBy("j.id", "desc");
}

/**
 * One page of the journal, newest first. A page past the end gives the last one (`pastEnd`), as
 * the sessions list does. The page's ids are found first, in an index alone ((at, id), (kind, at)
 * or (email, at): the rows they skip are never read), then only those 50 rows are read: a deep
 * page costs what stepping over index entries costs, not over whole rows.
 */
export async function readJournalPage(db: Kysely<Database>, filters: JournalFilters) {
  const total = Number(
    (
      await filtered(db, filters)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const pageCount = Math.max(1, Math.ceil(total / JOURNAL_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const ids = filtered(db, filters)
    .select("j.id")
    .orderBy("j.at", "desc")
    .orderBy("j.id", "desc")
    .limit(JOURNAL_PAGE_SIZE)
    .offset((page - 1) * JOURNAL_PAGE_SIZE);
  const rows: JournalRow[] = await withUser(db.selectFrom("security_journal as j").where("j.id", "in", ids)).execute();
  return { rows, total, page, pageCount, pastEnd: filters.page > pageCount };
}

/**
 * Every row of the filtered journal, newest first, read in batches (keyset on `at`, `id`) so that an
 * export never holds the whole journal in memory; at most `cap` rows.
 */
export async function* journalRows(
  db: Kysely<Database>,
  filters: JournalFilters,
  cap = JOURNAL_EXPORT_CAP,
  batch = 1_000,
): AsyncGenerator<JournalRow> {
  let after: { at: string; id: number } | null = null;
  let given = 0;
  while (given < cap) {
    let query = withUser(filtered(db, filters));
    if (after) {
      const { at, id } = after;
      // A row value: the index on (at, id) starts right after the last row given.
      query = query.where((eb) => eb(eb.refTuple("j.at", "j.id"), "<", eb.tuple(at, id)));
    }
    const rows: JournalRow[] = await query.limit(Math.min(batch, cap - given)).execute();
    for (const row of rows) yield row;
    given += rows.length;
    if (rows.length < batch) return;
    after = { at: rows[rows.length - 1].at, id: rows[rows.length - 1].id };
  }
}

/** Describes the filters of an export in the journal row that records it. */
export function describeJournalFilters(filters: JournalFilters): string {
  const parts = [
    filters.evenement ? `événement ${filters.evenement}` : null,
    filters.email ? `e-mail commençant par « ${filters.email} »` : null,
    filters.du ? `du ${filters.du}` : null,
    filters.au ? `au ${filters.au}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "aucun filtre";
}
