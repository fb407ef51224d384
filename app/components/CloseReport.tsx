import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Notice } from "./FormParts";
import { Findings, RemovePersonForm } from "./PeopleTable";
import { JURY_ROLE_LABELS, plural } from "~/utils/format";

interface PersonReport {
  id: number;
  licence: string;
  lastName: string;
  firstName: string;
  errors: string[];
  /** The fact behind each error, in plain words (« 11 ans au 28/11/2026 »), or null. */
  facts: (string | null)[];
  /** The person's facts whatever the verdict (licence, age; teaching grades for the jury). */
  summary: string[];
}

export interface CloseReportView {
  verdict: { ok: boolean; sessionErrors: string[] };
  certificationCode: string;
  certificationName: string;
  candidates: (PersonReport & {
    awarded: boolean;
    grid: { result: "admis" | "ajourne" | null; total: number; maxTotal: number; reasons: string[] } | null;
  })[];
  jury: (PersonReport & { role: "president" | "delegue" | "membre" })[];
}

/**
 * The result of the close checks, one block per person with their errors inside it, so that a
 * reader never has to match a message to a name.
 */
export function CloseReport({ report, removable = false }: { report: CloseReportView; removable?: boolean }) {
  const { verdict } = report;
  const awarded = report.candidates.filter((c) => c.awarded);
  return (
    <div className="space-y-4" data-testid="rapport-cloture">
      {verdict.ok ? (
        <Notice tone="success">
          Aucune erreur : la session peut être clôturée.{" "}
          {plural(awarded.length, "candidat recevra", "candidats recevront")} le brevet {report.certificationName}.
        </Notice>
      ) : (
        <Notice tone="error">La session ne peut pas être clôturée : corrigez les erreurs ci-dessous.</Notice>
      )}
      {verdict.sessionErrors.length > 0 ? (
        <section aria-labelledby="erreurs-session" className="rounded border border-red-200 bg-white p-4">
          <h3 id="erreurs-session" className="font-semibold">
            Session
          </h3>
          <ul className="mt-1 list-disc pl-6 text-red-800">
            {verdict.sessionErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <PeopleSection
        idField="candidate"
        people={report.candidates}
        removable={removable}
        afterName={(c) =>
          c.grid?.result ? (
            <span className="ml-2 text-sm">
              — {c.grid.result === "admis" ? "Admis" : "Ajourné"} ({c.grid.total}/{c.grid.maxTotal})
            </span>
          ) : null
        }
        verdict={(c) => (
          <>
            <p className="text-sm text-slate-700">{c.summary.join(" · ")}</p>
            {c.errors.length > 0 ? (
              <Findings person={c} />
            ) : c.awarded ? (
              <p className="mt-1 text-green-800">Recevra le brevet {report.certificationCode}.</p>
            ) : (
              <p className="mt-1 text-amber-900">
                Ne recevra pas le brevet{c.grid?.reasons.length ? ` : ${c.grid.reasons.join(" ; ")}` : ""}.
              </p>
            )}
          </>
        )}
      />
      <PeopleSection
        idField="member"
        people={report.jury}
        removable={removable}
        afterName={(j) => <> — {JURY_ROLE_LABELS[j.role]}</>}
        verdict={(j) => (
          <>
            {j.role !== "membre" ? <p className="text-sm text-slate-700">{j.summary.join(" · ")}</p> : null}
            {j.errors.length > 0 ? (
              <Findings person={j} />
            ) : (
              <p className="mt-1 text-green-800">
                {j.role === "membre" ? "Membre du jury : aucune vérification." : "Conforme."}
              </p>
            )}
          </>
        )}
      />
    </div>
  );
}

const SECTIONS = {
  candidate: { titleId: "rapport-candidats", title: "Candidats", empty: "Aucun candidat." },
  member: { titleId: "rapport-jury", title: "Jury", empty: "Aucun membre du jury." },
} as const;

/** The candidates' or the jury's block: one item per person, their name linked to their page, then the verdict. */
function PeopleSection<P extends PersonReport>({
  people,
  idField,
  removable,
  afterName,
  verdict,
}: {
  people: P[];
  idField: "candidate" | "member";
  removable: boolean;
  /** What follows the licence on the name's line (the result, the role). */
  afterName: (person: P) => ReactNode;
  verdict: (person: P) => ReactNode;
}) {
  const { titleId, title, empty } = SECTIONS[idField];
  return (
    <section aria-labelledby={titleId} className="rounded border border-slate-200 bg-white p-4">
      <h3 id={titleId} className="font-semibold">
        {title}
      </h3>
      {people.length === 0 ? (
        <p className="mt-1 text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200">
          {people.map((person) => (
            <li key={person.id} className="py-2" aria-label={`${person.lastName} ${person.firstName}`}>
              <p>
                <Link to={`/licencies/${person.licence}`} className="font-medium text-brand-700 underline">
                  {person.lastName} {person.firstName}
                </Link>{" "}
                <span className="font-mono text-sm">{person.licence}</span>
                {afterName(person)}
              </p>
              {verdict(person)}
              {removable ? (
                <RemovePersonForm
                  id={person.id}
                  name={`${person.lastName} ${person.firstName}`}
                  idField={idField}
                  className="mt-2"
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
