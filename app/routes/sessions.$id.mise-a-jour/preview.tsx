import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button, AuthenticityTokenInput } from "~/components/FormParts";
import { DataTable } from "~/components/DataTable";
import type { Change, SessionChanges, StatePerson } from "~/excel/import-diff";
import { JURY_ROLE_LABELS } from "~/utils/format";

/** A checked file's changes, waiting for « Appliquer » (the signed `payload` carries them to the writes). */
export type PreviewData = {
  kind: "preview";
  fileName: string;
  changes: SessionChanges;
  count: number;
  payload: string;
  staleExport: boolean;
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-4">
      <h3 className="font-semibold">{title}</h3>
      {children}
    </section>
  );
}

/**
 * A section with a small table of changes, none when nothing changed: `headers` name the columns,
 * each row's first cell names what changed.
 */
function ChangeTable({
  title,
  caption,
  headers,
  rows,
}: {
  title: string;
  caption: string;
  headers: string[];
  rows: { key: string; cells: string[] }[];
}) {
  if (!rows.length) return null;
  return (
    <Section title={title}>
      <DataTable className="mt-1" tableClassName="border-collapse">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            {headers.map((header) => (
              <th key={header} scope="col" className="py-1 pr-3">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-b border-slate-200">
              <th scope="row" className="py-1 pr-3 font-normal">
                {row.cells[0]}
              </th>
              {row.cells.slice(1).map((cell, i) => (
                <td key={i} className="py-1 pr-3">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Section>
  );
}

/** A section listing the people added to or removed from the candidates or the jury, none when empty. */
function PeopleList<P extends { licenseeId: number; name: string; licence: string }>({
  title,
  label,
  people,
  describe = () => "",
}: {
  title: string;
  label: string;
  people: P[];
  /** What follows the name and licence. */
  describe?: (person: P) => string;
}) {
  if (!people.length) return null;
  return (
    <Section title={`${title} (${people.length})`}>
      <ul aria-label={label} className="list-disc pl-6">
        {people.map((p) => (
          <li key={p.licenseeId}>
            {person(p)}
            {describe(p)}
          </li>
        ))}
      </ul>
    </Section>
  );
}

const person = (p: { name: string; licence: string }) => `${p.name} (${p.licence})`;

/** The rows of a table of one value changed per person: who, before, after. */
const personRows = (changes: Change<StatePerson>[]) =>
  changes.map((c) => ({ key: String(c.person.licenseeId), cells: [person(c.person), c.before, c.after] }));

export function Preview({ data, sessionId }: { data: PreviewData; sessionId: number }) {
  const { changes } = data;
  return (
    <section aria-labelledby="changements-titre" className="mt-4 rounded border border-brand-600 bg-white p-4 shadow">
      <h2 id="changements-titre" className="text-lg font-semibold">
        Changements apportés par « {data.fileName} »
      </h2>
      {data.staleExport ? (
        <p role="note" className="mt-2 rounded border border-amber-300 bg-amber-50 px-3 py-2">
          La session a été modifiée dans l'application depuis l'export de ce fichier : appliquer le fichier remplacera
          ces modifications par son contenu, comme détaillé ci-dessous.
        </p>
      ) : null}
      {data.count === 0 && changes.marksOfAdded === 0 ? (
        <p className="mt-2">Le fichier ne change rien à la session.</p>
      ) : (
        <>
          <p className="mt-1 text-slate-700">Rien n'est encore enregistré : vérifiez puis appliquez.</p>
          <ChangeTable
            title="Informations"
            caption="Informations modifiées"
            headers={["Champ", "Avant", "Après"]}
            rows={changes.header.map((h) => ({ key: h.field, cells: [h.label, h.before, h.after] }))}
          />
          <PeopleList
            title="Candidats ajoutés"
            label="Candidats ajoutés"
            people={changes.candidatesAdded}
            describe={(c) =>
              (c.equivalence ? `, équivalence ${c.equivalence}` : "") +
              (Object.keys(c.marks).length ? `, ${Object.keys(c.marks).length} note(s)` : "")
            }
          />
          <PeopleList title="Candidats retirés" label="Candidats retirés" people={changes.candidatesRemoved} />
          <ChangeTable
            title="Équivalences modifiées"
            caption="Équivalences modifiées"
            headers={["Candidat", "Avant", "Après"]}
            rows={personRows(changes.equivalences)}
          />
          <PeopleList
            title="Jury : membres ajoutés"
            label="Membres du jury ajoutés"
            people={changes.juryAdded}
            describe={(j) => `, ${JURY_ROLE_LABELS[j.role]}`}
          />
          <PeopleList title="Jury : membres retirés" label="Membres du jury retirés" people={changes.juryRemoved} />
          <ChangeTable
            title="Jury : rôles modifiés"
            caption="Rôles modifiés"
            headers={["Membre du jury", "Avant", "Après"]}
            rows={personRows(changes.juryRoles)}
          />
          <ChangeTable
            title={`Notes modifiées (${changes.marks.length})`}
            caption="Notes modifiées"
            headers={["Candidat", "Épreuve", "Avant", "Après"]}
            rows={changes.marks.map((m) => ({
              key: `${m.person.licenseeId}:${m.testCode}`,
              cells: [person(m.person), m.test, m.before, m.after],
            }))}
          />
          <Form method="post" className="mt-4 flex flex-wrap items-center gap-4">
            <AuthenticityTokenInput />
            <input type="hidden" name="payload" value={data.payload} />
            <Button name="intent" value="apply">
              Appliquer les changements
            </Button>
            <Link to={`/sessions/${sessionId}`} className="text-brand-700 underline">
              Annuler
            </Link>
          </Form>
        </>
      )}
    </section>
  );
}
