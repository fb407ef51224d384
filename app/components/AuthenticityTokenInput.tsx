import { useRouteLoaderData } from "@remix-run/react";
import type { RootLoader } from "~/root";

/** The hidden field every form that posts carries: the token of the login (or of the visit) the page was made for. */
export function AuthenticityTokenInput() {
  const data = useRouteLoaderData<RootLoader>("root");
  return <input type="hidden" name="csrf" value={data?.csrfToken ?? ""} />;
}
