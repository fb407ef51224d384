// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { buildCloseReport } from "~/sessions/close.server";
export { removePerson } from "~/sessions/people.server";
export { db } from "~/utils/db.server";
export { readFlash } from "~/utils/flash.server";
export { backWithMessage, readTabPost } from "~/utils/people-form.server";
export { NOT_IN_SESSION, RemoveSchema } from "./forms.server";
export { requireViewerAndSession } from "~/utils/scope.server";
export { json } from "@remix-run/node";
