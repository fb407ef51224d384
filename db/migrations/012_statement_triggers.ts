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
    declare sid integer; n bigint;
    begin
      -- Session by session, through the primary key (see refuse_closed_marks_… below).
      for sid, n in select session_id, count(*) from new_rows group by session_id loop
        update exam_sessions set candidate_count = candidate_count + n where id = sid;
      end loop;
      return null;
    end $$`.execute(db);
  await sql`
    create function count_candidates_removed() returns trigger language plpgsql as $$
    declare sid integer; n bigint;
    begin
      -- Session by session, through the primary key (see refuse_closed_marks_… below).
      for sid, n in select session_id, count(*) from old_rows group by session_id loop
        update exam_sessions set candidate_count = candidate_count - n where id = sid;
      end loop;
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
