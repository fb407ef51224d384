// What this screen's loader and action use from the server, in one module: the browser build replaces
// it with one empty chunk, instead of one per server module (docs/decisions/023-javascript-budget.md).
export { db } from "~/utils/db.server";
export { flashHeader, readFlash } from "~/utils/flash.server";
export { notFound, requireViewer } from "~/utils/scope.server";
export {
  MESSAGES,
  authorisationHistory,
  giveAuthorisation,
  listAuthorisations,
} from "~/licensees/authorisations.server";
export { searchOrganisers } from "./organiser-search.server";
export { requireOwnLicensee } from "~/licensees/own-licensee.server";
export { listOwnJuries } from "./personal-space.server";
export { findLicensee, listHeldCertifications, listLicences } from "~/licensees/record.server";
export { readForm } from "~/utils/read-form.server";
export { parseAuthorise, searchParams } from "./forms.server";
export { firstError } from "~/utils/form-schemas.server";
export { json, redirect } from "@remix-run/node";
