import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData, useSubmit } from "@remix-run/react";
import { FlashMessage } from "~/components/FlashMessage";
import { LicenseeSearch } from "~/components/LicenseeSearch";
import { ActionsHeader, PersonNameCell, RemovePersonCell } from "~/components/PeopleTable";
import { readFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { requireSession, requireViewer } from "~/utils/scope.server";
import type { SessionLayoutLoader } from "../sessions.$id/route";
import { addPeople, listCandidates, listEquivalences, removePerson, setEquivalence } from "../sessions.$id/people.server";
import { backWithMessage, plural, searchFromUrl, tickedLicensees } from "../sessions.$id/people-form.server";
import { readForm } from "~/utils/read-form.server";
import { AuthenticityTokenInput } from "~/components/AuthenticityTokenInput";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id);
  const [candidates, equivalences, { open, search }, { flash, headers }] = await Promise.all([
    listCandidates(access.id),
    listEquivalences(),
    searchFromUrl(request, access),
    readFlash(request),
  ]);
  return json({ candidates, equivalences, open, search, flash }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id, { write: true });
  const form = await readForm(request);
  const path = `/sessions/${access.id}/participants`;
  const intent = String(form.get("intent") ?? "");
  if (intent === "add") {
    const search = { q: String(form.get("q") ?? ""), page: String(form.get("page") ?? "1") };
    const ids = tickedLicensees(form);
    if (ids.length === 0) {
      return backWithMessage(request, path, "error", ["Cochez au moins un licencié à ajouter."], search);
    }
    const outcome = await addPeople(access.id, viewer.user.id, ids, { kind: "candidate" });
    const messages = [
      ...(outcome.added.length ? [`${plural(outcome.added.length, "candidat ajouté", "candidats ajoutés")} : ${outcome.added.join(", ")}.`] : []),
      ...outcome.refused,
    ];
    return backWithMessage(request, path, outcome.refused.length ? "error" : "success", messages, search);
  }
  if (intent === "remove") {
    const id = String(form.get("candidate") ?? "");
    const name = /^\d{1,12}$/.test(id) ? await removePerson(access.id, viewer.user.id, "candidate", Number(id)) : null;
    return name
      ? backWithMessage(request, path, "success", [`${name} a été retiré de la session.`])
      : backWithMessage(request, path, "error", ["Ce candidat ne fait plus partie de la session."]);
  }
  if (intent === "equivalence") {
    const id = String(form.get("candidate") ?? "");
    const code = String(form.get("equivalence") ?? "").trim();
    if (!/^\d{1,12}$/.test(id) || code.length > 20) {
      return backWithMessage(request, path, "error", ["Équivalence invalide."]);
    }
    const result = await setEquivalence(access.id, viewer.user.id, Number(id), code || null);
    return result.ok
      ? backWithMessage(request, path, "success", [`Équivalence de ${result.name} enregistrée.`])
      : backWithMessage(request, path, "error", [result.message]);
  }
  return json({ message: "Action inconnue." }, { status: 400 });
}

export default function Participants() {
  const { candidates, equivalences, open, search, flash } = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<SessionLayoutLoader>("routes/sessions.$id");
  const canEdit = layout?.canEdit ?? false;
  const closed = layout?.session.status === "closed";
  const submit = useSubmit();
  return (
    <section aria-labelledby="participants-titre" className="rounded bg-white p-5 shadow">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="participants-titre" className="text-lg font-semibold">Participants ({candidates.length})</h2>
        {canEdit && !open ? (
          <Link to="?ajouter=1#recherche" className="rounded bg-brand-700 px-3 py-2 font-semibold text-white hover:bg-brand-900">
            Ajouter des candidats
          </Link>
        ) : null}
      </div>
      <FlashMessage flash={flash} />
      {canEdit && open && search ? <LicenseeSearch search={search} submitLabel="Ajouter" /> : null}
      {candidates.length === 0 ? (
        <p className="mt-4 text-slate-600">Aucun candidat dans cette session.</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Candidats de la session</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">Licence</th>
                <th scope="col" className="px-3 py-2">Nom prénom</th>
                <th scope="col" className="px-3 py-2">Date de naissance</th>
                <th scope="col" className="px-3 py-2">Structure</th>
                <th scope="col" className="px-3 py-2">Équivalence</th>
                {closed ? <th scope="col" className="px-3 py-2">Résultat</th> : null}
                {canEdit ? <ActionsHeader /> : null}
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.id} className="border-t border-slate-200">
                  <td className="px-3 py-2 font-mono">{c.licence}</td>
                  <PersonNameCell person={c} />
                  <td className="px-3 py-2">{formatDate(c.birth_date)}</td>
                  <td className="px-3 py-2">{c.structure_name}</td>
                  <td className="px-3 py-2">
                    {canEdit ? (
                      <Form method="post" className="flex items-center gap-2" preventScrollReset>
                        <AuthenticityTokenInput />
                        <input type="hidden" name="intent" value="equivalence" />
                        <input type="hidden" name="candidate" value={c.id} />
                        <label htmlFor={`equivalence-${c.id}`} className="sr-only">
                          Équivalence de {c.last_name} {c.first_name}
                        </label>
                        <select
                          id={`equivalence-${c.id}`}
                          name="equivalence"
                          defaultValue={c.equivalence_code ?? ""}
                          className="rounded border border-slate-400 px-1 py-1"
                          onChange={(event) => submit(event.currentTarget.form, { preventScrollReset: true })}
                        >
                          <option value="">Aucune</option>
                          {equivalences.map((e) => (
                            <option key={e.code} value={e.code}>{e.code} – {e.name}</option>
                          ))}
                        </select>
                        <noscript>
                          <button type="submit" className="rounded border border-slate-500 px-2 py-1">Enregistrer</button>
                        </noscript>
                      </Form>
                    ) : (
                      c.equivalence_code ?? "—"
                    )}
                  </td>
                  {closed ? (
                    <td className="px-3 py-2">
                      {c.result === "admis" ? "Admis" : c.result === "ajourne" ? "Ajourné" : "—"}
                      {c.result_reasons ? <span className="block text-xs text-slate-700">{c.result_reasons}</span> : null}
                    </td>
                  ) : null}
                  {canEdit ? <RemovePersonCell person={c} idField="candidate" /> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
