// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { loadMarkSheet, saveMarks } from "~/sessions/marks.server";
export { domainMarks } from "~/sessions/people.server";
export { db } from "~/utils/db.server";
export { flashHeader, readFlash } from "~/utils/flash.server";
export { notFound, requireViewerAndSession } from "~/utils/scope.server";
export { readMarksForm } from "./marks-form.server";
export { readForm } from "~/utils/read-form.server";
export { json, redirect } from "@remix-run/node";
