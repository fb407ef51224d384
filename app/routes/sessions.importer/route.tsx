import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireSessionsAccess, requireViewer } from "~/utils/scope.server";

export const meta: MetaFunction = () => [{ title: "Importer une session – Sessions" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireSessionsAccess(await requireViewer(request));
  return json({});
}

export default function ImportSession() {
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">Importer une session</h1>
      <p className="mt-2 text-slate-700">
        L'import d'un bordereau Excel rempli n'est pas encore disponible dans cette version. Voir les{" "}
        <Link to="/modeles" className="text-brand-700 underline">modèles Excel</Link>.
      </p>
    </div>
  );
}
