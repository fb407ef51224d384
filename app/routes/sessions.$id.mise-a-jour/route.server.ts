// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { seal, unseal } from "~/excel/signed-payload.server";
export { cleanFileName, discardBody, isMultipart, readUploadForm, uploadedFile } from "~/excel/upload.server";
export { analyseUpload } from "~/sessions/import-check.server";
export { EXPIRED_MESSAGE } from "~/sessions/import-confirm.server";
export { applySessionUpdate, loadSessionState, stateFromFile } from "~/sessions/import.server";
export { templateForCertification, templateForSession } from "~/sessions/template-data.server";
export { problemsOutcome, refusedOutcome, type UploadOutcome } from "~/utils/import-outcome.server";
export { db, env } from "~/utils/db.server";
export { flashHeader } from "~/utils/flash.server";
export { requireViewerAndSession, SESSION_CLOSED_MESSAGE } from "~/utils/scope.server";
export { readForm } from "~/utils/read-form.server";
export { parseWithZod } from "~/utils/form-schemas.server";
export { ApplySchema } from "./forms.server";
export { json, redirect } from "@remix-run/node";
