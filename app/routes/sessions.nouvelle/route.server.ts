// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { createSession } from "~/sessions/create.server";
export { organisableCertifications } from "~/utils/catalogue.server";
export { db } from "~/utils/db.server";
export { NewSessionSchema, parseWithZod } from "~/sessions/information-form.server";
export { READ_ONLY_MESSAGE, requireNewSessionScope, requireViewer, type Viewer } from "~/utils/scope.server";
export { readForm } from "~/utils/read-form.server";
export { flashHeader } from "~/utils/flash.server";
export { json, redirect } from "@remix-run/node";
