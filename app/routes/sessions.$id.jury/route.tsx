import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SEARCH_INPUT_ID } from "~/components/LicenseeSearch";
import { CheckCell, useFocusAfterChange } from "~/components/PeopleTable";
import { PeopleTab } from "~/components/PeopleTab";
import {
  db,
  requireViewerAndSession,
  listJury,
  removePerson,
  addAndGoBack,
  backWithMessage,
  loadPeopleTab,
  refuseAdd,
  readTabPost,
  NO_LICENCE,
  ROLE_MESSAGE,
  NOT_IN_JURY,
  JuryFormSchema,
  firstError,
  json,
} from "./route.server";
import { useSessionLayout } from "~/sessions/layout";
import { JURY_ROLE_LABELS, plural } from "~/utils/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access } = await requireViewerAndSession(request, params.id);
  // « Vérifier »'s findings are shown beside each président and délégué while a draft.
  const [jury, tab] = await Promise.all([listJury(db, access.id), loadPeopleTab(request, access, "jury")]);
  return json({ jury, ...tab.data }, { headers: tab.headers });
}

const addedMessage = (added: string[]) =>
  added.length
    ? [`${plural(added.length, "membre du jury ajouté", "membres du jury ajoutés")} : ${added.join(", ")}.`]
    : [];

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, access, submission, path } = await readTabPost(request, params.id, "jury", JuryFormSchema);
  if (submission.status !== "success") {
    const { intent } = submission.payload;
    if (intent === "add" || intent === "add-licences") {
      const message =
        firstError(submission.error, ["role", "licensee", "licences"]) ??
        (intent === "add" ? ROLE_MESSAGE : NO_LICENCE);
      return refuseAdd(request, path, submission.payload, message);
    }
    if (intent === "remove") return backWithMessage(request, path, "error", [NOT_IN_JURY], undefined, "liste");
    return json({ message: "Action inconnue." }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent !== "remove") {
    const by = { sessionId: access.id, userId: viewer.user.id };
    return addAndGoBack(request, path, by, input, { kind: "jury", role: input.role }, addedMessage);
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
  const data = useLoaderData<typeof loader>();
  const { jury, checks, flash } = data;
  const layout = useSessionLayout();
  const closed = layout?.session.status === "closed";
  useFocusAfterChange(flash, SEARCH_INPUT_ID);
  return (
    <PeopleTab
      titleId="jury-titre"
      title="Jury"
      addLabel="Ajouter des membres du jury"
      intro={
        <p className="mt-1 text-sm text-slate-600">
          Au moins un président de jury ou un délégué est obligatoire pour clôturer ; les autres membres du jury sont
          libres.
        </p>
      }
      canEdit={layout?.canEdit ?? false}
      searched={data}
      searchProps={{
        submitLabel: "Ajouter au jury",
        extraFields: <RoleField id="role" label="Rôle" />,
        pasteFields: <RoleField id="role-licences" label="Ajouter en tant que" />,
      }}
      flash={flash}
      listFlash={flash?.at === "liste" ? flash : null}
      people={jury}
      emptyText="Aucun membre du jury déclaré."
      caption="Jury de la session"
      columns={["Rôle", "Licence", ...(closed ? [] : ["Vérification"])]}
      idField="member"
      cells={(member) => (
        <>
          <td className="px-3 py-2">{JURY_ROLE_LABELS[member.role]}</td>
          <td className="whitespace-nowrap px-3 py-2 font-mono">{member.licence}</td>
          {closed ? null : (
            <CheckCell
              check={checks[member.id]}
              unchecked={member.role === "membre" ? "Membre du jury : aucune vérification." : undefined}
            />
          )}
        </>
      )}
    />
  );
}
