import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TEMPLATES, templateUrl } from "~/excel/templates";
import { requireSessionsAccess, requireViewer } from "~/utils/scope.server";

export const meta: MetaFunction = () => [{ title: "Modèles Excel – Sessions" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireSessionsAccess(await requireViewer(request));
  return json({
    templates: TEMPLATES.map((t) => ({ slug: t.slug, name: t.name, description: t.description, href: templateUrl(t) })),
  });
}

export default function Templates() {
  const { templates } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">Modèles Excel</h1>
      <p className="mt-2 text-slate-700">
        Les bordereaux permettent de préparer une session hors ligne : téléchargez le modèle qui correspond au brevet,
        remplissez-le (les listes déroulantes et les commentaires des en-têtes indiquent le format attendu), puis{" "}
        <Link to="/sessions/importer" className="text-brand-700 underline">
          importez-le
        </Link>
        .
      </p>
      <ul className="mt-4 space-y-3">
        {templates.map((t) => (
          <li key={t.slug} className="rounded bg-white p-4 shadow">
            {/* A plain link: the file downloads with or without JavaScript. */}
            <a href={t.href} className="font-semibold text-brand-700 underline">
              {t.name}
            </a>
            <p className="text-slate-700">{t.description}</p>
          </li>
        ))}
      </ul>
      <p className="mt-4 text-sm text-slate-600">
        Fichiers au format Excel (.xlsx), lisibles aussi par LibreOffice Calc. Une session en création peut aussi être
        exportée vers Excel depuis sa page.
      </p>
    </div>
  );
}
