import { notFound, type Viewer } from "~/utils/scope.server";

/** The licensee linked to the account; an account linked to nobody has no personal space (404). */
export function requireOwnLicensee(viewer: Viewer): number {
  if (viewer.user.licenseeId === null) notFound();
  return viewer.user.licenseeId;
}
