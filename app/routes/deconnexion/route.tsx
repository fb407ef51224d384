import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endLoginSession } from "~/utils/auth.server";
import { requestClient } from "~/utils/client.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const cookie = await endLoginSession(request, requestClient(request, context));
  return redirect("/connexion", { headers: { "Set-Cookie": cookie } });
}

export function loader() {
  return redirect("/connexion");
}
