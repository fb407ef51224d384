import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireSessionsAccess, requireViewer } from "~/utils/scope.server";

export const meta: MetaFunction = () => [{ title: "Modèles Excel – Sessions" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireSessionsAccess(await requireViewer(request));
  return json({});
}

const TEMPLATES = [
  ["Session sans note", "Toutes les sessions sans grille de notes (N1, N2, N3, RIFAP, Nitrox, brevets des autres commissions…)."],
  ["Session Initiateur", "Examen Initiateur (E1) avec sa grille de notes."],
  ["Session MF1", "Examen Moniteur fédéral 1er degré avec sa grille de notes."],
  ["Session Niveau 4", "Examen Guide de palanquée (Niveau 4) avec sa grille de notes."],
  ["Session Anteor", "Sessions ANTEOR, qui ne peuvent être créées que par import."],
] as const;

export default function Templates() {
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">Modèles Excel</h1>
      <p className="mt-2 text-slate-700">
        Les bordereaux permettent de préparer une session hors ligne, puis de l'importer. Le téléchargement des
        bordereaux n'est pas encore disponible dans cette version.
      </p>
      <ul className="mt-4 space-y-3">
        {TEMPLATES.map(([name, description]) => (
          <li key={name} className="rounded bg-white p-4 shadow">
            <p className="font-semibold">{name}</p>
            <p className="text-slate-700">{description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
