import { redirect } from "@remix-run/node";
import { flashHeader } from "~/utils/flash.server";
import type { z } from "zod";
import { requireViewerAndSession, type AccessibleSession } from "~/utils/scope.server";
import { readForm } from "~/utils/read-form.server";
import { SEARCH_PAGE_SIZE, searchLicensees } from "~/utils/licensee-search.server";
import { describeHits, loadSessionRules } from "~/sessions/eligibility.server";
import { db } from "~/utils/db.server";
import { readFlash } from "~/utils/flash.server";
import { buildCloseReport } from "~/sessions/close.server";
import { addByLicences, addPeople } from "~/sessions/people.server";
import { KeptSearchSchema, parseWithZod } from "~/utils/form-schemas.server";
import type { JuryRole } from "../../db/schema";

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

/**
 * What both people tabs load besides their list: the search, the flash message, and — while the
 * session is a draft — what « Vérifier » would report for each person, by id, shown beside them.
 */
export async function loadPeopleTab(
  request: Request,
  access: Pick<AccessibleSession, "id" | "role" | "status">,
  kind: "candidate" | "jury",
) {
  const [searched, { flash, headers }, report] = await Promise.all([
    searchFromUrl(request, access, kind),
    readFlash(request),
    access.status === "draft" ? buildCloseReport(db, access.id) : null,
  ]);
  const checks: Record<number, { errors: string[]; facts: (string | null)[]; summary: string[] }> = {};
  for (const p of (kind === "jury" ? report?.jury : report?.candidates) ?? []) {
    checks[p.id] = { errors: p.errors, facts: p.facts, summary: p.summary };
  }
  // Flat, as the tabs always answered: `search` is null where the viewer may not search.
  const { open, search, eligibility, mine, startDate } = searched;
  return { data: { open, search, eligibility, mine, startDate, checks, flash }, headers };
}

/** Where an add form was posted from: the search results, or « Ajouter par numéros de licence ». */
const addFormPlace = (intent: unknown) => (intent === "add" ? "recherche" : "ajout-licences");

/** A refused add form: back to it (the search kept) with its first message. */
export function refuseAdd(request: Request, path: string, payload: Record<string, unknown>, message: string) {
  const at = addFormPlace(payload.intent);
  const search = at === "recherche" ? KeptSearchSchema.parse(payload) : undefined;
  return backWithMessage(request, path, "error", [message], search, at);
}

/**
 * An add form of the participants and jury tabs, done in one transaction: the ticked licensees, or
 * the pasted licence numbers, added `as` candidates or jury members. Back to the form with who was
 * added (`addedMessage`) and who was refused, and why.
 */
export async function addAndGoBack(
  request: Request,
  path: string,
  by: { sessionId: number; userId: number },
  input:
    | { intent: "add"; licensee: number[]; q: string; page: string; structure?: string }
    | { intent: "add-licences"; licences: string },
  as: { kind: "candidate" } | { kind: "jury"; role: JuryRole },
  addedMessage: (added: string[]) => string[],
) {
  const outcome =
    input.intent === "add"
      ? await addPeople(db, by.sessionId, by.userId, input.licensee, as)
      : await addByLicences(db, by.sessionId, by.userId, input.licences, as);
  const messages = [...addedMessage(outcome.added), ...outcome.refused];
  const search = input.intent === "add" ? { q: input.q, page: input.page, structure: input.structure } : undefined;
  const kind = outcome.refused.length ? "error" : "success";
  return backWithMessage(request, path, kind, messages, search, addFormPlace(input.intent));
}

/**
 * A post to one of a session's tabs (`tab`: "participants", "jury", "verification"): the viewer,
 * the session they must be allowed to change, the form parsed with `schema`, and the tab's path.
 */
export async function readTabPost<Schema extends z.ZodTypeAny>(
  request: Request,
  sessionId: string | undefined,
  tab: string,
  schema: Schema,
) {
  const { viewer, access } = await requireViewerAndSession(request, sessionId, { write: true });
  const submission = parseWithZod(await readForm(request), { schema });
  return { viewer, access, submission, path: `/sessions/${access.id}/${tab}` };
}
