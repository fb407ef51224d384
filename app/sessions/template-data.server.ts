/**
 * The reference data a template is resolved with, read from the database given as argument
 * (the app's, or a test's freshly migrated one). The workbook format itself is app/excel.
 */
import type { Grid } from "~/domain/grid";
import type { ListOption, TemplateData, TemplateSpec } from "~/excel/spec";
import { templateById } from "~/excel/templates";
import { loadGridByCode } from "./reference.server";
import type { Source } from "./source";

/** The codes of the equivalences table, as dropdown options. */
export async function loadEquivalenceOptions(source: Source): Promise<ListOption[]> {
  const rows = await source.selectFrom("equivalences").select("code").orderBy("code").execute();
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
export async function loadBrevetOptions(
  source: Source,
  spec: TemplateSpec,
  choice: BrevetChoice,
): Promise<ListOption[]> {
  const rows = await source
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
export async function loadTemplateGrid(source: Source, spec: TemplateSpec): Promise<Grid | null> {
  if (!spec.graded) return null;
  const rows = await source
    .selectFrom("certifications")
    .select("grid_code")
    .distinct()
    .where("template", "=", spec.id)
    .where("grid_code", "is not", null)
    .execute();
  if (rows.length !== 1) throw new Error(`Template ${spec.slug}: expected one exam grid, found ${rows.length}.`);
  return loadGridByCode(source, rows[0].grid_code!);
}

export async function loadTemplateData(
  source: Source,
  spec: TemplateSpec,
  choice: BrevetChoice,
  grid?: Grid | null,
): Promise<TemplateData> {
  const [certifications, equivalences, templateGrid] = await Promise.all([
    loadBrevetOptions(source, spec, choice),
    loadEquivalenceOptions(source),
    grid === undefined ? loadTemplateGrid(source, spec) : Promise.resolve(grid),
  ]);
  return { certifications, equivalences, grid: templateGrid };
}

/** The template of a session's brevet. */
export async function templateForSession(source: Source, sessionId: number): Promise<TemplateSpec> {
  const row = await source
    .selectFrom("exam_sessions as s")
    .innerJoin("certifications as c", "c.code", "s.certification_code")
    .select("c.template")
    .where("s.id", "=", sessionId)
    .executeTakeFirstOrThrow();
  return templateById(row.template);
}

/** The template of a brevet (`certifications.template`), or null for an unknown code. */
export async function templateForCertification(source: Source, code: string): Promise<TemplateSpec | null> {
  const row = await source.selectFrom("certifications").select("template").where("code", "=", code).executeTakeFirst();
  return row ? templateById(row.template) : null;
}
