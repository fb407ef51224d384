import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo, useState } from "react";
import { FlashMessage, Button, AuthenticityTokenInput } from "~/components/FormParts";
import { DataTable } from "~/components/DataTable";
import { computeResult, type Grid } from "~/domain/grid";
import { formatDecimal, formatMark } from "~/domain/marks";
import { keepPageOnRefusal, useSessionLayout } from "~/sessions/layout";
import {
  loadMarkSheet,
  saveMarks,
  domainMarks,
  db,
  flashHeader,
  readFlash,
  notFound,
  requireViewerAndSession,
  readMarksForm,
  readForm,
  json,
  redirect,
} from "./route.server";
import { plural } from "~/utils/format";
import { cellErrors, cellId, cellName, marksOf, summaryLine } from "./cells";

/** A refused save (4xx) keeps the page as the user saw it, so that the form can say why. */
export const shouldRevalidate = keepPageOnRefusal;

/** The session's marks table; a session without a grid has none. */
async function markSheet(sessionId: number) {
  return (await loadMarkSheet(db, sessionId)) ?? notFound();
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access } = await requireViewerAndSession(request, params.id);
  const { grid, startDate, candidates, marks, credits } = await markSheet(access.id);
  const { flash, headers } = await readFlash(request);
  const values: Record<string, string> = {};
  for (const c of candidates) {
    const own = domainMarks(marks.get(c.id));
    for (const test of grid.tests) values[cellName(c.id, test.id)] = formatMark(own[test.code]);
  }
  return json(
    {
      grid,
      candidates: candidates.map((c) => ({ id: c.id, licence: c.licence, name: `${c.last_name} ${c.first_name}` })),
      values,
      startDate,
      credits,
      flash,
    },
    { headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, access } = await requireViewerAndSession(request, params.id, { write: true });
  const { grid, candidates, credits } = await markSheet(access.id);
  const submission = readMarksForm(
    await readForm(request),
    grid,
    candidates.map((c) => c.id),
    (id) => credits[id]?.exempt ?? [],
  );
  const invalid = Object.keys(submission.errors).length;
  if (invalid > 0) {
    return json(
      {
        values: submission.values,
        errors: submission.errors,
        message: `${plural(invalid, "note invalide", "notes invalides")} : rien n'a été enregistré. Corrigez les cases signalées.`,
      },
      { status: 400 },
    );
  }
  const saved = await saveMarks(db, access.id, viewer.user.id, submission.marks);
  return redirect(`/sessions/${access.id}/notes`, {
    headers: { "Set-Cookie": await flashHeader(request, "success", [`Notes enregistrées (${saved}).`]) },
  });
}

/**
 * Name, total and result stay in sight while the marks scroll sideways (the total and the result
 * from 640 px: on a phone they would leave no room for the marks).
 */
const NAME_COLUMN = "sticky left-0 z-10 min-w-28 max-w-40";
const TOTAL_COLUMN = "sm:sticky sm:right-36 sm:z-10 sm:w-20 sm:min-w-20";
const RESULT_COLUMN = "sm:sticky sm:right-0 sm:z-10 sm:w-36 sm:min-w-36";

export default function Notes() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const layout = useSessionLayout();
  const canEdit = layout?.canEdit ?? false;
  const grid = loaded.grid as Grid;
  const initial = acted?.values ?? loaded.values;
  const [values, setValues] = useState(initial);
  const errors = useMemo(() => {
    const found = cellErrors(grid, loaded.candidates, values, (id) => loaded.credits[id]?.exempt ?? []);
    // A refusal the rule above does not know of stays until the cell changes.
    for (const [name, error] of Object.entries(acted?.errors ?? {})) {
      if (values[name] === acted?.values[name]) found[name] ??= error;
    }
    return found;
  }, [grid, loaded.candidates, loaded.credits, values, acted]);
  const summary = loaded.candidates.flatMap((c) =>
    grid.tests.flatMap((test) => {
      const name = cellName(c.id, test.id);
      const error = errors[name];
      return error
        ? [{ id: cellId(c.id, test.id), text: summaryLine(c.name, test.label, values[name] ?? "", error) }]
        : [];
    }),
  );
  const invalidOf = (candidateId: number) =>
    grid.tests.some((test) => errors[cellName(candidateId, test.id)] !== undefined);
  const results = useMemo(
    () =>
      Object.fromEntries(
        loaded.candidates.map((c) => [
          c.id,
          computeResult(grid, marksOf(grid, c.id, values), {
            firstExamDay: loaded.startDate,
            exempt: loaded.credits[c.id]?.exempt ?? [],
          }),
        ]),
      ),
    [grid, loaded.candidates, loaded.startDate, loaded.credits, values],
  );

  function moveDown(event: React.KeyboardEvent<HTMLInputElement>, index: number, testId: number) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = loaded.candidates[index + 1];
    if (!next) return;
    const field = event.currentTarget.form?.elements.namedItem(cellName(next.id, testId));
    if (field instanceof HTMLElement) field.focus();
  }

  const table = (
    <DataTable>
      <caption className="sr-only">Notes des candidats — {grid.label}</caption>
      <thead className="bg-slate-100 align-bottom">
        <tr>
          <th scope="col" className={`${NAME_COLUMN} bg-slate-100 px-2 py-2`}>
            Candidat
          </th>
          {grid.tests.map((test) => (
            <th key={test.id} scope="col" className="px-2 py-2 text-xs font-semibold">
              {test.label}
              <span className="block font-normal text-slate-600">
                {test.kind === "done" ? "fait / non fait" : `×${formatDecimal(test.coefficient)}`}
              </span>
            </th>
          ))}
          {grid.groups.map((group) => (
            <th key={group.code} scope="col" className="bg-slate-200 px-2 py-2 text-xs">
              {group.label}
              <span className="block font-normal">/ {formatDecimal(group.maxPoints)}</span>
            </th>
          ))}
          <th scope="col" className={`${TOTAL_COLUMN} bg-slate-200 px-2 py-2 text-xs`}>
            Total<span className="block font-normal">/ {formatDecimal(grid.maxTotal)}</span>
          </th>
          <th scope="col" className={`${RESULT_COLUMN} bg-slate-100 px-2 py-2 text-xs`}>
            Résultat
          </th>
        </tr>
      </thead>
      <tbody>
        {loaded.candidates.map((candidate, index) => {
          const result = results[candidate.id];
          return (
            <tr key={candidate.id} className="border-t border-slate-200 align-top">
              <th scope="row" className={`${NAME_COLUMN} bg-white px-2 py-2 font-medium`}>
                <Link to={`/licencies/${candidate.licence}`} className="text-brand-700 underline">
                  {candidate.name}
                </Link>
                {loaded.credits[candidate.id] ? (
                  <span className="block text-xs font-normal text-green-900">
                    {loaded.credits[candidate.id]!.labels.join(" et ")} acquis jusqu'au{" "}
                    {loaded.credits[candidate.id]!.until.split("-").reverse().join("/")}
                  </span>
                ) : null}
              </th>
              {grid.tests.map((test) => {
                const name = cellName(candidate.id, test.id);
                if (loaded.credits[candidate.id]?.exempt.includes(test.code)) {
                  return (
                    <td key={test.id} className="bg-green-50 px-2 py-2 text-xs text-green-900">
                      Acquis
                    </td>
                  );
                }
                const error = errors[name];
                const label = `${test.label} — ${candidate.name}`;
                const id = cellId(candidate.id, test.id);
                return (
                  <td key={test.id} className={`px-1 py-1 ${error ? "bg-red-50" : ""}`}>
                    {!canEdit ? (
                      <span>{values[name] || "—"}</span>
                    ) : test.kind === "done" ? (
                      <select
                        id={id}
                        name={name}
                        aria-label={label}
                        defaultValue={initial[name] ?? ""}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${id}-erreur` : undefined}
                        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
                        className="rounded border border-slate-400 px-1 py-1"
                      >
                        <option value="">—</option>
                        <option value="Fait">Fait</option>
                        <option value="Non fait">Non fait</option>
                        <option value="NP">NP</option>
                      </select>
                    ) : (
                      <input
                        id={id}
                        name={name}
                        aria-label={label}
                        defaultValue={initial[name] ?? ""}
                        inputMode="decimal"
                        size={4}
                        maxLength={10}
                        autoComplete="off"
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${id}-erreur` : undefined}
                        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
                        onKeyDown={(e) => moveDown(e, index, test.id)}
                        className={`w-16 rounded border px-1 py-1 ${error ? "border-red-700" : "border-slate-400"}`}
                      />
                    )}
                    {error ? (
                      <p id={`${id}-erreur`} className="mt-0.5 max-w-32 text-xs text-red-800">
                        {error}
                      </p>
                    ) : null}
                  </td>
                );
              })}
              {grid.groups.map(({ code }) => {
                const group = result.groups.find((g) => g.code === code);
                return group ? (
                  <td key={code} className={`bg-slate-50 px-2 py-2 ${group.met ? "" : "text-red-800"}`}>
                    {formatDecimal(group.points)}
                  </td>
                ) : (
                  <td key={code} className="bg-slate-50 px-2 py-2 text-xs text-green-900">
                    Acquis
                  </td>
                );
              })}
              <td className={`${TOTAL_COLUMN} bg-slate-50 px-2 py-2 font-semibold`}>
                {invalidOf(candidate.id) ? (
                  <span className="text-red-800">Note invalide</span>
                ) : (
                  formatDecimal(result.total)
                )}
              </td>
              <td className={`${RESULT_COLUMN} bg-white px-2 py-2`} data-testid={`resultat-${candidate.id}`}>
                {invalidOf(candidate.id) ? (
                  <span className="text-red-800">À corriger</span>
                ) : result.result === null ? (
                  <span className="text-slate-600">Incomplet</span>
                ) : result.result === "admis" ? (
                  <strong className="text-green-800">Admis</strong>
                ) : (
                  <>
                    <strong className="text-red-800">Ajourné</strong>
                    <ul className="mt-1 list-disc pl-4 text-xs">
                      {result.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                    {result.kept.map((k) => (
                      <p key={k.part} className="text-xs">
                        {k.label} conservé{k.label.includes("groupes") ? "s" : ""} jusqu'au{" "}
                        {k.until.split("-").reverse().join("/")}
                      </p>
                    ))}
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );

  return (
    <section aria-labelledby="notes-titre" className="rounded bg-white p-5 shadow">
      <h2 id="notes-titre" className="text-lg font-semibold">
        Notes — grille {grid.label} (version {grid.version})
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Notes sur 20 (décimales acceptées : 12,5), NP (non présenté) ou NF (non fait). Admis à partir de{" "}
        {formatDecimal(grid.passTotal)} / {formatDecimal(grid.maxTotal)}, sans note éliminatoire.
      </p>
      <FlashMessage flash={loaded.flash} />
      {acted?.message || summary.length > 0 ? (
        <div
          role={acted?.message ? "alert" : undefined}
          aria-labelledby="notes-erreurs-titre"
          className="mt-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900"
        >
          <p id="notes-erreurs-titre" className="font-semibold">
            {acted?.message ??
              `${plural(summary.length, "note invalide", "notes invalides")} : corrigez-les avant d'enregistrer.`}
          </p>
          <ul className="mt-1 list-disc pl-5">
            {summary.map((line) => (
              <li key={line.id}>
                <a href={`#${line.id}`} className="underline">
                  {line.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {loaded.candidates.length === 0 ? (
        <p className="mt-4 text-slate-600">Aucun candidat : ajoutez des candidats dans l'onglet Participants.</p>
      ) : canEdit ? (
        <Form method="post" className="mt-4" preventScrollReset>
          <AuthenticityTokenInput />
          {table}
          <Button className="mt-4">Enregistrer les notes</Button>
        </Form>
      ) : (
        <div className="mt-4">{table}</div>
      )}
    </section>
  );
}
