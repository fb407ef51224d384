/**
 * The files the routes send: a blank template resolved with its reference data, a session
 * written into its template, and the HTTP response that carries either. The data is read by
 * app/sessions (template-data.server.ts, export.server.ts); nothing here reads the database.
 *
 * A blank template depends only on reference data written by the migrations (brevets,
 * equivalences, grids) and on the brevets the scope may organise: its bytes are kept in memory
 * per distinct content (a handful per process), so a download is a lookup after the first.
 */
import { resolveTemplate } from "./resolve";
import type { ExportedSession, TemplateData, TemplateSpec } from "./spec";
import { templateFileName } from "./templates";
import { writeTemplate } from "./write";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface XlsxFile {
  body: Buffer;
  fileName: string;
}

const CACHE_LIMIT = 32;
const blankCache = new Map<string, Promise<Buffer>>();

/** The blank template resolved with `data` (its "Brevet passé" list narrowed to what the scope may organise). */
export async function blankTemplateFile(spec: TemplateSpec, data: TemplateData): Promise<XlsxFile> {
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
 * ready to be edited offline and imported back.
 */
export async function sessionExportFile(
  spec: TemplateSpec,
  data: TemplateData,
  session: ExportedSession,
): Promise<XlsxFile> {
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
