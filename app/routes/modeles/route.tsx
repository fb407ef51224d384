import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TEMPLATES, templateUrl } from "~/excel/templates";
import {
  organisableCertifications,
  requireSessionsAccess,
  requireViewer,
  templateFileSize,
  templatesInUse,
  json,
} from "./route.server";

export const meta: MetaFunction = () => [{ title: "Modèles Excel – Sessions" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  requireSessionsAccess(viewer);
  // As the download does: the brevets of the current scope (every one for the administrator without scope).
  const allowed = viewer.current
    ? new Set((await organisableCertifications(viewer.current.organiserId)).map((c) => c.code))
    : null;
  const [inUse, sizes] = await Promise.all([
    templatesInUse(allowed),
    Promise.all(TEMPLATES.map((t) => templateFileSize(t, allowed))),
  ]);
  const templates = TEMPLATES.map((t, i) => ({
    slug: t.slug,
    name: t.name,
    description: t.description,
    href: templateUrl(t),
    size: sizes[i],
    usable: inUse.has(String(t.id)),
  }));
  // The templates of the brevets the scope may organise first, each group in the usual order.
  return json({ templates: [...templates.filter((t) => t.usable), ...templates.filter((t) => !t.usable)] });
}

/** `24 Ko`, `1,2 Mo`. */
function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
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
            <a href={t.href} className="inline-block py-0.5 font-semibold text-brand-700 underline">
              {t.name}
            </a>
            <p className="text-sm text-slate-600">Excel (.xlsx) · {formatSize(t.size)}</p>
            <p className="text-slate-700">{t.description}</p>
            {t.usable ? null : (
              <p className="text-sm text-slate-600">
                Aucun brevet que votre portée peut organiser n'utilise ce modèle.
              </p>
            )}
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
