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
  await sql`
    create function count_candidates_added() returns trigger language plpgsql as $$
    begin
      update exam_sessions s set candidate_count = s.candidate_count + n.added
        from (select session_id, count(*) as added from new_rows group by session_id) n
        where s.id = n.session_id;
      return null;
    end $$`.execute(db);
  await sql`
    create function count_candidates_removed() returns trigger language plpgsql as $$
    begin
      update exam_sessions s set candidate_count = s.candidate_count - n.removed
        from (select session_id, count(*) as removed from old_rows group by session_id) n
        where s.id = n.session_id;
      return null;
    end $$`.execute(db);
  await sql`create trigger session_candidates_count_insert after insert on session_candidates
    referencing new table as new_rows for each statement execute function count_candidates_added()`.execute(db);
  await sql`create trigger session_candidates_count_delete after delete on session_candidates
    referencing old table as old_rows for each statement execute function count_candidates_removed()`.execute(db);

  await sql`drop trigger marks_closed on marks`.execute(db);
  // One function per transition table: PL/pgSQL prepares a query when it first runs it, and a
  // query naming a transition table the trigger does not have would fail.
  for (const rows of ["new_rows", "old_rows"]) {
    await sql`
      create function ${sql.raw(`refuse_closed_marks_${rows}`)}() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from exam_sessions s where s.status = 'closed' and s.id in (
          select c.session_id from ${sql.raw(rows)} m join session_candidates c on c.id = m.candidate_id)) then
          raise exception 'SESSION_CLOSED';
        end if;
        return null;
      end $$`.execute(db);
  }
  await sql`create trigger marks_closed_insert after insert on marks
    referencing new table as new_rows for each statement execute function refuse_closed_marks_new_rows()`.execute(db);
  await sql`create trigger marks_closed_update_new after update on marks
    referencing new table as new_rows for each statement execute function refuse_closed_marks_new_rows()`.execute(db);
  await sql`create trigger marks_closed_update_old after update on marks
    referencing old table as old_rows for each statement execute function refuse_closed_marks_old_rows()`.execute(db);
  await sql`create trigger marks_closed_delete after delete on marks
    referencing old table as old_rows for each statement execute function refuse_closed_marks_old_rows()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migration 012 cannot be reverted.");
}
