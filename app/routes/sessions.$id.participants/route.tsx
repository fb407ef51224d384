import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { FlashMessage } from "~/components/FlashMessage";
import { LicenseeSearch, SEARCH_INPUT_ID } from "~/components/LicenseeSearch";
import {
  ActionsHeader,
  CheckCell,
  NAME_COLUMN,
  PersonNameCell,
  RemovePersonCell,
  useFocusAfterChange,
  type PersonCheck,
} from "~/components/PeopleTable";
import { db } from "~/utils/db.server";
import { Button, buttonClass } from "~/components/Button";
import { DataTable } from "~/components/DataTable";
import { readFlash } from "~/utils/flash.server";
import { formatDate, plural } from "~/utils/format";
import { requireSession, requireViewer } from "~/utils/scope.server";
import { useSessionLayout } from "~/sessions/layout";
import { buildCloseReport } from "~/sessions/close.server";
import {
  addByLicences,
  addPeople,
  listCandidates,
  listEquivalences,
  removePerson,
  setEquivalence,
} from "~/sessions/people.server";
import { backWithMessage, searchFromUrl } from "~/utils/people-form.server";
import { readForm } from "~/utils/read-form.server";
import { firstError } from "~/utils/forms";
import { KeptSearchSchema, parseWithZod } from "~/utils/form-schemas.server";
import { NOT_A_CANDIDATE, BAD_EQUIVALENCE, NO_LICENCE, ParticipantsFormSchema } from "./forms.server";
import { AuthenticityTokenInput } from "~/components/AuthenticityTokenInput";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id);
  const [candidates, equivalences, searched, { flash, headers }, report] = await Promise.all([
    listCandidates(db, access.id),
    listEquivalences(db),
    searchFromUrl(request, access, "candidate"),
    readFlash(request),
    // What « Vérifier » would report for each candidate, shown beside them while the session is a draft.
    access.status === "draft" ? buildCloseReport(db, access.id) : null,
  ]);
  const checks: Record<number, PersonCheck> = {};
  for (const c of report?.candidates ?? []) checks[c.id] = { errors: c.errors, facts: c.facts, summary: c.summary };
  const { open, search, eligibility, mine, startDate } = searched;
  return json({ candidates, equivalences, open, search, eligibility, mine, startDate, checks, flash }, { headers });
}

const addedMessage = (added: string[]) =>
  added.length ? [`${plural(added.length, "candidat ajouté", "candidats ajoutés")} : ${added.join(", ")}.`] : [];

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id, { write: true });
  const submission = parseWithZod(await readForm(request), { schema: ParticipantsFormSchema });
  const path = `/sessions/${access.id}/participants`;
  if (submission.status !== "success") {
    const { intent } = submission.payload;
    if (intent === "add") {
      const message = firstError(submission.error, ["licensee"]) ?? "Cochez au moins un licencié à ajouter.";
      return backWithMessage(
        request,
        path,
        "error",
        [message],
        KeptSearchSchema.parse(submission.payload),
        "recherche",
      );
    }
    if (intent === "add-licences") {
      const message = firstError(submission.error, ["licences"]) ?? NO_LICENCE;
      return backWithMessage(request, path, "error", [message], undefined, "ajout-licences");
    }
    if (intent === "remove") return backWithMessage(request, path, "error", [NOT_A_CANDIDATE], undefined, "liste");
    if (intent === "equivalence") {
      return backWithMessage(request, path, "error", [BAD_EQUIVALENCE], undefined, "equivalences");
    }
    return json({ message: "Action inconnue." }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "add") {
    const search = { q: input.q, page: input.page, structure: input.structure };
    const outcome = await addPeople(db, access.id, viewer.user.id, input.licensee, { kind: "candidate" });
    const messages = [...addedMessage(outcome.added), ...outcome.refused];
    return backWithMessage(request, path, outcome.refused.length ? "error" : "success", messages, search, "recherche");
  }
  if (input.intent === "add-licences") {
    const outcome = await addByLicences(db, access.id, viewer.user.id, input.licences, { kind: "candidate" });
    const messages = [...addedMessage(outcome.added), ...outcome.refused];
    return backWithMessage(
      request,
      path,
      outcome.refused.length ? "error" : "success",
      messages,
      undefined,
      "ajout-licences",
    );
  }
  if (input.intent === "remove") {
    const name = await removePerson(db, access.id, viewer.user.id, "candidate", input.candidate);
    return name
      ? backWithMessage(request, path, "success", [`${name} a été retiré de la session.`], undefined, "liste")
      : backWithMessage(request, path, "error", [NOT_A_CANDIDATE], undefined, "liste");
  }
  const result = await setEquivalence(db, access.id, viewer.user.id, input.candidate, input.equivalence || null);
  return result.ok
    ? backWithMessage(
        request,
        path,
        "success",
        [`Équivalence de ${result.name} enregistrée.`],
        undefined,
        "equivalences",
      )
    : backWithMessage(request, path, "error", [result.message], undefined, "equivalences");
}

export default function Participants() {
  const { candidates, equivalences, open, search, eligibility, mine, startDate, checks, flash } =
    useLoaderData<typeof loader>();
  const layout = useSessionLayout();
  const canEdit = layout?.canEdit ?? false;
  const closed = layout?.session.status === "closed";
  const submit = useSubmit();
  useFocusAfterChange(flash, SEARCH_INPUT_ID);
  const listFlash = flash?.at === "liste" || flash?.at === "equivalences" ? flash : null;
  return (
    <section aria-labelledby="participants-titre" className="rounded bg-white p-3 shadow sm:p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="participants-titre" className="text-lg font-semibold">
          Participants ({candidates.length})
        </h2>
        {canEdit && !open ? (
          <Link to="?ajouter=1#recherche" className={buttonClass("primary", "md")}>
            Ajouter des candidats
          </Link>
        ) : null}
      </div>
      <FlashMessage flash={flash && !flash.at ? flash : null} />
      {canEdit && open && search ? (
        <LicenseeSearch
          search={search}
          eligibility={eligibility}
          mine={mine}
          startDate={startDate}
          submitLabel="Ajouter"
          flash={flash}
        />
      ) : null}
      <div id="liste" className="scroll-mt-4">
        <FlashMessage flash={listFlash} id="message-liste" />
        {candidates.length === 0 ? (
          <p className="mt-4 text-slate-600">Aucun candidat dans cette session.</p>
        ) : (
          <DataTable className="mt-4" caption="Candidats de la session">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className={`${NAME_COLUMN} bg-slate-100`}>
                  Nom prénom
                </th>
                <th scope="col" className="px-3 py-2">
                  Licence
                </th>
                <th scope="col" className="px-3 py-2">
                  Date de naissance
                </th>
                <th scope="col" className="px-3 py-2">
                  Structure
                </th>
                <th scope="col" className="px-3 py-2">
                  Équivalence
                </th>
                {closed ? (
                  <th scope="col" className="px-3 py-2">
                    Résultat
                  </th>
                ) : (
                  <th scope="col" className="px-3 py-2">
                    Vérification
                  </th>
                )}
                {canEdit ? <ActionsHeader /> : null}
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.id} className="border-t border-slate-200 align-top">
                  <PersonNameCell person={c} />
                  <td className="whitespace-nowrap px-3 py-2 font-mono">{c.licence}</td>
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
                          className="max-w-40 rounded border border-slate-400 px-1 py-1"
                          onChange={(event) => submit(event.currentTarget.form, { preventScrollReset: true })}
                        >
                          <option value="">Aucune</option>
                          {equivalences.map((e) => (
                            <option key={e.code} value={e.code}>
                              {e.code} – {e.name}
                            </option>
                          ))}
                        </select>
                        <noscript>
                          <Button variant="plain" size="sm">
                            Enregistrer
                          </Button>
                        </noscript>
                      </Form>
                    ) : (
                      (c.equivalence_code ?? "—")
                    )}
                  </td>
                  {closed ? (
                    <td className="px-3 py-2">
                      {c.result === "admis" ? "Admis" : c.result === "ajourne" ? "Ajourné" : "—"}
                      {c.result_reasons ? (
                        <span className="block text-xs text-slate-700">{c.result_reasons}</span>
                      ) : null}
                    </td>
                  ) : (
                    <CheckCell check={checks[c.id]} />
                  )}
                  {canEdit ? <RemovePersonCell person={c} idField="candidate" /> : null}
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </div>
    </section>
  );
}
