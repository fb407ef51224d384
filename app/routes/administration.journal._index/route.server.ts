// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { requireJournalReader } from "~/journal/journal-access.server";
export { readJournalPage } from "~/journal/journal-list.server";
export { db } from "~/utils/db.server";
export { requireViewer } from "~/utils/scope.server";
export { json } from "@remix-run/node";
