// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { ScopesSchema, parseWithZod } from "./forms.server";
export {
  assertGrantable,
  changeScopes,
  grantableOrganisers,
  requireManagedUser,
  requireUserAdmin,
  setDisabled,
} from "~/accounts/users.server";
export { requestClient } from "~/utils/client.server";
export { flashHeader } from "~/utils/flash.server";
export { readForm } from "~/utils/read-form.server";
export { requireViewer } from "~/utils/scope.server";
export { json, redirect } from "@remix-run/node";
