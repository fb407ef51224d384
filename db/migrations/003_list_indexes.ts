/**
 * Indexes for the sessions list at federation scale (1,000,000 sessions; see bench/README.md).
 *
 * - `exam_sessions_list_organiser`: one organiser's sessions in date order, carrying every column
 *   the filters read, so that counting and paging with any filter read the index alone, never
 *   the table. It supersedes `exam_sessions_organiser_start` (its prefix), dropped.
 * - `exam_sessions_start_end`: every session in date order, with the end date that "Du" reads;
 *   narrow, so that deep pages of the whole list walk few pages. Supersedes `exam_sessions_start`.
 * - `exam_sessions_status`: the administrator's "Statut" filter, counted and listed in date order.
 * - `…_title`: the intitulé sorts, both ways.
 * - `…_brevet_asc` / `exam_sessions_brevet_desc`: the brevet sorts, brevet one way and date the
 *   other (`brevet_asc` is brevet A → Z, newest first), which one index cannot serve both ways.
 *   For one organiser, the descending sort uses `exam_sessions_organiser_certification_start`
 *   (every SQLite index ends with the row id).
 * - `exam_sessions_length`: the longest session, in days, read in one step; it bounds how long
 *   before "Du" a session that overlaps the range can have started.
 */
import type { Kysely } from "kysely";
import { sessionLengthDays } from "../dialect";

const FILTERED = ["end_date", "status", "certification_code", "title_search", "place_search"];

/** Wider indexes and the narrower ones they supersede: [new, its columns, old, the old one's columns]. */
const WIDENED: [string, string[], string, string[]][] = [
  [
    "exam_sessions_list_organiser",
    ["organiser_id", "start_date", "id", ...FILTERED],
    "exam_sessions_organiser_start",
    ["organiser_id", "start_date", "id"],
  ],
  ["exam_sessions_start_end", ["start_date", "id", "end_date"], "exam_sessions_start", ["start_date", "id"]],
];

/** The new indexes on columns, in the order they are made. */
const ADDED: [string, string[]][] = [
  ["exam_sessions_status", ["status", "start_date", "id"]],
  ["exam_sessions_organiser_title", ["organiser_id", "title_search", "id"]],
  ["exam_sessions_title", ["title_search", "id"]],
  ["exam_sessions_organiser_brevet_asc", ["organiser_id", "certification_code", "start_date desc", "id desc"]],
  ["exam_sessions_brevet_asc", ["certification_code", "start_date desc", "id desc"]],
  ["exam_sessions_brevet_desc", ["certification_code", "start_date", "id"]],
];

function createIndex(db: Kysely<unknown>, name: string, columns: string[]) {
  return db.schema.createIndex(name).on("exam_sessions").columns(columns).execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns, old] of WIDENED) {
    await createIndex(db, name, columns);
    await db.schema.dropIndex(old).execute();
  }
  for (const [name, columns] of ADDED) await createIndex(db, name, columns);
  await db.schema.createIndex("exam_sessions_length").on("exam_sessions").expression(sessionLengthDays(db)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("exam_sessions_length").execute();
  for (const [name] of [...ADDED].reverse()) await db.schema.dropIndex(name).execute();
  for (const [name, , old, oldColumns] of [...WIDENED].reverse()) {
    await createIndex(db, old, oldColumns);
    await db.schema.dropIndex(name).execute();
  }
}
