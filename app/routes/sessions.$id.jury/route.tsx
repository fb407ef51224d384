import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
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
import { readFlash } from "~/utils/flash.server";
import { requireSession, requireViewer } from "~/utils/scope.server";
import { useSessionLayout } from "~/sessions/layout";
import { addByLicences, addPeople, listJury, removePerson } from "~/sessions/people.server";
import { buildCloseReport } from "~/sessions/close.server";
import { backWithMessage, searchFromUrl } from "~/utils/people-form.server";
import { buttonClass } from "~/components/Button";
import { DataTable } from "~/components/DataTable";
import { JURY_ROLE_LABELS, plural } from "~/utils/format";
import { readForm } from "~/utils/read-form.server";
import { firstError } from "~/utils/forms";
import { KeptSearchSchema, parseWithZod } from "~/utils/form-schemas.server";
import { ROLE_MESSAGE, NOT_IN_JURY, NO_LICENCE, JuryFormSchema } from "./forms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id);
  const [jury, searched, { flash, headers }, report] = await Promise.all([
    listJury(db, access.id),
    searchFromUrl(request, access, "jury"),
    readFlash(request),
    // What « Vérifier » would report for each président and délégué, shown beside them while a draft.
    access.status === "draft" ? buildCloseReport(db, access.id) : null,
  ]);
  const checks: Record<number, PersonCheck> = {};
  for (const j of report?.jury ?? []) checks[j.id] = { errors: j.errors, facts: j.facts, summary: j.summary };
  const { open, search, eligibility, mine, startDate } = searched;
  return json({ jury, open, search, eligibility, mine, startDate, checks, flash }, { headers });
}

const addedMessage = (added: string[]) =>
  added.length
    ? [`${plural(added.length, "membre du jury ajouté", "membres du jury ajoutés")} : ${added.join(", ")}.`]
    : [];

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id, { write: true });
  const submission = parseWithZod(await readForm(request), { schema: JuryFormSchema });
  const path = `/sessions/${access.id}/jury`;
  if (submission.status !== "success") {
    const { intent } = submission.payload;
    if (intent === "add") {
      const message = firstError(submission.error, ["role", "licensee"]) ?? ROLE_MESSAGE;
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
      const message = firstError(submission.error, ["role", "licences"]) ?? NO_LICENCE;
      return backWithMessage(request, path, "error", [message], undefined, "ajout-licences");
    }
    if (intent === "remove") return backWithMessage(request, path, "error", [NOT_IN_JURY], undefined, "liste");
    return json({ message: "Action inconnue." }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "add") {
    const search = { q: input.q, page: input.page, structure: input.structure };
    const outcome = await addPeople(db, access.id, viewer.user.id, input.licensee, { kind: "jury", role: input.role });
    const messages = [...addedMessage(outcome.added), ...outcome.refused];
    return backWithMessage(request, path, outcome.refused.length ? "error" : "success", messages, search, "recherche");
  }
  if (input.intent === "add-licences") {
    const as = { kind: "jury", role: input.role } as const;
    const outcome = await addByLicences(db, access.id, viewer.user.id, input.licences, as);
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
  const name = await removePerson(db, access.id, viewer.user.id, "jury", input.member);
  return name
    ? backWithMessage(request, path, "success", [`${name} a été retiré du jury.`], undefined, "liste")
    : backWithMessage(request, path, "error", [NOT_IN_JURY], undefined, "liste");
}

function RoleField({ id, label }: { id: string; label: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} name="role" defaultValue="president" className="mt-1 rounded border border-slate-400 px-2 py-1.5">
        {Object.entries(JURY_ROLE_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function Jury() {
  const { jury, open, search, eligibility, mine, startDate, checks, flash } = useLoaderData<typeof loader>();
  const layout = useSessionLayout();
  const canEdit = layout?.canEdit ?? false;
  useFocusAfterChange(flash, SEARCH_INPUT_ID);
  return (
    <section aria-labelledby="jury-titre" className="rounded bg-white p-3 shadow sm:p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="jury-titre" className="text-lg font-semibold">
          Jury ({jury.length})
        </h2>
        {canEdit && !open ? (
          <Link to="?ajouter=1#recherche" className={buttonClass("primary", "md")}>
            Ajouter des membres du jury
          </Link>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Au moins un président de jury ou un délégué est obligatoire pour clôturer ; les autres membres du jury sont
        libres.
      </p>
      <FlashMessage flash={flash && !flash.at ? flash : null} />
      {canEdit && open && search ? (
        <LicenseeSearch
          search={search}
          eligibility={eligibility}
          mine={mine}
          startDate={startDate}
          submitLabel="Ajouter au jury"
          flash={flash}
          extraFields={<RoleField id="role" label="Rôle" />}
          pasteFields={<RoleField id="role-licences" label="Ajouter en tant que" />}
        />
      ) : null}
      <div id="liste" className="scroll-mt-4">
        <FlashMessage flash={flash?.at === "liste" ? flash : null} id="message-liste" />
        {jury.length === 0 ? (
          <p className="mt-4 text-slate-600">Aucun membre du jury déclaré.</p>
        ) : (
          <DataTable className="mt-4" caption="Jury de la session">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className={`${NAME_COLUMN} bg-slate-100`}>
                  Nom prénom
                </th>
                <th scope="col" className="px-3 py-2">
                  Rôle
                </th>
                <th scope="col" className="px-3 py-2">
                  Licence
                </th>
                {layout?.session.status === "closed" ? null : (
                  <th scope="col" className="px-3 py-2">
                    Vérification
                  </th>
                )}
                {canEdit ? <ActionsHeader /> : null}
              </tr>
            </thead>
            <tbody>
              {jury.map((member) => (
                <tr key={member.id} className="border-t border-slate-200 align-top">
                  <PersonNameCell person={member} />
                  <td className="px-3 py-2">{JURY_ROLE_LABELS[member.role]}</td>
                  <td className="whitespace-nowrap px-3 py-2 font-mono">{member.licence}</td>
                  {layout?.session.status === "closed" ? null : (
                    <CheckCell
                      check={checks[member.id]}
                      unchecked={member.role === "membre" ? "Membre du jury : aucune vérification." : undefined}
                    />
                  )}
                  {canEdit ? <RemovePersonCell person={member} idField="member" /> : null}
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </div>
    </section>
  );
}
