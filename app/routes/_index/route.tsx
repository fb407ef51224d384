import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireViewer } from "~/utils/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  if (!viewer.user.isAdmin && viewer.scopes.length === 0) {
    return redirect(viewer.user.licenseeId ? "/mon-espace" : "/connexion");
  }
  return redirect("/sessions");
}
