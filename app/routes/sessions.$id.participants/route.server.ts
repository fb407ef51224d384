// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { db } from "~/utils/db.server";
export { requireViewerAndSession } from "~/utils/scope.server";
export { listCandidates, listEquivalences, removePerson, setEquivalence } from "~/sessions/people.server";
export { addAndGoBack, backWithMessage, loadPeopleTab, refuseAdd, readTabPost } from "~/utils/people-form.server";
export { NO_LICENCE } from "~/utils/form-schemas.server";
export { NOT_A_CANDIDATE, BAD_EQUIVALENCE, NONE_TICKED, ParticipantsFormSchema } from "./forms.server";
export { firstError } from "~/utils/form-schemas.server";
export { json } from "@remix-run/node";
