// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { notFound, refuseAccess, requireViewer, roleFor } from "~/utils/scope.server";
export { licenseeRecord, mayViewLicensee } from "./licensee.server";
export { findLicensee } from "~/licensees/record.server";
export { db } from "~/utils/db.server";
export { json } from "@remix-run/node";
