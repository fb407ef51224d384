import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endLoginSession } from "~/utils/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/connexion", { headers: { "Set-Cookie": await endLoginSession(request) } });
}

export function loader() {
  return redirect("/connexion");
}
