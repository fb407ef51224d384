import type { LoaderFunctionArgs } from "@remix-run/node";
import { streamSheet } from "~/utils/excel-stream.server";
import { todayInParis } from "~/domain/dates";
import { JOURNAL_EXPORT_CAP, parseJournalParams } from "~/journal/journal-filters";
import { requireJournalReader } from "~/journal/journal-access.server";
import { describeJournalFilters, journalRows } from "~/journal/journal-list.server";
import { recordExport } from "~/journal/journal.server";
import { kindLabel } from "~/journal/kinds";
import { db } from "~/utils/db.server";
import { neutralizeCellText } from "~/utils/excel-cells";
import { formatDateTime } from "~/utils/format";
import { requireViewer } from "~/utils/scope.server";

/**
 * `/administration/journal/export.xlsx?…`: the filtered journal as a workbook, newest first, streamed
 * row by row (at most JOURNAL_EXPORT_CAP rows). The export is itself journaled: it holds e-mails and
 * IP addresses.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  await requireJournalReader(viewer);
  // The same filters as the screen shows (a parameter the screen ignores is ignored here too).
  const { filters } = parseJournalParams(new URL(request.url).searchParams);
  await recordExport(db, viewer, `journal de sécurité (${describeJournalFilters(filters)})`);

  return streamSheet({
    sheetName: "Journal",
    columns: [
      { header: "Date", key: "at", width: 20 },
      { header: "Événement", key: "kind", width: 36 },
      { header: "E-mail", key: "email", width: 32 },
      { header: "Utilisateur", key: "user", width: 32 },
      { header: "Adresse IP", key: "ip", width: 18 },
      { header: "Navigateur", key: "userAgent", width: 50 },
      { header: "Détails", key: "details", width: 60 },
    ],
    fileName: `journal-${todayInParis()}.xlsx`,
    label: "journal export",
    write: async (sheet) => {
      let count = 0;
      for await (const row of journalRows(db, filters)) {
        count += 1;
        const text = (value: string | null) => (value === null ? null : neutralizeCellText(value));
        sheet
          .addRow({
            at: formatDateTime(row.at),
            kind: kindLabel(row.kind),
            email: text(row.email),
            user: row.user_email
              ? text(`${row.user_name} <${row.user_email}>`)
              : row.user_id
                ? `compte ${row.user_id}`
                : null,
            ip: text(row.ip),
            userAgent: text(row.user_agent),
            details: text(row.details),
          })
          .commit();
      }
      if (count >= JOURNAL_EXPORT_CAP) {
        sheet
          .addRow({
            at: `Export limité aux ${JOURNAL_EXPORT_CAP} événements les plus récents : resserrez les filtres.`,
          })
          .commit();
      }
    },
  });
}
