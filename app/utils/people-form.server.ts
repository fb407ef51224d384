import { redirect } from "@remix-run/node";
import { flashHeader } from "~/utils/flash.server";
import type { AccessibleSession } from "~/utils/scope.server";
import { SEARCH_PAGE_SIZE, searchLicensees } from "~/utils/licensee-search.server";
import { describeHits, loadSessionRules } from "~/sessions/eligibility.server";
import { db } from "~/utils/db.server";

/**
 * The search of the participants and jury tabs, read from the URL (`?q=…&page=…&structure=1`). Only
 * for whom may add someone (a gestionnaire, a draft session): the search reads the licensees of
 * the whole federation, which a lecteur has no need to see
 * (docs/decisions/015-licensee-search-minimisation.md). Each result says what the close checks
 * would say of them in this session: licence on its start date, age, already in it.
 */
export async function searchFromUrl(
  request: Request,
  access: Pick<AccessibleSession, "id" | "role" | "status">,
  kind: "candidate" | "jury",
) {
  const closedSearch = {
    open: false,
    search: null,
    eligibility: {},
    mine: false,
    startDate: "",
    pageSize: SEARCH_PAGE_SIZE,
  };
  if (access.role !== "gestionnaire" || access.status !== "draft") return closedSearch;
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const rawPage = url.searchParams.get("page") ?? "1";
  const page = /^\d{1,6}$/.test(rawPage) ? Number(rawPage) : 1;
  const mine = url.searchParams.get("structure") === "1";
  const open = url.searchParams.has("ajouter") || q.trim() !== "";
  if (!open) return { ...closedSearch, mine };
  const { rules, organiserStructure } = await loadSessionRules(db, access.id);
  const search = await searchLicensees(q, page, {
    day: rules.startDate,
    structureOf: mine ? organiserStructure : null,
  });
  const eligibility = await describeHits(db, access.id, rules, search.hits, kind);
  return { open, search, eligibility, mine, startDate: rules.startDate, pageSize: SEARCH_PAGE_SIZE };
}

/** The search kept across a post: `q`, `page` and « Ma structure seulement ». */
export interface KeptSearch {
  q: string;
  page: string;
  structure?: string;
}

/**
 * Back to the same tab, with a message shown where the user acted: `at` is the id of that place,
 * also the URL fragment, so that without JavaScript the browser lands there. The search shown
 * stays: the one given, or else the one of the page the form was posted from (its URL).
 */
export async function backWithMessage(
  request: Request,
  path: string,
  kind: "success" | "error",
  messages: string[],
  search?: KeptSearch,
  at?: string,
) {
  const params = new URLSearchParams();
  const posted = new URL(request.url).searchParams;
  const kept = search ?? {
    q: posted.get("q") ?? "",
    page: posted.get("page") ?? "1",
    structure: posted.get("structure") ?? undefined,
  };
  if (kept.q) {
    params.set("q", kept.q);
    params.set("page", /^\d{1,6}$/.test(kept.page) ? kept.page : "1");
    if (kept.structure === "1") params.set("structure", "1");
  } else if (!search && posted.has("ajouter")) {
    params.set("ajouter", "1");
  }
  const query = params.toString() ? `?${params}` : "";
  return redirect(`${path}${query}${at ? `#${at}` : ""}`, {
    headers: { "Set-Cookie": await flashHeader(request, kind, messages, at) },
  });
}
