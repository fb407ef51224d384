import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireViewer, switchScope } from "~/utils/scope.server";
import { readForm } from "~/utils/read-form.server";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";

const NOT_YOURS = "Cette portée ne vous est pas attribuée.";

/** The header's scope picker: an organiser's id, or nothing ("toutes les structures", administrators only). */
const ScopeSchema = z.object({
  organiser: z.string().regex(/^\d+$/, NOT_YOURS).transform(Number).optional(),
  // Where to go back: a path of this site, else the list (`safeRedirect`).
  redirectTo: z.string().optional().catch(undefined),
});

/** Changes the scope the user acts for (the header's "Changer de portée"). */
export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const submission = parseWithZod(await readForm(request), { schema: ScopeSchema });
  if (submission.status !== "success") throw json({ message: NOT_YOURS }, { status: 403 });
  const { organiser, redirectTo } = submission.value;
  const back = safeRedirect(redirectTo);
  // The list of another scope's session would be a 404: go back to the list instead. A list
  // URL that names the scope it showed (`portee`) would switch back to it: that part is dropped.
  const target = /^\/sessions\/\d+/.test(back) ? "/sessions" : withoutScopeParameter(back);
  if (organiser === undefined && viewer.user.isAdmin) {
    await db
      .updateTable("login_sessions")
      .set({ current_organiser_id: null })
      .where("id", "=", viewer.loginSessionId)
      .execute();
    return redirect(target);
  }
  if (organiser === undefined || !(await switchScope(viewer, organiser))) {
    throw json({ message: NOT_YOURS }, { status: 403 });
  }
  return redirect(target);
}

function withoutScopeParameter(path: string): string {
  const url = new URL(path, "http://localhost");
  url.searchParams.delete("portee");
  return url.pathname + url.search;
}

export function loader() {
  return redirect("/sessions");
}
