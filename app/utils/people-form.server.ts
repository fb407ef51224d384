import { redirect } from "@remix-run/node";
import { flashHeader } from "~/utils/flash.server";
import type { AccessibleSession } from "~/utils/scope.server";
import { SEARCH_PAGE_SIZE, searchLicensees } from "~/utils/licensee-search.server";

/**
 * The search of the participants and jury tabs, read from the URL (`?q=…&page=…`). Only for whom
 * may add someone (a gestionnaire, a draft session): the search reads the licensees of the whole
 * federation, which a lecteur has no need to see (docs/decisions/015-licensee-search-minimisation.md).
 */
export async function searchFromUrl(request: Request, access: Pick<AccessibleSession, "role" | "status">) {
  if (access.role !== "gestionnaire" || access.status !== "draft")
    return { open: false, search: null, pageSize: SEARCH_PAGE_SIZE };
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const rawPage = url.searchParams.get("page") ?? "1";
  const page = /^\d{1,6}$/.test(rawPage) ? Number(rawPage) : 1;
  const open = url.searchParams.has("ajouter") || q.trim() !== "";
  return { open, search: open ? await searchLicensees(q, page) : null, pageSize: SEARCH_PAGE_SIZE };
}

/** Back to the same tab (and the same search), with a message. */
export async function backWithMessage(
  request: Request,
  path: string,
  kind: "success" | "error",
  messages: string[],
  search?: { q: string; page: string },
) {
  const query = search?.q ? `?${new URLSearchParams({ q: search.q, page: search.page })}` : "";
  return redirect(`${path}${query}`, { headers: { "Set-Cookie": await flashHeader(request, kind, messages) } });
}
