import { loadCatalogue, organisableCertifications } from "~/utils/catalogue.server";
import type { Viewer } from "~/utils/scope.server";
import { parseListParams } from "./filters";
import { findOrganiser } from "./sessions.server";

/**
 * The list's state for a viewer: the URL read (`parseListParams`), then what only the scope and
 * the database can tell — the organiser code exists (administrator only; anybody else lists
 * their current scope), the brevet is one the scope offers — each ignored with a French notice
 * otherwise. The list and its export both start here, so that they hold the same rows.
 */
export async function listStateFor(viewer: Viewer, params: URLSearchParams) {
  const { filters, notices } = parseListParams(params);
  const isAdminView = viewer.current === null && viewer.user.isAdmin;
  const organiserId = isAdminView ? null : viewer.current!.organiserId;
  if (!isAdminView) filters.organisateur = null;
  if (filters.organisateur && !(await findOrganiser(filters.organisateur))) {
    notices.push(`Aucun organisateur n'a le code « ${filters.organisateur} » : le filtre a été ignoré.`);
    filters.organisateur = null;
  }
  const brevets = isAdminView
    ? (await loadCatalogue()).filter((c) => c.examinable)
    : await organisableCertifications(organiserId!);
  if (filters.brevet && !brevets.some((b) => b.code === filters.brevet)) {
    notices.push(`Le filtre « Brevet » (« ${filters.brevet} ») n'est pas un brevet proposé pour cette portée : il a été ignoré.`);
    filters.brevet = null;
  }
  return { filters, notices, isAdminView, organiserId, brevets };
}
