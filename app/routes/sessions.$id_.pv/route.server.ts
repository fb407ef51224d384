// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { listAwards } from "~/sessions/close.server";
export { getSessionDetail } from "~/sessions/detail.server";
export { listCandidates, listJury } from "~/sessions/people.server";
export { db } from "~/utils/db.server";
export { recordExport } from "~/journal/journal.server";
export { requireViewerAndSession } from "~/utils/scope.server";
export { json } from "@remix-run/node";
