import { Form, Link } from "@remix-run/react";
import { AuthenticityTokenInput } from "./AuthenticityTokenInput";
import { Button } from "./Button";
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

/** Each exact message, followed by the fact behind it: « le licencié doit avoir un age >= 14 ans — 11 ans au 28/11/2026 ». */
export function Findings({ person }: { person: Pick<PersonReport, "errors" | "facts"> }) {
  return (
    <ul className="mt-1 list-disc pl-6 text-red-800">
      {person.errors.map((e, index) => (
        <li key={e}>
          {e}
          {person.facts[index] ? <span className="text-slate-800"> — {person.facts[index]}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The « Retirer » button of a person's block: a POST form, so it works without JavaScript. */
function RemoveFromReport({ person, idField }: { person: PersonReport; idField: "candidate" | "member" }) {
  return (
    <Form method="post" className="mt-2" preventScrollReset>
      <AuthenticityTokenInput />
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name={idField} value={person.id} />
      <Button variant="remove" size="sm" aria-label={`Retirer ${person.lastName} ${person.firstName}`}>
        Retirer
      </Button>
    </Form>
  );
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
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          Aucune erreur : la session peut être clôturée.{" "}
          {plural(awarded.length, "candidat recevra", "candidats recevront")} le brevet {report.certificationName}.
        </p>
      ) : (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900">
          La session ne peut pas être clôturée : corrigez les erreurs ci-dessous.
        </p>
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
      <section aria-labelledby="rapport-candidats" className="rounded border border-slate-200 bg-white p-4">
        <h3 id="rapport-candidats" className="font-semibold">
          Candidats
        </h3>
        {report.candidates.length === 0 ? (
          <p className="mt-1 text-slate-600">Aucun candidat.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {report.candidates.map((c) => (
              <li key={c.id} className="py-2" aria-label={`${c.lastName} ${c.firstName}`}>
                <p>
                  <Link to={`/licencies/${c.licence}`} className="font-medium text-brand-700 underline">
                    {c.lastName} {c.firstName}
                  </Link>{" "}
                  <span className="font-mono text-sm">{c.licence}</span>
                  {c.grid?.result ? (
                    <span className="ml-2 text-sm">
                      — {c.grid.result === "admis" ? "Admis" : "Ajourné"} ({c.grid.total}/{c.grid.maxTotal})
                    </span>
                  ) : null}
                </p>
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
                {removable ? <RemoveFromReport person={c} idField="candidate" /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="rapport-jury" className="rounded border border-slate-200 bg-white p-4">
        <h3 id="rapport-jury" className="font-semibold">
          Jury
        </h3>
        {report.jury.length === 0 ? (
          <p className="mt-1 text-slate-600">Aucun membre du jury.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {report.jury.map((j) => (
              <li key={j.id} className="py-2" aria-label={`${j.lastName} ${j.firstName}`}>
                <p>
                  <Link to={`/licencies/${j.licence}`} className="font-medium text-brand-700 underline">
                    {j.lastName} {j.firstName}
                  </Link>{" "}
                  <span className="font-mono text-sm">{j.licence}</span> — {JURY_ROLE_LABELS[j.role]}
                </p>
                {j.role !== "membre" ? <p className="text-sm text-slate-700">{j.summary.join(" · ")}</p> : null}
                {j.errors.length > 0 ? (
                  <Findings person={j} />
                ) : (
                  <p className="mt-1 text-green-800">
                    {j.role === "membre" ? "Membre du jury : aucune vérification." : "Conforme."}
                  </p>
                )}
                {removable ? <RemoveFromReport person={j} idField="member" /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
