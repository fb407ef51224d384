import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireSession, requireViewer } from "~/utils/scope.server";
import { JURY_ROLE_LABELS, listJury } from "../sessions.$id/people.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id);
  return json({ jury: await listJury(access.id) });
}

export default function Jury() {
  const { jury } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="jury-titre" className="rounded bg-white p-5 shadow">
      <h2 id="jury-titre" className="text-lg font-semibold">Jury ({jury.length})</h2>
      {jury.length === 0 ? (
        <p className="mt-3 text-slate-600">Aucun membre du jury déclaré.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200">
          {jury.map((member) => (
            <li key={member.id} className="py-2">
              <strong>{member.last_name} {member.first_name}</strong>{" "}
              <span className="font-mono text-sm">{member.licence}</span> — {JURY_ROLE_LABELS[member.role]}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
