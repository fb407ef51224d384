/** The Excel files of the app: a blank template for a scope, a session exported into its template. */
import type { Grid } from "~/domain/grid";
import { blankTemplateFile, sessionExportFile, type XlsxFile } from "~/excel/build.server";
import type { ExportedSession, TemplateSpec } from "~/excel/spec";
import { templateById } from "~/excel/templates";
import { selectSession } from "./detail.server";
import { loadSessionPeople } from "./people.server";
import { loadGrid } from "./reference.server";
import type { Source } from "./source";
import { loadTemplateData, loadTemplateGrid } from "./template-data.server";

const ROLE_ORDER = { president: 0, delegue: 1, membre: 2 } as const;

export interface SessionExport {
  session: ExportedSession;
  spec: TemplateSpec;
  grid: Grid | null;
  organiserId: number;
}

/** A session as an export writes it, with its template and grid; null when it does not exist. */
export async function loadExportedSession(source: Source, sessionId: number): Promise<SessionExport | null> {
  const row = await selectSession(source, sessionId).executeTakeFirst();
  if (!row) return null;
  const spec = templateById(row.template);

  const [{ jury, candidates, marks }, grid] = await Promise.all([
    loadSessionPeople(source, sessionId),
    !spec.graded
      ? Promise.resolve(null)
      : row.grid_id !== null
        ? loadGrid(source, row.grid_id)
        : loadTemplateGrid(source, spec),
  ]);
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
        marks: marks.get(c.id) ?? {},
      })),
    },
  };
}

/** The blank template, its "Brevet passé" list narrowed to `allowed` (null: no narrowing). */
export async function buildTemplateFile(
  source: Source,
  spec: TemplateSpec,
  allowed: ReadonlySet<string> | null,
): Promise<XlsxFile> {
  return blankTemplateFile(spec, await loadTemplateData(source, spec, { allowed }));
}

/**
 * A session written into its template, ready to be edited offline and imported back; null when
 * the session does not exist. `allowed`: the brevets the session's organiser may organise, for
 * the "sans note" list.
 */
export async function buildSessionExportFile(
  source: Source,
  sessionId: number,
  allowed: ReadonlySet<string> | null,
): Promise<XlsxFile | null> {
  const exported = await loadExportedSession(source, sessionId);
  if (!exported) return null;
  const { session, spec, grid } = exported;
  const data = await loadTemplateData(source, spec, { allowed, include: session.certificationCode }, grid);
  return sessionExportFile(spec, data, session);
}
