import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSubmit } from "@remix-run/react";
import { SEARCH_INPUT_ID } from "~/components/LicenseeSearch";
import { CheckCell, useFocusAfterChange } from "~/components/PeopleTable";
import { PeopleTab } from "~/components/PeopleTab";
import {
  db,
  requireViewerAndSession,
  listCandidates,
  listEquivalences,
  removePerson,
  setEquivalence,
  addAndGoBack,
  backWithMessage,
  loadPeopleTab,
  refuseAdd,
  readTabPost,
  NO_LICENCE,
  NOT_A_CANDIDATE,
  BAD_EQUIVALENCE,
  NONE_TICKED,
  ParticipantsFormSchema,
  firstError,
  json,
} from "./route.server";
import { Button, AuthenticityTokenInput } from "~/components/FormParts";
import { formatDate, plural } from "~/utils/format";
import { useSessionLayout } from "~/sessions/layout";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access } = await requireViewerAndSession(request, params.id);
  // « Vérifier »'s findings are shown beside each candidate while the session is a draft.
  const [candidates, equivalences, tab] = await Promise.all([
    listCandidates(db, access.id),
    listEquivalences(db),
    loadPeopleTab(request, access, "candidate"),
  ]);
  return json({ candidates, equivalences, ...tab.data }, { headers: tab.headers });
}

const addedMessage = (added: string[]) =>
  added.length ? [`${plural(added.length, "candidat ajouté", "candidats ajoutés")} : ${added.join(", ")}.`] : [];

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, access, submission, path } = await readTabPost(
    request,
    params.id,
    "participants",
    ParticipantsFormSchema,
  );
  if (submission.status !== "success") {
    const { intent } = submission.payload;
    if (intent === "add" || intent === "add-licences") {
      const message =
        firstError(submission.error, ["licensee", "licences"]) ?? (intent === "add" ? NONE_TICKED : NO_LICENCE);
      return refuseAdd(request, path, submission.payload, message);
    }
    if (intent === "remove") return backWithMessage(request, path, "error", [NOT_A_CANDIDATE], undefined, "liste");
    if (intent === "equivalence") {
      return backWithMessage(request, path, "error", [BAD_EQUIVALENCE], undefined, "equivalences");
    }
    return json({ message: "Action inconnue." }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "add" || input.intent === "add-licences") {
    const by = { sessionId: access.id, userId: viewer.user.id };
    return addAndGoBack(request, path, by, input, { kind: "candidate" }, addedMessage);
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
  const data = useLoaderData<typeof loader>();
  const { candidates, equivalences, checks, flash } = data;
  const layout = useSessionLayout();
  const canEdit = layout?.canEdit ?? false;
  const closed = layout?.session.status === "closed";
  const submit = useSubmit();
  useFocusAfterChange(flash, SEARCH_INPUT_ID);
  return (
    <PeopleTab
      titleId="participants-titre"
      title="Participants"
      addLabel="Ajouter des candidats"
      canEdit={canEdit}
      searched={data}
      searchProps={{ submitLabel: "Ajouter" }}
      flash={flash}
      listFlash={flash?.at === "liste" || flash?.at === "equivalences" ? flash : null}
      people={candidates}
      emptyText="Aucun candidat dans cette session."
      caption="Candidats de la session"
      columns={["Licence", "Date de naissance", "Structure", "Équivalence", closed ? "Résultat" : "Vérification"]}
      idField="candidate"
      cells={(c) => (
        <>
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
              {c.result_reasons ? <span className="block text-xs text-slate-700">{c.result_reasons}</span> : null}
            </td>
          ) : (
            <CheckCell check={checks[c.id]} />
          )}
        </>
      )}
    />
  );
}
