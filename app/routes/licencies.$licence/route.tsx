import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LicenceStateBadge } from "~/components/LicenseeSearch";
import { StatusBadge } from "~/sessions/layout";
import { DataTable } from "~/components/DataTable";
import { Panel } from "~/components/Panel";
import { RecordPanels } from "~/components/LicenseeRecord";
import { todayInParis } from "~/domain/dates";
import { describeLicences } from "~/domain/licence";
import { formatDate } from "~/utils/format";
import {
  notFound,
  refuseAccess,
  requireViewer,
  roleFor,
  licenseeRecord,
  mayViewLicensee,
  findLicensee,
  db,
  json,
} from "./route.server";
import { JURY_ROLE_LABELS } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.person.last_name} ${data.person.first_name} – Sessions` : "Licencié – Sessions" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const licence = (params.licence ?? "").toUpperCase();
  if (!/^[A-Z]-\d{2}-\d{4,12}$/.test(licence)) notFound();
  const person = await findLicensee(db, { licence });
  if (!person) notFound();
  if (!(await mayViewLicensee(viewer, person))) await refuseAccess(viewer, `licencié ${licence} d'une autre portée`);
  const record = await licenseeRecord(person.id);
  const today = todayInParis();
  const visible = (organiserId: number | null) => organiserId !== null && roleFor(viewer, organiserId) !== null;
  return json({
    person,
    ...describeLicences(record.licences, today),
    certifications: record.certifications.map((c) => ({ ...c, sessionVisible: visible(c.organiser_id) })),
    authorisations: record.authorisations,
    sessions: [
      ...record.candidacies.map((s) => ({ ...s, part: "Candidat" as string, visible: visible(s.organiser_id) })),
      ...record.juries.map((s) => ({
        ...s,
        result: null,
        result_reasons: null,
        part: JURY_ROLE_LABELS[s.role] as string,
        visible: visible(s.organiser_id),
      })),
    ].sort((a, b) => b.start_date.localeCompare(a.start_date)),
  });
}

const RESULT_LABELS = { admis: "Admis", ajourne: "Ajourné" } as const;

export default function LicenseeRecord() {
  const { person, state, licences, certifications, authorisations, sessions } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">
          {person.last_name} {person.first_name}
        </h1>
        <p className="mt-1 text-slate-700">
          Licence <span className="font-mono">{person.licence}</span> · né(e) le {formatDate(person.birth_date)} ·{" "}
          {person.structure_name} · <LicenceStateBadge state={state} />
        </p>
      </div>

      <RecordPanels
        page="licensee"
        licences={licences}
        certifications={certifications}
        session={{
          label: "Session",
          cell: (c) =>
            c.session_id ? (
              c.sessionVisible ? (
                <Link to={`/sessions/${c.session_id}`} className="text-brand-700 underline">
                  {c.session_title}
                </Link>
              ) : (
                c.session_title
              )
            ) : (
              "Registre fédéral"
            ),
        }}
      />

      <Panel
        id="autorisations-titre"
        title="Autorisations données"
        intro="Structures et commissions autorisées à délivrer des brevets au nom de ce moniteur."
        empty={authorisations.length === 0 && "Aucune autorisation."}
      >
        <ul className="mt-2 list-disc pl-6">
          {authorisations.map((a) => (
            <li key={a.id}>
              {a.name} <span className="font-mono text-sm">({a.code})</span>
              {a.given_at ? ` — depuis le ${formatDate(a.given_at)}` : ""}
            </li>
          ))}
        </ul>
      </Panel>

      <Panel
        id="sessions-titre"
        title="Sessions"
        empty={sessions.length === 0 && "Cette personne ne figure dans aucune session."}
      >
        <DataTable className="mt-2" columns={["Session", "Brevet", "Date", "Rôle", "Statut", "Résultat"]}>
          <tbody>
            {sessions.map((s) => (
              <tr key={`${s.id}-${s.part}`} className="border-t border-slate-200">
                <td className="px-3 py-2">
                  {s.visible ? (
                    <Link to={`/sessions/${s.id}`} className="text-brand-700 underline">
                      {s.title}
                    </Link>
                  ) : (
                    s.title
                  )}
                </td>
                <td className="px-3 py-2">{s.certification_code}</td>
                <td className="px-3 py-2">{formatDate(s.start_date)}</td>
                <td className="px-3 py-2">{s.part}</td>
                <td className="px-3 py-2">
                  <StatusBadge status={s.status} />
                </td>
                <td className="px-3 py-2">
                  {s.result ? RESULT_LABELS[s.result] : "—"}
                  {s.result_reasons ? ` — ${s.result_reasons}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </Panel>
    </div>
  );
}
