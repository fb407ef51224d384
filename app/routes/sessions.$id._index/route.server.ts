// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { listAwards } from "~/sessions/close.server";
export { listHistory } from "~/sessions/detail.server";
export { saveInformation } from "~/sessions/update.server";
export { db } from "~/utils/db.server";
export { readFlash } from "~/utils/flash.server";
export { InformationSchema, parseWithZod } from "~/sessions/information-form.server";
export { requireViewerAndSession } from "~/utils/scope.server";
export { readForm } from "~/utils/read-form.server";
export { json, redirect } from "@remix-run/node";
