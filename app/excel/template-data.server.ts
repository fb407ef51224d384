/**
 * The reference data a template is resolved with, and a session's content for an export, read
 * from the database given as argument (the app's, or a test's freshly migrated one).
 */
import type { DB } from "../../db/connection";
import type { ExportedSession, ListOption, MarkValue, TemplateData, TemplateGrid, TemplateSpec } from "./spec";
import { templateById } from "./templates";

/** An exam grid with its tests and groups: by id, or the latest version of a code (or a given version). */
export async function loadGrid(db: DB, where: { id: number } | { code: string; version?: number }): Promise<TemplateGrid | null> {
  let query = db.selectFrom("exam_grids").selectAll();
  if ("id" in where) query = query.where("id", "=", where.id);
  else {
    query = query.where("code", "=", where.code);
    if (where.version !== undefined) query = query.where("version", "=", where.version);
  }
  const grid = await query.orderBy("version", "desc").limit(1).executeTakeFirst();
  if (!grid) return null;
  const [tests, groups, members] = await Promise.all([
    db.selectFrom("grid_tests").selectAll().where("grid_id", "=", grid.id).orderBy("sort_order").execute(),
    db.selectFrom("grid_groups").selectAll().where("grid_id", "=", grid.id).orderBy("sort_order").execute(),
    db
      .selectFrom("grid_group_tests as gt")
      .innerJoin("grid_groups as g", "g.id", "gt.group_id")
      .innerJoin("grid_tests as t", "t.id", "gt.test_id")
      .select(["g.code as group_code", "t.code as test_code", "t.sort_order"])
      .where("g.grid_id", "=", grid.id)
      .orderBy("t.sort_order")
      .execute(),
  ]);
  return {
    id: grid.id,
    code: grid.code,
    version: grid.version,
    label: grid.label,
    maxTotal: grid.max_total,
    passTotal: grid.pass_total,
    eliminatoryBelow: grid.eliminatory_below,
    tests: tests.map((t) => ({
      id: t.id,
      code: t.code,
      label: t.label,
      coefficient: t.coefficient,
      kind: t.kind,
      eliminatoryBelow: t.eliminatory_below,
    })),
    groups: groups.map((g) => ({
      code: g.code,
      label: g.label,
      minPoints: g.min_points,
      maxPoints: g.max_points,
      testCodes: members.filter((m) => m.group_code === g.code).map((m) => m.test_code),
    })),
  };
}

/** The codes of the equivalences table, as dropdown options. */
export async function loadEquivalenceOptions(db: DB): Promise<ListOption[]> {
  const rows = await db.selectFrom("equivalences").select("code").orderBy("code").execute();
  return rows.map((r) => ({ label: r.code, code: r.code }));
}

export interface BrevetChoice {
  /**
   * Certification codes the organiser may organise (`organisableCertifications`); null for
   * the administrator acting without scope. Used by templates whose `brevets` is `organiser`.
   */
  allowed: ReadonlySet<string> | null;
  /** A certification to offer in any case (an exported session's own brevet). */
  include?: string;
}

/**
 * The "Brevet passé" options of a template: the examinable certifications whose template it
 * is, in catalogue order, narrowed to what the organiser may organise when the template says
 * so. When the organiser may organise none of them, every one is offered (the import will say
 * which is refused) rather than an empty dropdown.
 */
export async function loadBrevetOptions(db: DB, spec: TemplateSpec, choice: BrevetChoice): Promise<ListOption[]> {
  const rows = await db
    .selectFrom("certifications")
    .select(["code", "name"])
    .where((eb) =>
      eb.or([
        eb.and([eb("template", "=", spec.id), eb("examinable", "=", 1)]),
        ...(choice.include ? [eb("code", "=", choice.include)] : []),
      ]),
    )
    .orderBy("sort_order")
    .execute();
  let offered = rows;
  if (spec.brevets === "organiser" && choice.allowed) {
    const narrowed = rows.filter((r) => choice.allowed!.has(r.code) || r.code === choice.include);
    if (narrowed.some((r) => r.code !== choice.include)) offered = narrowed;
  }
  return offered.map((r) => ({ label: r.name, code: r.code }));
}

/** The grid a graded template's brevet is marked on (latest version), or null for others. */
export async function loadTemplateGrid(db: DB, spec: TemplateSpec): Promise<TemplateGrid | null> {
  if (!spec.graded) return null;
  const rows = await db
    .selectFrom("certifications")
    .select("grid_code")
    .distinct()
    .where("template", "=", spec.id)
    .where("grid_code", "is not", null)
    .execute();
  if (rows.length !== 1) throw new Error(`Template ${spec.slug}: expected one exam grid, found ${rows.length}.`);
  return loadGrid(db, { code: rows[0].grid_code! });
}

export async function loadTemplateData(
  db: DB,
  spec: TemplateSpec,
  choice: BrevetChoice,
  grid?: TemplateGrid | null,
): Promise<TemplateData> {
  const [certifications, equivalences, templateGrid] = await Promise.all([
    loadBrevetOptions(db, spec, choice),
    loadEquivalenceOptions(db),
    grid === undefined ? loadTemplateGrid(db, spec) : Promise.resolve(grid),
  ]);
  return { certifications, equivalences, grid: templateGrid };
}

/** The template of a brevet (`certifications.template`), or null for an unknown code. */
export async function templateForCertification(db: DB, code: string): Promise<TemplateSpec | null> {
  const row = await db.selectFrom("certifications").select("template").where("code", "=", code).executeTakeFirst();
  return row ? templateById(row.template) : null;
}

const ROLE_ORDER = { president: 0, delegue: 1, membre: 2 } as const;

/** A session as an export writes it, with its template and grid; null when it does not exist. */
export async function loadExportedSession(
  db: DB,
  sessionId: number,
): Promise<{ session: ExportedSession; spec: TemplateSpec; grid: TemplateGrid | null; organiserId: number } | null> {
  const row = await db
    .selectFrom("exam_sessions as s")
    .innerJoin("certifications as c", "c.code", "s.certification_code")
    .select([
      "s.id",
      "s.version",
      "s.title",
      "s.status",
      "s.organiser_id",
      "s.certification_code",
      "s.place",
      "s.start_date",
      "s.end_date",
      "s.grid_id",
      "c.template",
    ])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return null;
  const spec = templateById(row.template);

  const [jury, candidates, marks, grid] = await Promise.all([
    db
      .selectFrom("session_jury as j")
      .innerJoin("licensees as l", "l.id", "j.licensee_id")
      .select(["j.role", "l.licence", "l.last_name", "l.first_name", "l.last_name_search", "l.first_name_search"])
      .where("j.session_id", "=", sessionId)
      .execute(),
    db
      .selectFrom("session_candidates as c")
      .innerJoin("licensees as l", "l.id", "c.licensee_id")
      .select(["c.id", "c.equivalence_code", "l.licence", "l.last_name", "l.first_name", "l.birth_date"])
      .where("c.session_id", "=", sessionId)
      .orderBy("l.last_name_search")
      .orderBy("l.first_name_search")
      .orderBy("l.licence")
      .execute(),
    db
      .selectFrom("marks as m")
      .innerJoin("session_candidates as c", "c.id", "m.candidate_id")
      .innerJoin("grid_tests as t", "t.id", "m.test_id")
      .select(["m.candidate_id", "t.code", "m.value", "m.code as mark_code"])
      .where("c.session_id", "=", sessionId)
      .execute(),
    !spec.graded
      ? Promise.resolve(null)
      : row.grid_id !== null
        ? loadGrid(db, { id: row.grid_id })
        : loadTemplateGrid(db, spec),
  ]);

  const marksByCandidate = new Map<number, Record<string, MarkValue>>();
  for (const m of marks) {
    const entry = marksByCandidate.get(m.candidate_id) ?? {};
    entry[m.code] = { value: m.value, code: m.mark_code };
    marksByCandidate.set(m.candidate_id, entry);
  }
  jury.sort(
    (a, b) =>
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      a.last_name_search.localeCompare(b.last_name_search) ||
      a.first_name_search.localeCompare(b.first_name_search),
  );

  return {
    spec,
    grid,
    organiserId: row.organiser_id,
    session: {
      id: row.id,
      revision: row.version,
      title: row.title,
      status: row.status,
      certificationCode: row.certification_code,
      place: row.place,
      startDate: row.start_date,
      endDate: row.end_date,
      jury: jury.map((j) => ({ role: j.role, licence: j.licence, lastName: j.last_name, firstName: j.first_name })),
      candidates: candidates.map((c) => ({
        licence: c.licence,
        lastName: c.last_name,
        firstName: c.first_name,
        birthDate: c.birth_date,
        equivalence: c.equivalence_code,
        marks: marksByCandidate.get(c.id) ?? {},
      })),
    },
  };
}
