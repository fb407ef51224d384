// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { ForgottenSchema, parseWithZod } from "./forms.server";
export { requestPasswordReset } from "~/accounts/accounts.server";
export { requestClient } from "~/utils/client.server";
export { readForm } from "~/utils/read-form.server";
export { json, redirect } from "@remix-run/node";
