import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LicenceStateBadge } from "~/components/LicenseeSearch";
import { StatusBadge } from "~/components/StatusBadge";
import { DataTable } from "~/components/DataTable";
import { todayInParis } from "~/domain/dates";
import { licencePeriod, licenceState } from "~/domain/licence";
import { formatDate } from "~/utils/format";
import { notFound, refuseAccess, requireViewer, roleFor } from "~/utils/scope.server";
import { JURY_ROLE_LABELS } from "~/utils/format";
import { findLicensee, licenseeRecord, mayViewLicensee } from "./licensee.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.person.last_name} ${data.person.first_name} – Sessions` : "Licencié – Sessions" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const licence = (params.licence ?? "").toUpperCase();
  if (!/^[A-Z]-\d{2}-\d{4,12}$/.test(licence)) notFound();
  const person = await findLicensee(licence);
  if (!person) notFound();
  if (!(await mayViewLicensee(viewer, person))) await refuseAccess(viewer, `licencié ${licence} d'une autre portée`);
  const record = await licenseeRecord(person.id);
  const today = todayInParis();
  const visible = (organiserId: number | null) => organiserId !== null && roleFor(viewer, organiserId) !== null;
  return json({
    person,
    state: licenceState(record.licences, today),
    licences: record.licences.map((l) => ({ ...l, ...licencePeriod(l.season), state: licenceState([l], today) })),
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

      <section aria-labelledby="licences-titre" className="rounded bg-white p-5 shadow">
        <h2 id="licences-titre" className="text-lg font-semibold">
          Licences
        </h2>
        {licences.length === 0 ? (
          <p className="mt-2 text-slate-600">Aucune licence enregistrée.</p>
        ) : (
          <DataTable className="mt-2" columns={["Saison", "Période", "Statut", "Aujourd'hui"]}>
            <tbody>
              {licences.map((l) => (
                <tr key={l.season} className="border-t border-slate-200">
                  <td className="px-3 py-2">{l.season}</td>
                  <td className="px-3 py-2">
                    du {formatDate(l.from)} au {formatDate(l.to)}
                  </td>
                  <td className="px-3 py-2">{l.status === "validee" ? "Validée" : "En attente"}</td>
                  <td className="px-3 py-2">
                    <LicenceStateBadge state={l.state} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      <section aria-labelledby="brevets-titre" className="rounded bg-white p-5 shadow">
        <h2 id="brevets-titre" className="text-lg font-semibold">
          Brevets
        </h2>
        {certifications.length === 0 ? (
          <p className="mt-2 text-slate-600">Aucun brevet enregistré.</p>
        ) : (
          <DataTable className="mt-2" columns={["Brevet", "Date", "N° de certificat", "Session"]}>
            <tbody>
              {certifications.map((c) => (
                <tr key={c.id} className="border-t border-slate-200">
                  <td className="px-3 py-2">
                    {c.name} ({c.certification_code})
                  </td>
                  <td className="px-3 py-2">{formatDate(c.obtained_on)}</td>
                  <td className="px-3 py-2 font-mono">{c.certificate_number ?? "—"}</td>
                  <td className="px-3 py-2">
                    {c.session_id ? (
                      c.sessionVisible ? (
                        <Link to={`/sessions/${c.session_id}`} className="text-brand-700 underline">
                          {c.session_title}
                        </Link>
                      ) : (
                        c.session_title
                      )
                    ) : (
                      "Registre fédéral"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      <section aria-labelledby="autorisations-titre" className="rounded bg-white p-5 shadow">
        <h2 id="autorisations-titre" className="text-lg font-semibold">
          Autorisations données
        </h2>
        <p className="text-sm text-slate-600">
          Structures et commissions autorisées à délivrer des brevets au nom de ce moniteur.
        </p>
        {authorisations.length === 0 ? (
          <p className="mt-2 text-slate-600">Aucune autorisation.</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {authorisations.map((a) => (
              <li key={a.id}>
                {a.name} <span className="font-mono text-sm">({a.code})</span>
                {a.given_at ? ` — depuis le ${formatDate(a.given_at)}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sessions-titre" className="rounded bg-white p-5 shadow">
        <h2 id="sessions-titre" className="text-lg font-semibold">
          Sessions
        </h2>
        {sessions.length === 0 ? (
          <p className="mt-2 text-slate-600">Cette personne ne figure dans aucune session.</p>
        ) : (
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
        )}
      </section>
    </div>
  );
}
