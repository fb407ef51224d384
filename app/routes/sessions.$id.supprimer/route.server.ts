// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { deleteSession } from "~/sessions/delete.server";
export { db } from "~/utils/db.server";
export { flashHeader } from "~/utils/flash.server";
export { requireViewerAndSession } from "~/utils/scope.server";
export { json, redirect } from "@remix-run/node";
