/**
 * PostgreSQL: the trigger function that refuses changes to a closed session (migration 001)
 * named `new.session_id` in an expression also evaluated for `marks`, which has no such column:
 * every write of a mark failed with « record "new" has no field "session_id" ». The function is
 * replaced by one that reads each table's own columns only. Same rule as before, and as
 * SQLite's triggers: nothing of a closed session (the session, its candidates, jury and marks)
 * is inserted, changed or deleted. SQLite: nothing to do.
 */
import { sql, type Kysely } from "kysely";
import { dialectOf } from "../dialect";

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== "postgres") return;
  await sql`
    create or replace function refuse_closed_session() returns trigger language plpgsql as $$
    declare sid integer;
    begin
      if tg_table_name = 'exam_sessions' then
        if old.status = 'closed' then raise exception 'SESSION_CLOSED'; end if;
      elsif tg_table_name = 'marks' then
        if tg_op = 'INSERT' then
          select c.session_id into sid from session_candidates c where c.id = new.candidate_id;
        else
          select c.session_id into sid from session_candidates c where c.id = old.candidate_id;
        end if;
        if exists (select 1 from exam_sessions s where s.id = sid and s.status = 'closed') then
          raise exception 'SESSION_CLOSED';
        end if;
      else
        if tg_op = 'INSERT' then sid := new.session_id; else sid := old.session_id; end if;
        if exists (select 1 from exam_sessions s where s.id = sid and s.status = 'closed') then
          raise exception 'SESSION_CLOSED';
        end if;
        if tg_op = 'UPDATE' then
          if exists (select 1 from exam_sessions s where s.id = new.session_id and s.status = 'closed') then
            raise exception 'SESSION_CLOSED';
          end if;
        end if;
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end $$`.execute(db);
}

export async function down(): Promise<void> {
  // The function of migration 001 refused every write of a mark: not restored.
}
