// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { notFound, requireViewer } from "~/utils/scope.server";
export { redirect } from "@remix-run/node";
