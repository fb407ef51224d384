// What the root loader uses from the server, in one module: the browser build replaces it with one
// empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { backupFailure } from "./utils/backup-status.server";
export { env } from "./utils/db.server";
export { getViewer } from "./utils/scope.server";
export { json } from "@remix-run/node";
