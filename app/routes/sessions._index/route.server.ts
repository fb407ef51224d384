// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { readFlash } from "~/utils/flash.server";
export { requireSessionsAccess, requireViewer } from "~/utils/scope.server";
export { listStateFor } from "~/sessions/list-state.server";
export { db } from "~/utils/db.server";
export { readListPage } from "~/sessions/list.server";
export { json, redirect } from "@remix-run/node";
