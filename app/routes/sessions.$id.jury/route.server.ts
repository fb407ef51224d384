// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { db } from "~/utils/db.server";
export { requireViewerAndSession } from "~/utils/scope.server";
export { listJury, removePerson } from "~/sessions/people.server";
export { addAndGoBack, backWithMessage, loadPeopleTab, refuseAdd, readTabPost } from "~/utils/people-form.server";
export { NO_LICENCE } from "~/utils/form-schemas.server";
export { ROLE_MESSAGE, NOT_IN_JURY, JuryFormSchema } from "./forms.server";
export { firstError } from "~/utils/form-schemas.server";
export { json } from "@remix-run/node";
