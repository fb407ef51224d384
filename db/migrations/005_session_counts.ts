/**
 * How many sessions an organiser has, per brevet and status, kept up to date by the database.
 *
 * The list shows its total on every page. Without a text or date filter that total is a count of
 * the scope's sessions, perhaps of one brevet or one status: for the largest club 27,000 index
 * entries read on every page (1.4 ms), for the administrator 1,000,000 (4.8 ms) — the largest
 * part of what most pages cost in queries (bench/README.md, round 3). Here each such count is
 * one row, read by its key.
 *
 * `session_counts` holds, for every session, the eight rows its (organiser, brevet, status)
 * falls in: the organiser's or every organiser's (`organiser_id` 0), the brevet's or every
 * brevet's (`certification_code` ''), the status's or both (`status` ''). Triggers add one to
 * each when a session is created, move them when its organiser, brevet or status changes (a
 * draft closed), take one off when it is deleted; a row that falls to zero is removed. Every
 * change of `exam_sessions` goes through them, whatever wrote it (the app, an import, the world
 * loader); `bench/scale.ts`, which loads without triggers, rebuilds the table with
 * `rebuildSessionCounts`.
 */
import { sql, type Kysely } from "kysely";
import { dialectOf } from "../dialect";

/** The eight (organiser, brevet, status) keys one session counts in, from its row `r`. */
const keysOf = (r: "new" | "old") => `
  (select ${r}.organiser_id as organiser_id union all select 0) as o
  cross join (select ${r}.certification_code as certification_code union all select '') as c
  cross join (select ${r}.status as status union all select '') as st`;

const addRows = (r: "new" | "old") => `
  insert into session_counts (organiser_id, certification_code, status, n)
  select o.organiser_id, c.certification_code, st.status, 1 from ${keysOf(r)} where true
  on conflict (organiser_id, certification_code, status) do update set n = session_counts.n + 1;`;

const removeRows = (r: "new" | "old") => `
  update session_counts set n = n - 1
   where organiser_id in (${r}.organiser_id, 0)
     and certification_code in (${r}.certification_code, '')
     and status in (${r}.status, '');
  delete from session_counts
   where n = 0 and organiser_id in (${r}.organiser_id, 0)
     and certification_code in (${r}.certification_code, '')
     and status in (${r}.status, '');`;

/**
 * The statements that fill `session_counts` from `exam_sessions` (after a load that bypassed the
 * triggers): the eight groupings, each a plain GROUP BY (a key left out is written as 0 or '').
 */
export function sessionCountsRebuild(): string[] {
  const statements = ["delete from session_counts"];
  for (const organiser of ["organiser_id", "0"]) {
    for (const brevet of ["certification_code", "''"]) {
      for (const status of ["status", "''"]) {
        const grouped = [organiser, brevet, status].filter((c) => /^[a-z_]+$/.test(c));
        statements.push(
          `insert into session_counts (organiser_id, certification_code, status, n)
           select ${organiser}, ${brevet}, ${status}, count(*) from exam_sessions
           ${grouped.length > 0 ? `group by ${grouped.join(", ")}` : "having count(*) > 0"}`,
        );
      }
    }
  }
  return statements;
}

export async function rebuildSessionCounts(db: Kysely<any>): Promise<void> {
  for (const statement of sessionCountsRebuild()) await sql.raw(statement).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("session_counts")
    .addColumn("organiser_id", "integer", (c) => c.notNull())
    .addColumn("certification_code", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("session_counts_pk", ["organiser_id", "certification_code", "status"])
    .execute();

  if (dialectOf(db) === "postgres") {
    await sql
      .raw(
        `create function count_sessions() returns trigger language plpgsql as $$
         begin
           if tg_op in ('UPDATE', 'DELETE') then
             ${removeRows("old")}
           end if;
           if tg_op in ('INSERT', 'UPDATE') then
             ${addRows("new")}
           end if;
           return null;
         end $$`,
      )
      .execute(db);
    await sql`create trigger exam_sessions_count after insert or delete or update of organiser_id, certification_code, status
      on exam_sessions for each row execute function count_sessions()`.execute(db);
  } else {
    const moved = `old.organiser_id is not new.organiser_id or old.certification_code is not new.certification_code
      or old.status is not new.status`;
    for (const statement of [
      `create trigger exam_sessions_count_insert after insert on exam_sessions begin ${addRows("new")} end`,
      `create trigger exam_sessions_count_delete after delete on exam_sessions begin ${removeRows("old")} end`,
      `create trigger exam_sessions_count_update after update of organiser_id, certification_code, status on exam_sessions
         when ${moved} begin ${removeRows("old")} ${addRows("new")} end`,
    ]) {
      await sql.raw(statement).execute(db);
    }
  }
  await rebuildSessionCounts(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === "postgres") {
    await sql`drop trigger exam_sessions_count on exam_sessions`.execute(db);
    await sql`drop function count_sessions()`.execute(db);
  } else {
    for (const name of ["exam_sessions_count_insert", "exam_sessions_count_delete", "exam_sessions_count_update"]) {
      await sql.raw(`drop trigger ${name}`).execute(db);
    }
  }
  await db.schema.dropTable("session_counts").execute();
}
