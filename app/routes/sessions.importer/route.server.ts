// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { ImportSchema, parseWithZod } from "./forms.server";
export { analyseUpload, type ImportAnalysis, type ImportSummary } from "~/sessions/import-check.server";
export { AlreadyImported, createImportedSession } from "~/sessions/import.server";
export {
  confirmationKey,
  importedBy,
  openCheckedImport,
  recheckImport,
  sealCheckedImport,
  type PriorImport,
} from "~/sessions/import-confirm.server";
export { cleanFileName, discardBody, readUploadForm, uploadedFile } from "~/excel/upload.server";
export { db, env } from "~/utils/db.server";
export { flashHeader } from "~/utils/flash.server";
export { requireNewSessionScope, requireViewer, type Viewer } from "~/utils/scope.server";
export { problemsOutcome, refusedOutcome, type UploadOutcome } from "~/utils/import-outcome.server";
export { json, redirect } from "@remix-run/node";
