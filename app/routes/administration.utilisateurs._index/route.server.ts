// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { USERS_PAGE_SIZE, listUsers, requireUserAdmin } from "~/accounts/users.server";
export { readFlash } from "~/utils/flash.server";
export { requireViewer } from "~/utils/scope.server";
export { json } from "@remix-run/node";
