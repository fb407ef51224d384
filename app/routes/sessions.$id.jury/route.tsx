import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { JuryRole } from "../../../db/schema";
import { FlashMessage } from "~/components/FlashMessage";
import { LicenseeSearch } from "~/components/LicenseeSearch";
import { ActionsHeader, PersonNameCell, RemovePersonCell } from "~/components/PeopleTable";
import { db } from "~/utils/db.server";
import { readFlash } from "~/utils/flash.server";
import { requireSession, requireViewer } from "~/utils/scope.server";
import { useSessionLayout } from "~/sessions/layout";
import { addPeople, listJury, removePerson } from "~/sessions/people.server";
import { backWithMessage, searchFromUrl } from "~/utils/people-form.server";
import { buttonClass } from "~/components/Button";
import { DataTable } from "~/components/DataTable";
import { JURY_ROLE_LABELS, plural } from "~/utils/format";
import { readForm } from "~/utils/read-form.server";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { KeptSearchSchema, firstError, postedId, tickedLicensees } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id);
  const [jury, { open, search }, { flash, headers }] = await Promise.all([
    listJury(db, access.id),
    searchFromUrl(request, access),
    readFlash(request),
  ]);
  return json({ jury, open, search, flash }, { headers });
}

const ROLE_MESSAGE = "Choisissez le rôle : Président de jury, Délégué ou Membre du jury.";
const NOT_IN_JURY = "Cette personne ne fait plus partie du jury.";
const JURY_ROLES = Object.keys(JURY_ROLE_LABELS) as [JuryRole, ...JuryRole[]];

/** The two forms of the tab: "Ajouter au jury" (the ticked search results, with a role) and a row's "Retirer". */
const JuryFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    role: z.enum(JURY_ROLES, { errorMap: () => ({ message: ROLE_MESSAGE }) }),
    licensee: tickedLicensees("Cochez au moins un licencié à ajouter au jury."),
    ...KeptSearchSchema.shape,
  }),
  z.object({ intent: z.literal("remove"), member: postedId(NOT_IN_JURY) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id, { write: true });
  const submission = parseWithZod(await readForm(request), { schema: JuryFormSchema });
  const path = `/sessions/${access.id}/jury`;
  if (submission.status !== "success") {
    const { intent } = submission.payload;
    if (intent === "add") {
      const message = firstError(submission.error, ["role", "licensee"]) ?? ROLE_MESSAGE;
      return backWithMessage(request, path, "error", [message], KeptSearchSchema.parse(submission.payload));
    }
    if (intent === "remove") return backWithMessage(request, path, "error", [NOT_IN_JURY]);
    return json({ message: "Action inconnue." }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "add") {
    const search = { q: input.q, page: input.page };
    const outcome = await addPeople(db, access.id, viewer.user.id, input.licensee, { kind: "jury", role: input.role });
    const messages = [
      ...(outcome.added.length
        ? [
            `${plural(outcome.added.length, "membre du jury ajouté", "membres du jury ajoutés")} : ${outcome.added.join(", ")}.`,
          ]
        : []),
      ...outcome.refused,
    ];
    return backWithMessage(request, path, outcome.refused.length ? "error" : "success", messages, search);
  }
  const name = await removePerson(db, access.id, viewer.user.id, "jury", input.member);
  return name
    ? backWithMessage(request, path, "success", [`${name} a été retiré du jury.`])
    : backWithMessage(request, path, "error", [NOT_IN_JURY]);
}

export default function Jury() {
  const { jury, open, search, flash } = useLoaderData<typeof loader>();
  const layout = useSessionLayout();
  const canEdit = layout?.canEdit ?? false;
  return (
    <section aria-labelledby="jury-titre" className="rounded bg-white p-5 shadow">
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
      <FlashMessage flash={flash} />
      {canEdit && open && search ? (
        <LicenseeSearch
          search={search}
          submitLabel="Ajouter au jury"
          extraFields={
            <div>
              <label htmlFor="role" className="block text-sm font-medium">
                Rôle
              </label>
              <select
                id="role"
                name="role"
                defaultValue="president"
                className="mt-1 rounded border border-slate-400 px-2 py-1.5"
              >
                {Object.entries(JURY_ROLE_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          }
        />
      ) : null}
      {jury.length === 0 ? (
        <p className="mt-4 text-slate-600">Aucun membre du jury déclaré.</p>
      ) : (
        <DataTable className="mt-4" caption="Jury de la session">
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2">
                Rôle
              </th>
              <th scope="col" className="px-3 py-2">
                Licence
              </th>
              <th scope="col" className="px-3 py-2">
                Nom prénom
              </th>
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
        </DataTable>
      )}
    </section>
  );
}
