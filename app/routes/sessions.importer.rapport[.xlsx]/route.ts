import type { ActionFunctionArgs } from "@remix-run/node";
import { xlsxResponse } from "~/excel/build.server";
import { reportFileName, writeProblemReport } from "~/excel/import-report";
import { requireSessionsAccess, requireViewer } from "~/utils/scope.server";
import { openReport } from "~/utils/import-outcome.server";
import { readForm } from "~/utils/read-form.server";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";

/** The button "Télécharger le rapport d'erreurs": the signed list of problems. */
const ReportSchema = z.object({ rapport: z.string() });

/**
 * `POST /sessions/importer/rapport.xlsx`: the error report of a refused import, as an .xlsx file.
 * The problems come back from the page in the signed field `rapport` (see
 * `app/utils/import-outcome.server.ts`): nothing is kept on the server between the two posts.
 */
export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  requireSessionsAccess(viewer);
  const submission = parseWithZod(await readForm(request), { schema: ReportSchema });
  const report = submission.status === "success" ? openReport(viewer.user.id, submission.value.rapport) : null;
  if (!report) {
    return text("Ce rapport d'erreurs a expiré ou n'est pas valide : importez de nouveau le fichier.", 400);
  }
  const body = await writeProblemReport(report.fileName, report.problems);
  return xlsxResponse({ body, fileName: reportFileName(report.fileName) });
}

/** The report is asked for by the button of the import page (a post), never by a link. */
export function loader() {
  return text("Le rapport d'erreurs se télécharge depuis la page d'import, après l'envoi du fichier.", 405);
}

/** A resource route answers in plain text (a document post shows it as is). */
function text(message: string, status: number): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
