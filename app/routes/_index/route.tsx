import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireViewer, redirect } from "./route.server";

/** The home page sends each account where it can act: its sessions, or its personal space. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  if (viewer.user.isAdmin || viewer.scopes.length > 0) return redirect("/sessions");
  if (viewer.user.licenseeId !== null) return redirect("/mon-espace");
  // An account with neither scope nor licensee has nothing to show.
  notFound();
}
