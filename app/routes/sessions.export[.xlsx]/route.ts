import type { LoaderFunctionArgs } from "@remix-run/node";
import { streamSheet } from "~/utils/excel-stream.server";
import { parisWallClock, todayInParis } from "~/domain/dates";
import { STATUS_LABELS } from "~/utils/format";
import { excelDate, neutralizeCellText } from "~/utils/excel-cells";
import { requireSessionsAccess, requireViewer } from "~/utils/scope.server";
import { listStateFor } from "~/sessions/list-state.server";
import { allSessions } from "~/sessions/list.server";
import { exportFileName } from "~/sessions/export-file-name";
import { db } from "~/utils/db.server";
import { recordExport } from "~/journal/journal.server";

/** `/sessions/export.xlsx?…`: the filtered list as a workbook, streamed row by row. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  requireSessionsAccess(viewer);
  // The same filters as the list shows (a parameter the list ignores is ignored here too).
  const url = new URL(request.url);
  const { filters, organiserId } = await listStateFor(db, viewer, url);
  await recordExport(db, viewer, `liste des sessions (${url.pathname}${url.search})`);

  return streamSheet({
    sheetName: "Sessions",
    columns: [
      { header: "Intitulé", key: "title", width: 40 },
      { header: "Brevet", key: "certification", width: 12 },
      { header: "Nom du brevet", key: "certification_name", width: 36 },
      { header: "Organisateur", key: "organiser", width: 36 },
      { header: "Lieu", key: "place", width: 30 },
      { header: "Date de début", key: "start", width: 14, style: { numFmt: "dd/mm/yyyy" } },
      { header: "Date de fin", key: "end", width: 14, style: { numFmt: "dd/mm/yyyy" } },
      { header: "Candidats", key: "candidates", width: 11 },
      { header: "Statut", key: "status", width: 14 },
      { header: "Dernière modification", key: "updated", width: 20, style: { numFmt: "dd/mm/yyyy hh:mm" } },
    ],
    fileName: exportFileName(filters, todayInParis()),
    label: "export",
    write: async (sheet) => {
      for await (const row of allSessions(db, organiserId, filters)) {
        sheet
          .addRow({
            title: neutralizeCellText(row.title),
            certification: neutralizeCellText(row.certification_code),
            certification_name: neutralizeCellText(row.certification_name),
            organiser: neutralizeCellText(row.organiser_name),
            place: neutralizeCellText(row.place),
            start: excelDate(row.start_date),
            end: row.end_date ? excelDate(row.end_date) : null,
            candidates: row.candidate_count,
            status: STATUS_LABELS[row.status],
            updated: parisWallClock(new Date(row.updated_at)),
          })
          .commit();
      }
    },
  });
}
