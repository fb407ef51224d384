import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button, AuthenticityTokenInput } from "~/components/FormParts";
import { DataTable } from "~/components/DataTable";
import type { SessionChanges } from "~/excel/import-diff";
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

/** A small table of changes: `headers` name the columns, each row's first cell names what changed. */
function ChangeTable({
  caption,
  headers,
  rows,
}: {
  caption: string;
  headers: string[];
  rows: { key: string; cells: string[] }[];
}) {
  return (
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
  );
}

export function Preview({ data, sessionId }: { data: PreviewData; sessionId: number }) {
  const { changes } = data;
  const person = (p: { name: string; licence: string }) => `${p.name} (${p.licence})`;
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
          {changes.header.length ? (
            <Section title="Informations">
              <ChangeTable
                caption="Informations modifiées"
                headers={["Champ", "Avant", "Après"]}
                rows={changes.header.map((h) => ({ key: h.field, cells: [h.label, h.before, h.after] }))}
              />
            </Section>
          ) : null}
          {changes.candidatesAdded.length ? (
            <Section title={`Candidats ajoutés (${changes.candidatesAdded.length})`}>
              <ul aria-label="Candidats ajoutés" className="list-disc pl-6">
                {changes.candidatesAdded.map((c) => (
                  <li key={c.licenseeId}>
                    {person(c)}
                    {c.equivalence ? `, équivalence ${c.equivalence}` : ""}
                    {Object.keys(c.marks).length ? `, ${Object.keys(c.marks).length} note(s)` : ""}
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          {changes.candidatesRemoved.length ? (
            <Section title={`Candidats retirés (${changes.candidatesRemoved.length})`}>
              <ul aria-label="Candidats retirés" className="list-disc pl-6">
                {changes.candidatesRemoved.map((c) => (
                  <li key={c.licenseeId}>{person(c)}</li>
                ))}
              </ul>
            </Section>
          ) : null}
          {changes.equivalences.length ? (
            <Section title="Équivalences modifiées">
              <ChangeTable
                caption="Équivalences modifiées"
                headers={["Candidat", "Avant", "Après"]}
                rows={changes.equivalences.map((e) => ({
                  key: String(e.person.licenseeId),
                  cells: [person(e.person), e.before, e.after],
                }))}
              />
            </Section>
          ) : null}
          {changes.juryAdded.length ? (
            <Section title={`Jury : membres ajoutés (${changes.juryAdded.length})`}>
              <ul aria-label="Membres du jury ajoutés" className="list-disc pl-6">
                {changes.juryAdded.map((j) => (
                  <li key={j.licenseeId}>
                    {person(j)}, {JURY_ROLE_LABELS[j.role]}
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          {changes.juryRemoved.length ? (
            <Section title={`Jury : membres retirés (${changes.juryRemoved.length})`}>
              <ul aria-label="Membres du jury retirés" className="list-disc pl-6">
                {changes.juryRemoved.map((j) => (
                  <li key={j.licenseeId}>{person(j)}</li>
                ))}
              </ul>
            </Section>
          ) : null}
          {changes.juryRoles.length ? (
            <Section title="Jury : rôles modifiés">
              <ChangeTable
                caption="Rôles modifiés"
                headers={["Membre du jury", "Avant", "Après"]}
                rows={changes.juryRoles.map((r) => ({
                  key: String(r.person.licenseeId),
                  cells: [person(r.person), r.before, r.after],
                }))}
              />
            </Section>
          ) : null}
          {changes.marks.length ? (
            <Section title={`Notes modifiées (${changes.marks.length})`}>
              <ChangeTable
                caption="Notes modifiées"
                headers={["Candidat", "Épreuve", "Avant", "Après"]}
                rows={changes.marks.map((m) => ({
                  key: `${m.person.licenseeId}:${m.testCode}`,
                  cells: [person(m.person), m.test, m.before, m.after],
                }))}
              />
            </Section>
          ) : null}
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
