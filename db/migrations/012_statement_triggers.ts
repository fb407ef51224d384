/**
 * PostgreSQL: the candidate count (migration 001) and the refusal of a closed session's marks
 * (migrations 001, 009) run once per statement instead of once per row.
 *
 * Per row, adding 2,000 candidates updated their session's row 2,000 times in one transaction:
 * PostgreSQL keeps every version of a row until the transaction ends, so each later read of that
 * row (each mark's check of its session's status) stepped through the 2,000 versions, 0.06 ms
 * each: 2 s of a 2,000-row import's 32,000 marks went there (bench/README.md). Per statement,
 * the session's row is updated once per statement (by the number of rows it added or removed),
 * and a statement's marks are checked in one query over the sessions they belong to.
 *
 * Same rules as before, and as SQLite's per-row triggers (SQLite changes a row in place: nothing
 * to do there): `candidate_count` counts a session's candidates; nothing of a closed session's
 * marks is inserted, changed or deleted (`SESSION_CLOSED`). An AFTER trigger that raises undoes
 * its statement, as the BEFORE trigger's refusal did.
 */
import { sql, type Kysely } from "kysely";
import { dialectOf } from "../dialect";

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== "postgres") return;
  await sql`drop trigger session_candidates_count on session_candidates`.execute(db);
  await sql`drop function count_candidates()`.execute(db);
  // Added rows count up, removed rows down.
  for (const [name, rows, sign, event] of [
    ["count_candidates_added", "new_rows", "+", "insert"],
    ["count_candidates_removed", "old_rows", "-", "delete"],
  ] as const) {
    await sql`
      create function ${sql.raw(name)}() returns trigger language plpgsql as $$
      declare sid integer; n bigint;
      begin
        -- Session by session, through the primary key (see refuse_closed_marks_… below).
        for sid, n in select session_id, count(*) from ${sql.raw(rows)} group by session_id loop
          update exam_sessions set candidate_count = candidate_count ${sql.raw(sign)} n where id = sid;
        end loop;
        return null;
      end $$`.execute(db);
    await sql`create trigger ${sql.raw(`session_candidates_count_${event}`)} after ${sql.raw(event)} on session_candidates
      referencing ${sql.raw(rows === "new_rows" ? "new" : "old")} table as ${sql.raw(rows)}
      for each statement execute function ${sql.raw(name)}()`.execute(db);
  }

  await sql`drop trigger marks_closed on marks`.execute(db);
  // One function per transition table: PL/pgSQL prepares a query when it first runs it, and a
  // query naming a transition table the trigger does not have would fail.
  for (const rows of ["new_rows", "old_rows"]) {
    // Each row's session read through the primary key, then each session once: a join would let
    // the planner, which knows nothing of a transition table's size, scan whole tables instead.
    await sql`
      create function ${sql.raw(`refuse_closed_marks_${rows}`)}() returns trigger language plpgsql as $$
      declare sid integer;
      begin
        for sid in select distinct (select c.session_id from session_candidates c where c.id = m.candidate_id)
          from ${sql.raw(rows)} m loop
          if exists (select 1 from exam_sessions s where s.id = sid and s.status = 'closed') then
            raise exception 'SESSION_CLOSED';
          end if;
        end loop;
        return null;
      end $$`.execute(db);
  }
  for (const [trigger, event, rows] of [
    ["marks_closed_insert", "insert", "new_rows"],
    ["marks_closed_update_new", "update", "new_rows"],
    ["marks_closed_update_old", "update", "old_rows"],
    ["marks_closed_delete", "delete", "old_rows"],
  ] as const) {
    await sql`create trigger ${sql.raw(trigger)} after ${sql.raw(event)} on marks
      referencing ${sql.raw(rows === "new_rows" ? "new" : "old")} table as ${sql.raw(rows)}
      for each statement execute function ${sql.raw(`refuse_closed_marks_${rows}`)}()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error("Migration 012 cannot be reverted.");
}
