import { sql, type Kysely } from "kysely";
import { addIdColumn as withId, dialectOf, floatType } from "../dialect";

export async function up(db: Kysely<unknown>): Promise<void> {
  const real = floatType(db);
  await db.schema
    .createTable("structures")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('CLUB', 'SCA', 'CODEP', 'REGION', 'NATIONAL')`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_search", "text", (c) => c.notNull())
    .addColumn("parent_code", "text", (c) => c.references("structures.code"))
    .execute();
  await db.schema.createIndex("structures_parent").on("structures").column("parent_code").execute();

  await db.schema
    .createTable("commissions")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("organisers"))
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("structure_code", "text", (c) => c.notNull().references("structures.code"))
    .addColumn("commission_code", "text", (c) => c.references("commissions.code"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_search", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("organisers_structure")
    .on("organisers")
    .columns(["structure_code", "commission_code"])
    .execute();
  await db.schema.createIndex("organisers_name_search").on("organisers").column("name_search").execute();

  await withId(db, db.schema.createTable("licensees"))
    .addColumn("licence", "text", (c) => c.notNull().unique())
    .addColumn("licence_compact", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name_search", "text", (c) => c.notNull())
    .addColumn("first_name_search", "text", (c) => c.notNull())
    .addColumn("birth_date", "text", (c) => c.notNull())
    .addColumn("structure_code", "text", (c) => c.notNull().references("structures.code"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("licensees_licence_compact").on("licensees").column("licence_compact").execute();
  await db.schema
    .createIndex("licensees_names")
    .on("licensees")
    .columns(["last_name_search", "first_name_search"])
    .execute();
  await db.schema.createIndex("licensees_first_name").on("licensees").column("first_name_search").execute();
  await db.schema.createIndex("licensees_structure").on("licensees").column("structure_code").execute();

  await withId(db, db.schema.createTable("licences"))
    .addColumn("licensee_id", "integer", (c) => c.notNull().references("licensees.id").onDelete("cascade"))
    .addColumn("season", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('validee', 'en_attente')`))
    .addUniqueConstraint("licences_licensee_season", ["licensee_id", "season"])
    .execute();

  await db.schema
    .createTable("certifications")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("commission_code", "text", (c) => c.notNull().references("commissions.code"))
    .addColumn("min_age", "integer")
    .addColumn("max_age", "integer")
    .addColumn("age_reference", "text", (c) =>
      c
        .notNull()
        .defaultTo("session_start")
        .check(sql`age_reference in ('session_start', 'year_start')`),
    )
    .addColumn("jury_prerogative", "text")
    .addColumn("grid_code", "text")
    .addColumn("template", "text", (c) =>
      c.notNull().check(sql`template in ('sans-note', 'initiateur', 'mf1', 'niveau-4', 'anteor')`),
    )
    .addColumn("equivalence_only", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("examinable", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("certification_organiser_levels")
    .addColumn("certification_code", "text", (c) => c.notNull().references("certifications.code"))
    .addColumn("level", "text", (c) => c.notNull().check(sql`level in ('CLUB', 'CODEP', 'REGION', 'NATIONAL')`))
    .addPrimaryKeyConstraint("certification_organiser_levels_pk", ["certification_code", "level"])
    .execute();

  await db.schema
    .createTable("certification_prerequisites")
    .addColumn("certification_code", "text", (c) => c.notNull().references("certifications.code"))
    .addColumn("group_no", "integer", (c) => c.notNull())
    .addColumn("prerequisite_code", "text", (c) => c.notNull().references("certifications.code"))
    .addPrimaryKeyConstraint("certification_prerequisites_pk", ["certification_code", "group_no", "prerequisite_code"])
    .execute();

  await db.schema
    .createTable("prerogatives")
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("certification_code", "text", (c) => c.notNull().references("certifications.code"))
    .addPrimaryKeyConstraint("prerogatives_pk", ["code", "certification_code"])
    .execute();

  await db.schema
    .createTable("equivalences")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("certification_code", "text", (c) => c.notNull().references("certifications.code"))
    .execute();

  await db.schema
    .createTable("certification_equivalences")
    .addColumn("certification_code", "text", (c) => c.notNull().references("certifications.code"))
    .addColumn("equivalence_code", "text", (c) => c.notNull().references("equivalences.code"))
    .addPrimaryKeyConstraint("certification_equivalences_pk", ["certification_code", "equivalence_code"])
    .execute();

  await withId(db, db.schema.createTable("exam_grids"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("max_total", real, (c) => c.notNull())
    .addColumn("pass_total", real, (c) => c.notNull())
    .addColumn("eliminatory_below", real, (c) => c.notNull())
    .addColumn("rules_json", "text")
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addUniqueConstraint("exam_grids_code_version", ["code", "version"])
    .execute();

  await withId(db, db.schema.createTable("grid_tests"))
    .addColumn("grid_id", "integer", (c) => c.notNull().references("exam_grids.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("coefficient", real, (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('mark', 'done')`))
    .addColumn("eliminatory_below", real)
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addUniqueConstraint("grid_tests_grid_code", ["grid_id", "code"])
    .execute();

  await withId(db, db.schema.createTable("grid_groups"))
    .addColumn("grid_id", "integer", (c) => c.notNull().references("exam_grids.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("min_points", real, (c) => c.notNull())
    .addColumn("max_points", real, (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addUniqueConstraint("grid_groups_grid_code", ["grid_id", "code"])
    .execute();

  await db.schema
    .createTable("grid_group_tests")
    .addColumn("group_id", "integer", (c) => c.notNull().references("grid_groups.id"))
    .addColumn("test_id", "integer", (c) => c.notNull().references("grid_tests.id"))
    .addPrimaryKeyConstraint("grid_group_tests_pk", ["group_id", "test_id"])
    .execute();

  await withId(db, db.schema.createTable("users"))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("is_admin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("licensee_id", "integer", (c) => c.references("licensees.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("user_scopes")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("organiser_id", "integer", (c) => c.notNull().references("organisers.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('gestionnaire', 'lecteur')`))
    .addPrimaryKeyConstraint("user_scopes_pk", ["user_id", "organiser_id"])
    .execute();

  await db.schema
    .createTable("login_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("current_organiser_id", "integer", (c) => c.references("organisers.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_sessions_user").on("login_sessions").column("user_id").execute();

  await withId(db, db.schema.createTable("exam_sessions"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("title_search", "text", (c) => c.notNull())
    .addColumn("organiser_id", "integer", (c) => c.notNull().references("organisers.id"))
    .addColumn("certification_code", "text", (c) => c.notNull().references("certifications.code"))
    .addColumn("grid_id", "integer", (c) => c.references("exam_grids.id"))
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("place_search", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft', 'closed')`),
    )
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("candidate_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("closed_by", "integer", (c) => c.references("users.id"))
    .addColumn("closed_at", "text")
    .execute();
  await db.schema
    .createIndex("exam_sessions_organiser_start")
    .on("exam_sessions")
    .columns(["organiser_id", "start_date", "id"])
    .execute();
  await db.schema
    .createIndex("exam_sessions_organiser_status_start")
    .on("exam_sessions")
    .columns(["organiser_id", "status", "start_date"])
    .execute();
  await db.schema
    .createIndex("exam_sessions_organiser_certification_start")
    .on("exam_sessions")
    .columns(["organiser_id", "certification_code", "start_date"])
    .execute();
  await db.schema.createIndex("exam_sessions_start").on("exam_sessions").columns(["start_date", "id"]).execute();

  await withId(db, db.schema.createTable("session_candidates"))
    .addColumn("session_id", "integer", (c) => c.notNull().references("exam_sessions.id").onDelete("cascade"))
    .addColumn("licensee_id", "integer", (c) => c.notNull().references("licensees.id"))
    .addColumn("equivalence_code", "text")
    .addColumn("result", "text", (c) => c.check(sql`result in ('admis', 'ajourne')`))
    .addColumn("result_reasons", "text")
    .addUniqueConstraint("session_candidates_session_licensee", ["session_id", "licensee_id"])
    .execute();
  await db.schema.createIndex("session_candidates_licensee").on("session_candidates").column("licensee_id").execute();

  await withId(db, db.schema.createTable("session_jury"))
    .addColumn("session_id", "integer", (c) => c.notNull().references("exam_sessions.id").onDelete("cascade"))
    .addColumn("licensee_id", "integer", (c) => c.notNull().references("licensees.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('president', 'delegue', 'membre')`))
    .addUniqueConstraint("session_jury_session_licensee", ["session_id", "licensee_id"])
    .execute();
  await db.schema.createIndex("session_jury_licensee").on("session_jury").column("licensee_id").execute();

  await withId(db, db.schema.createTable("marks"))
    .addColumn("candidate_id", "integer", (c) => c.notNull().references("session_candidates.id").onDelete("cascade"))
    .addColumn("test_id", "integer", (c) => c.notNull().references("grid_tests.id"))
    .addColumn("value", real)
    .addColumn("code", "text", (c) => c.check(sql`code in ('NP', 'NF', 'FAIT', 'NON_FAIT')`))
    .addUniqueConstraint("marks_candidate_test", ["candidate_id", "test_id"])
    .execute();

  await withId(db, db.schema.createTable("certifications_held"))
    .addColumn("licensee_id", "integer", (c) => c.notNull().references("licensees.id").onDelete("cascade"))
    .addColumn("certification_code", "text", (c) => c.notNull().references("certifications.code"))
    .addColumn("obtained_on", "text", (c) => c.notNull())
    .addColumn("session_id", "integer", (c) => c.references("exam_sessions.id"))
    .addColumn("certificate_number", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("certifications_held_licensee_certification", ["licensee_id", "certification_code"])
    .execute();
  await db.schema.createIndex("certifications_held_session").on("certifications_held").column("session_id").execute();

  await withId(db, db.schema.createTable("authorisations"))
    .addColumn("licensee_id", "integer", (c) => c.notNull().references("licensees.id").onDelete("cascade"))
    .addColumn("organiser_id", "integer", (c) => c.notNull().references("organisers.id"))
    .addColumn("given_at", "text")
    .addUniqueConstraint("authorisations_licensee_organiser", ["licensee_id", "organiser_id"])
    .execute();
  await db.schema.createIndex("authorisations_organiser").on("authorisations").column("organiser_id").execute();

  await withId(db, db.schema.createTable("audit_log"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("session_id", "integer")
    .addColumn("licensee_id", "integer")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("details", "text")
    .execute();
  await db.schema.createIndex("audit_log_session").on("audit_log").columns(["session_id", "at"]).execute();
  await db.schema.createIndex("audit_log_licensee").on("audit_log").columns(["licensee_id", "at"]).execute();

  await createTriggers(db);
}

/**
 * A closed session is read only for good. The closing transaction writes results and awards
 * while the session is still a draft, then flips the status; after that, every insert, update
 * or delete on the session, its candidates, jury or marks is refused by the database itself.
 * The error text `SESSION_CLOSED` is recognised by the application (app/utils/db.server.ts).
 */
async function createTriggers(db: Kysely<unknown>) {
  if (dialectOf(db) === "postgres") {
    await sql`
      create function refuse_closed_session() returns trigger language plpgsql as $$
      declare sid integer;
      begin
        if tg_table_name = 'exam_sessions' then
          if old.status = 'closed' then raise exception 'SESSION_CLOSED'; end if;
        else
          if tg_table_name = 'marks' then
            select c.session_id into sid from session_candidates c
              where c.id = case when tg_op = 'INSERT' then new.candidate_id else old.candidate_id end;
          else
            sid := case when tg_op = 'INSERT' then new.session_id else old.session_id end;
          end if;
          if exists (select 1 from exam_sessions s where s.id = sid and s.status = 'closed') then
            raise exception 'SESSION_CLOSED';
          end if;
          if tg_op = 'UPDATE' and tg_table_name <> 'marks' and exists (
            select 1 from exam_sessions s where s.id = new.session_id and s.status = 'closed') then
            raise exception 'SESSION_CLOSED';
          end if;
        end if;
        if tg_op = 'DELETE' then return old; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger exam_sessions_closed before update or delete on exam_sessions
      for each row execute function refuse_closed_session()`.execute(db);
    for (const table of ["session_candidates", "session_jury", "marks"]) {
      await sql`create trigger ${sql.raw(table)}_closed before insert or update or delete on ${sql.raw(table)}
        for each row execute function refuse_closed_session()`.execute(db);
    }
    // The list shows a candidate count per session without counting 3,000,000 rows.
    await sql`
      create function count_candidates() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          update exam_sessions set candidate_count = candidate_count + 1 where id = new.session_id;
        else
          update exam_sessions set candidate_count = candidate_count - 1 where id = old.session_id;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger session_candidates_count after insert or delete on session_candidates
      for each row execute function count_candidates()`.execute(db);
    return;
  }

  const closed = (sessionIdExpr: string) => `(select status from exam_sessions where id = ${sessionIdExpr}) = 'closed'`;
  const statements = [
    `create trigger exam_sessions_closed_update before update on exam_sessions
       when old.status = 'closed' begin select raise(abort, 'SESSION_CLOSED'); end`,
    `create trigger exam_sessions_closed_delete before delete on exam_sessions
       when old.status = 'closed' begin select raise(abort, 'SESSION_CLOSED'); end`,
  ];
  for (const table of ["session_candidates", "session_jury"]) {
    statements.push(
      `create trigger ${table}_closed_insert before insert on ${table}
         when ${closed("new.session_id")} begin select raise(abort, 'SESSION_CLOSED'); end`,
      `create trigger ${table}_closed_update before update on ${table}
         when ${closed("old.session_id")} or ${closed("new.session_id")}
         begin select raise(abort, 'SESSION_CLOSED'); end`,
      `create trigger ${table}_closed_delete before delete on ${table}
         when ${closed("old.session_id")} begin select raise(abort, 'SESSION_CLOSED'); end`,
    );
  }
  const markSession = (row: string) =>
    closed(`(select session_id from session_candidates where id = ${row}.candidate_id)`);
  statements.push(
    `create trigger marks_closed_insert before insert on marks
       when ${markSession("new")} begin select raise(abort, 'SESSION_CLOSED'); end`,
    `create trigger marks_closed_update before update on marks
       when ${markSession("old")} or ${markSession("new")} begin select raise(abort, 'SESSION_CLOSED'); end`,
    `create trigger marks_closed_delete before delete on marks
       when ${markSession("old")} begin select raise(abort, 'SESSION_CLOSED'); end`,
    // The list shows a candidate count per session without counting 3,000,000 rows.
    `create trigger session_candidates_count_insert after insert on session_candidates
       begin update exam_sessions set candidate_count = candidate_count + 1 where id = new.session_id; end`,
    `create trigger session_candidates_count_delete after delete on session_candidates
       begin update exam_sessions set candidate_count = candidate_count - 1 where id = old.session_id; end`,
  );
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migration 001 cannot be reverted.");
}
