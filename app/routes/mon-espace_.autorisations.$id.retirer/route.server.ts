// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { db } from "~/utils/db.server";
export { flashHeader } from "~/utils/flash.server";
export { requireViewer } from "~/utils/scope.server";
export { MESSAGES, findOwnAuthorisation, parseId, withdrawAuthorisation } from "~/licensees/authorisations.server";
export { requireOwnLicensee } from "~/licensees/own-licensee.server";
export { json, redirect } from "@remix-run/node";
