/**
 * What the routes call: a blank template for a scope, a session exported into its template,
 * and the HTTP response that carries either.
 *
 * A blank template depends only on reference data written by the migrations (brevets,
 * equivalences, grids) and on the brevets the scope may organise: its bytes are kept in memory
 * per distinct content (a handful per process), so a download is a lookup after the first.
 */
import type { DB } from "../../db/connection";
import { resolveTemplate } from "./resolve";
import type { TemplateSpec } from "./spec";
import { loadExportedSession, loadTemplateData } from "./template-data.server";
import { templateFileName } from "./templates";
import { writeTemplate } from "./write";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface XlsxFile {
  body: Buffer;
  fileName: string;
}

const CACHE_LIMIT = 32;
const blankCache = new Map<string, Promise<Buffer>>();

/** The blank template, its "Brevet passé" list narrowed to `allowed` (null: no narrowing). */
export async function buildTemplateFile(db: DB, spec: TemplateSpec, allowed: ReadonlySet<string> | null): Promise<XlsxFile> {
  const data = await loadTemplateData(db, spec, { allowed });
  const key = JSON.stringify([
    spec.slug,
    spec.version,
    data.certifications.map((c) => [c.code, c.label]),
    data.equivalences.map((e) => e.code),
    data.grid ? [data.grid.id, data.grid.version] : null,
  ]);
  let body = blankCache.get(key);
  if (!body) {
    if (blankCache.size >= CACHE_LIMIT) blankCache.delete(blankCache.keys().next().value!);
    body = writeTemplate(resolveTemplate(spec, data));
    blankCache.set(key, body);
    body.catch(() => blankCache.delete(key));
  }
  return { body: await body, fileName: templateFileName(spec) };
}

/** `Tritons N2 – été` → `tritons-n2-ete`. */
export function fileSlug(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "session"
  );
}

/**
 * A session written into its template (header, jury, candidates with equivalences, marks),
 * ready to be edited offline and imported back; null when the session does not exist.
 * `allowed`: the brevets the session's organiser may organise, for the "sans note" list.
 */
export async function buildSessionExportFile(
  db: DB,
  sessionId: number,
  allowed: ReadonlySet<string> | null,
): Promise<XlsxFile | null> {
  const exported = await loadExportedSession(db, sessionId);
  if (!exported) return null;
  const { session, spec, grid } = exported;
  const data = await loadTemplateData(db, spec, { allowed, include: session.certificationCode }, grid);
  const resolved = resolveTemplate(spec, data, {
    juryRows: session.jury.length + 5,
    candidateRows: session.candidates.length + 100,
    session: { id: session.id, revision: session.revision },
  });
  return {
    body: await writeTemplate(resolved, session),
    fileName: `session-${session.id}-${fileSlug(session.title)}.xlsx`,
  };
}

/** The download response of an .xlsx file. */
export function xlsxResponse(file: XlsxFile): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(file.body.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
