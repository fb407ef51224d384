/**
 * The administrator's list filtered by brevet together with other filters (bench/README.md,
 * "admin — tous les filtres"): one brevet's sessions in date order, carrying every column the
 * other filters read, so that the count and the page read this index alone (before: one table
 * row per session of the brevet in the period, about 125,000 of 1,000,000, 300–400 ms).
 * The same shape as `exam_sessions_list_organiser` (migration 003), led by the brevet.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("exam_sessions_list_brevet")
    .on("exam_sessions")
    .columns(["certification_code", "start_date", "id", "end_date", "status", "title_search", "place_search"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("exam_sessions_list_brevet").execute();
}
