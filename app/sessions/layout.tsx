import type { TypedResponse } from "@remix-run/node";
import { useRouteLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import type { SessionDetail } from "./detail.server";
import { STATUS_LABELS } from "~/utils/format";

// The session layout's pieces its tabs and the lists of sessions share (one small module, one
// browser chunk: docs/decisions/023-javascript-budget.md).

/**
 * The session layout's and its editing tabs' `shouldRevalidate`: a refused save (4xx) keeps the page
 * as the user saw it, so that the form can say why.
 */
export const keepPageOnRefusal: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus !== undefined && actionStatus >= 400 ? false : defaultShouldRevalidate;

/** What the session layout (routes/sessions.$id) loads for its header and every tab. */
export interface SessionLayoutData {
  session: SessionDetail;
  canEdit: boolean;
  canClose: boolean;
  /** Members of the jury, for the tab's label. */
  juryCount: number;
  /** A draft with candidates whose checks all pass: « Clôturer » becomes the main action. */
  readyToClose: boolean;
}

export type SessionLayoutLoader = () => Promise<TypedResponse<SessionLayoutData>>;

/** The session layout's data, in one of its tabs (undefined outside the layout). */
export function useSessionLayout() {
  return useRouteLoaderData<SessionLayoutLoader>("routes/sessions.$id");
}

/** "En création" / "Clôturée" (classes `badge-*` in app/tailwind.css: a list shows 50 of them). */
export function StatusBadge({ status }: { status: "draft" | "closed" }) {
  return <span className={status === "closed" ? "badge-closed" : "badge-draft"}>{STATUS_LABELS[status]}</span>;
}
