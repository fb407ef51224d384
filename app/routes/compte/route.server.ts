// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { parseWithZod } from "~/utils/form-schemas.server";
export { endLogins } from "~/accounts/accounts.server";
export { choosePasswordSchema } from "~/accounts/password-form.server";
export { passwordProblem } from "~/accounts/password-policy.server";
export { recordSecurityEvent } from "~/journal/journal.server";
export { requestClient } from "~/utils/client.server";
export { db } from "~/utils/db.server";
export { flashHeader, readFlash } from "~/utils/flash.server";
export { readForm } from "~/utils/read-form.server";
export { requireViewer } from "~/utils/scope.server";
export { json, redirect } from "@remix-run/node";
