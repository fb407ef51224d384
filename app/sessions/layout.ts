import type { TypedResponse } from "@remix-run/node";
import { useRouteLoaderData } from "@remix-run/react";
import type { SessionDetail } from "./detail.server";

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
