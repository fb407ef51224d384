import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireViewer, switchScope } from "~/utils/scope.server";
import { readForm } from "~/utils/read-form.server";

/** Changes the scope the user acts for (the header's "Changer de portée"). */
export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const form = await readForm(request);
  const raw = String(form.get("organiser") ?? "");
  const back = safeRedirect(form.get("redirectTo"));
  // The list of another scope's session would be a 404: go back to the list instead. A list
  // URL that names the scope it showed (`portee`) would switch back to it: that part is dropped.
  const target = /^\/sessions\/\d+/.test(back) ? "/sessions" : withoutScopeParameter(back);
  if (raw === "" && viewer.user.isAdmin) {
    await db
      .updateTable("login_sessions")
      .set({ current_organiser_id: null })
      .where("id", "=", viewer.loginSessionId)
      .execute();
    return redirect(target);
  }
  if (!/^\d+$/.test(raw) || !(await switchScope(viewer, Number(raw)))) {
    throw json({ message: "Cette portée ne vous est pas attribuée." }, { status: 403 });
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
