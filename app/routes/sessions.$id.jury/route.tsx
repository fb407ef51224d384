import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { JuryRole } from "../../../db/schema";
import { FlashMessage } from "~/components/FlashMessage";
import { LicenseeSearch } from "~/components/LicenseeSearch";
import { ActionsHeader, PersonNameCell, RemovePersonCell } from "~/components/PeopleTable";
import { readFlash } from "~/utils/flash.server";
import { requireSession, requireViewer } from "~/utils/scope.server";
import type { SessionLayoutLoader } from "../sessions.$id/route";
import { JURY_ROLE_LABELS } from "~/utils/format";
import { addPeople, listJury, removePerson } from "../sessions.$id/people.server";
import { backWithMessage, plural, searchFromUrl, tickedLicensees } from "../sessions.$id/people-form.server";
import { readForm } from "~/utils/read-form.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id);
  const [jury, { open, search }, { flash, headers }] = await Promise.all([
    listJury(access.id),
    searchFromUrl(request, access),
    readFlash(request),
  ]);
  return json({ jury, open, search, flash }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id, { write: true });
  const form = await readForm(request);
  const path = `/sessions/${access.id}/jury`;
  const intent = String(form.get("intent") ?? "");
  if (intent === "add") {
    const search = { q: String(form.get("q") ?? ""), page: String(form.get("page") ?? "1") };
    const role = String(form.get("role") ?? "");
    if (!Object.hasOwn(JURY_ROLE_LABELS, role)) {
      return backWithMessage(request, path, "error", ["Choisissez le rôle : Président de jury, Délégué ou Membre du jury."], search);
    }
    const ids = tickedLicensees(form);
    if (ids.length === 0) {
      return backWithMessage(request, path, "error", ["Cochez au moins un licencié à ajouter au jury."], search);
    }
    const outcome = await addPeople(access.id, viewer.user.id, ids, { kind: "jury", role: role as JuryRole });
    const messages = [
      ...(outcome.added.length
        ? [`${plural(outcome.added.length, "membre du jury ajouté", "membres du jury ajoutés")} : ${outcome.added.join(", ")}.`]
        : []),
      ...outcome.refused,
    ];
    return backWithMessage(request, path, outcome.refused.length ? "error" : "success", messages, search);
  }
  if (intent === "remove") {
    const id = String(form.get("member") ?? "");
    const name = /^\d{1,12}$/.test(id) ? await removePerson(access.id, viewer.user.id, "jury", Number(id)) : null;
    return name
      ? backWithMessage(request, path, "success", [`${name} a été retiré du jury.`])
      : backWithMessage(request, path, "error", ["Cette personne ne fait plus partie du jury."]);
  }
  return json({ message: "Action inconnue." }, { status: 400 });
}

export default function Jury() {
  const { jury, open, search, flash } = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<SessionLayoutLoader>("routes/sessions.$id");
  const canEdit = layout?.canEdit ?? false;
  return (
    <section aria-labelledby="jury-titre" className="rounded bg-white p-5 shadow">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="jury-titre" className="text-lg font-semibold">Jury ({jury.length})</h2>
        {canEdit && !open ? (
          <Link to="?ajouter=1#recherche" className="rounded bg-brand-700 px-3 py-2 font-semibold text-white hover:bg-brand-900">
            Ajouter des membres du jury
          </Link>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Au moins un président de jury ou un délégué est obligatoire pour clôturer ; les autres membres du jury sont libres.
      </p>
      <FlashMessage flash={flash} />
      {canEdit && open && search ? (
        <LicenseeSearch
          search={search}
          submitLabel="Ajouter au jury"
          extraFields={
            <div>
              <label htmlFor="role" className="block text-sm font-medium">Rôle</label>
              <select id="role" name="role" defaultValue="president" className="mt-1 rounded border border-slate-400 px-2 py-1.5">
                {Object.entries(JURY_ROLE_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>{label}</option>
                ))}
              </select>
            </div>
          }
        />
      ) : null}
      {jury.length === 0 ? (
        <p className="mt-4 text-slate-600">Aucun membre du jury déclaré.</p>
      ) : (
        <table className="mt-4 min-w-full text-left text-sm">
          <caption className="sr-only">Jury de la session</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2">Rôle</th>
              <th scope="col" className="px-3 py-2">Licence</th>
              <th scope="col" className="px-3 py-2">Nom prénom</th>
              {canEdit ? <ActionsHeader /> : null}
            </tr>
          </thead>
          <tbody>
            {jury.map((member) => (
              <tr key={member.id} className="border-t border-slate-200">
                <td className="px-3 py-2">{JURY_ROLE_LABELS[member.role]}</td>
                <td className="px-3 py-2 font-mono">{member.licence}</td>
                <PersonNameCell person={member} />
                {canEdit ? <RemovePersonCell person={member} idField="member" /> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
