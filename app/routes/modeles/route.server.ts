// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { organisableCertifications } from "~/utils/catalogue.server";
export { requireSessionsAccess, requireViewer } from "~/utils/scope.server";
export { templateFileSize, templatesInUse } from "./template-files.server";
export { json } from "@remix-run/node";
