import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDate } from "~/utils/format";
import { requireSession, requireViewer } from "~/utils/scope.server";
import { listCandidates } from "../sessions.$id/people.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id);
  return json({ candidates: await listCandidates(access.id) });
}

export default function Participants() {
  const { candidates } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="participants-titre" className="rounded bg-white p-5 shadow">
      <h2 id="participants-titre" className="text-lg font-semibold">
        Participants ({candidates.length})
      </h2>
      {candidates.length === 0 ? (
        <p className="mt-3 text-slate-600">Aucun candidat dans cette session.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">Licence</th>
                <th scope="col" className="px-3 py-2">Nom prénom</th>
                <th scope="col" className="px-3 py-2">Date de naissance</th>
                <th scope="col" className="px-3 py-2">Structure</th>
                <th scope="col" className="px-3 py-2">Équivalence</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.id} className="border-t border-slate-200">
                  <td className="px-3 py-2 font-mono">{c.licence}</td>
                  <td className="px-3 py-2">{c.last_name} {c.first_name}</td>
                  <td className="px-3 py-2">{formatDate(c.birth_date)}</td>
                  <td className="px-3 py-2">{c.structure_name}</td>
                  <td className="px-3 py-2">{c.equivalence_code ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
