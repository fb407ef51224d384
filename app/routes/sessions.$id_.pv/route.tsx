import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  listAwards,
  getSessionDetail,
  listCandidates,
  listJury,
  db,
  recordExport,
  requireViewerAndSession,
  json,
} from "./route.server";
import { JURY_ROLE_LABELS, formatDate, formatDateRange, formatDateTime } from "~/utils/format";
import { useEffect, useState } from "react";
import { Button } from "~/components/FormParts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `PV – ${data.session.title}` : "Procès-verbal" },
];

/** The procès-verbal of a closed session: a printable A4 page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, access } = await requireViewerAndSession(request, params.id);
  const [session, candidates, jury, numbers] = await Promise.all([
    getSessionDetail(db, access.id),
    listCandidates(db, access.id),
    listJury(db, access.id),
    listAwards(db, access.id),
  ]);
  await recordExport(db, viewer, `session ${access.id} (procès-verbal)`);
  const numberOf = new Map(numbers.map((n) => [n.licensee_id, n.certificate_number]));
  return json({
    session,
    jury,
    candidates: candidates.map((c) => ({ ...c, certificateNumber: numberOf.get(c.licensee_id) ?? null })),
  });
}

/**
 * « Imprimer » opens the browser's print dialog; it needs JavaScript, so until it has run (or
 * without it) a line says how to print instead.
 */
function PrintButton() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return ready ? (
    <Button type="button" variant="secondary" size="md" onClick={() => window.print()}>
      Imprimer
    </Button>
  ) : (
    <span className="inline-block py-1 text-slate-700">
      Pour imprimer : commande Imprimer du navigateur (Ctrl+P, ou ⌘+P sur Mac).
    </span>
  );
}

export default function ProcesVerbal() {
  const { session, jury, candidates } = useLoaderData<typeof loader>();
  const signatories = jury.filter((j) => j.role === "president" || j.role === "delegue");
  return (
    <article className="mx-auto max-w-[210mm] bg-white p-8 text-sm shadow print:p-0 print:shadow-none">
      <p className="no-print mb-4 flex flex-wrap items-center gap-4">
        <Link to={`/sessions/${session.id}`} className="inline-block py-1 text-brand-700 underline">
          ← Retour à la session
        </Link>
        <PrintButton />
      </p>
      {session.status !== "closed" ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2">
          Le procès-verbal définitif est établi à la clôture de la session. Ce document est provisoire.
        </p>
      ) : null}
      <h1 className="mt-2 text-center text-xl font-bold uppercase">Procès-verbal d'examen</h1>
      <p className="text-center text-base font-semibold">
        {session.certification_name} ({session.certification_code})
      </p>
      <dl className="mt-6 grid grid-cols-2 gap-x-6 gap-y-1">
        <dt className="font-semibold">Session</dt>
        <dd>{session.title}</dd>
        <dt className="font-semibold">Organisateur</dt>
        <dd>{session.organiser_name}</dd>
        <dt className="font-semibold">Date(s)</dt>
        <dd>{formatDateRange(session.start_date, session.end_date)}</dd>
        <dt className="font-semibold">Lieu</dt>
        <dd>{session.place || "—"}</dd>
        {session.closed_at ? (
          <>
            <dt className="font-semibold">Clôturée le</dt>
            <dd>
              {formatDateTime(session.closed_at)}
              {session.closed_by_name ? ` par ${session.closed_by_name}` : ""}
            </dd>
          </>
        ) : null}
      </dl>

      <h2 className="mt-6 border-b border-slate-400 font-semibold uppercase">Jury</h2>
      <table className="mt-2 w-full text-left">
        <thead>
          <tr>
            <th className="py-1">Rôle</th>
            <th className="py-1">Nom prénom</th>
            <th className="py-1">Licence</th>
          </tr>
        </thead>
        <tbody>
          {jury.map((j) => (
            <tr key={j.id} className="border-t border-slate-300">
              <td className="py-1">{JURY_ROLE_LABELS[j.role]}</td>
              <td className="py-1">
                {j.last_name} {j.first_name}
              </td>
              <td className="py-1 font-mono">{j.licence}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 className="mt-6 border-b border-slate-400 font-semibold uppercase">Candidats ({candidates.length})</h2>
      <table className="mt-2 w-full text-left">
        <thead>
          <tr>
            <th className="py-1">Nom prénom</th>
            <th className="py-1">Licence</th>
            <th className="py-1">Né(e) le</th>
            <th className="py-1">Résultat</th>
            <th className="py-1">N° de certificat</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((c) => (
            <tr key={c.id} className="border-t border-slate-300 align-top">
              <td className="py-1">
                {c.last_name} {c.first_name}
              </td>
              <td className="py-1 font-mono">{c.licence}</td>
              <td className="py-1">{formatDate(c.birth_date)}</td>
              <td className="py-1">
                {c.result === "admis" ? "Admis" : c.result === "ajourne" ? "Ajourné" : "—"}
                {c.result_reasons ? <span className="block text-xs">{c.result_reasons}</span> : null}
              </td>
              <td className="py-1 font-mono">{c.certificateNumber ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="mt-10 grid grid-cols-2 gap-6 break-inside-avoid">
        {(["president", "delegue"] as const).map((role) => {
          const names = signatories.filter((s) => s.role === role).map((s) => `${s.first_name} ${s.last_name}`);
          return (
            <div key={role} className="h-36 rounded border border-slate-500 p-3">
              <p className="font-semibold">{JURY_ROLE_LABELS[role]}</p>
              <p>{names.join(", ") || "—"}</p>
              <p className="mt-2 text-xs text-slate-600">Date et signature</p>
            </div>
          );
        })}
      </div>
    </article>
  );
}
