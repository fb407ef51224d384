import type { TemplateSpec } from "~/excel/spec";
import { buildTemplateFile } from "~/sessions/export.server";
import { db } from "~/utils/db.server";

/** Sizes of the blank templates already built, by template and list of brevets offered. */
const sizes = new Map<string, Promise<number>>();
const MAX_KEPT = 200;

/**
 * The size in bytes of the file `/modeles/<slug>.xlsx` sends for these brevets (the same build as
 * the download), built once per template and list of brevets.
 */
export function templateFileSize(spec: TemplateSpec, allowed: ReadonlySet<string> | null): Promise<number> {
  const key = `${spec.slug}|${spec.version}|${allowed ? [...allowed].sort().join(",") : "*"}`;
  let size = sizes.get(key);
  if (!size) {
    if (sizes.size >= MAX_KEPT) sizes.clear();
    size = buildTemplateFile(db, spec, allowed).then((file) => file.body.byteLength);
    size.catch(() => sizes.delete(key));
    sizes.set(key, size);
  }
  return size;
}

/** The template ids (`certifications.template`) of the brevets in `allowed` (every examinable one when null). */
export async function templatesInUse(allowed: ReadonlySet<string> | null): Promise<Set<string>> {
  const rows = await db.selectFrom("certifications").select(["code", "template"]).where("examinable", "=", 1).execute();
  return new Set(rows.filter((r) => allowed === null || allowed.has(r.code)).map((r) => String(r.template)));
}
