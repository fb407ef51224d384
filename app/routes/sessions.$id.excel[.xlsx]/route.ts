import type { LoaderFunctionArgs } from "@remix-run/node";
import { xlsxResponse } from "~/excel/build.server";
import { buildSessionExportFile } from "~/sessions/export.server";
import { organisableCertifications } from "~/utils/catalogue.server";
import { db } from "~/utils/db.server";
import { recordExport } from "~/journal/journal.server";
import { notFound, requireViewerAndSession } from "~/utils/scope.server";

/**
 * `/sessions/:id/excel.xlsx`: the session written into its bordereau (header, jury,
 * candidates, equivalences, marks), to continue offline and update the draft by import.
 * A closed session exports the same way, as a copy for reference
 * (docs/decisions/006-excel-templates.md).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, access } = await requireViewerAndSession(request, params.id);
  const allowed = new Set((await organisableCertifications(access.organiserId)).map((c) => c.code));
  const file = await buildSessionExportFile(db, access.id, allowed);
  if (!file) notFound();
  await recordExport(db, viewer, `session ${access.id} (bordereau Excel)`);
  return xlsxResponse(file);
}
