import { loadCatalogue, organisableCertifications } from "~/utils/catalogue.server";
import { redirect } from "@remix-run/node";
import { switchScope, type Viewer } from "~/utils/scope.server";
import { parseListParams } from "./list-filters";
import { findOrganiser } from "./list.server";
import type { Source } from "./source";

/**
 * The list's state for a viewer: the URL read (`parseListParams`), then what only the scope and
 * the database can tell — the organiser code exists (administrator only; anybody else lists
 * their current scope), the brevet is one the scope offers — each ignored with a French notice
 * otherwise. The list and its export both start here, so that they hold the same rows.
 */
export async function listStateFor(source: Source, viewer: Viewer, url: URL) {
  const { filters, notices } = parseListParams(url.searchParams);
  // The scope a shared link names: one the reader holds becomes the current one (as opening a
  // session of it does, docs/decisions/003 and 013), through a redirect so that the whole page,
  // header included, is drawn for it; another is ignored with a notice.
  if (filters.portee && filters.portee !== viewer.current?.code) {
    const named = viewer.scopes.find((s) => s.code === filters.portee);
    if (named && (await switchScope(viewer, named.organiserId))) throw redirect(url.pathname + url.search);
    notices.push(
      `La portée « ${filters.portee} » n'est pas l'une des vôtres : voici les sessions de la portée choisie.`,
    );
  }
  // Links and the form name the scope for a user who holds several (nobody else needs it).
  filters.portee = viewer.scopes.length > 1 && viewer.current ? viewer.current.code : null;
  const isAdminView = viewer.current === null && viewer.user.isAdmin;
  const organiserId = isAdminView ? null : viewer.current!.organiserId;
  if (!isAdminView) filters.organisateur = null;
  if (filters.organisateur && !(await findOrganiser(source, filters.organisateur))) {
    notices.push(`Aucun organisateur n'a le code « ${filters.organisateur} » : le filtre a été ignoré.`);
    filters.organisateur = null;
  }
  const brevets = isAdminView
    ? (await loadCatalogue()).filter((c) => c.examinable)
    : await organisableCertifications(organiserId!);
  if (filters.brevet && !brevets.some((b) => b.code === filters.brevet)) {
    notices.push(
      `Le filtre « Brevet » (« ${filters.brevet} ») n'est pas un brevet proposé pour cette portée : il a été ignoré.`,
    );
    filters.brevet = null;
  }
  return { filters, notices, isAdminView, organiserId, brevets };
}
