import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { DataTable } from "~/components/DataTable";
import type { ReactNode } from "react";
import {
  countChanges,
  describeChanges,
  diffSession,
  type SessionChanges,
  type SessionState,
} from "~/excel/import-diff";
import { seal, unseal } from "~/excel/signed-payload.server";
import { templateUrl } from "~/excel/templates";
import { cleanFileName, discardBody, isMultipart, readUploadForm, uploadedFile } from "~/excel/upload.server";
import { OutcomeView, UploadProgress } from "~/components/ImportOutcome";
import { analyseUpload } from "~/sessions/import-check.server";
import { EXPIRED_MESSAGE } from "~/sessions/import-confirm.server";
import { applySessionUpdate, loadSessionState, stateFromFile } from "~/sessions/import.server";
import { templateForCertification, templateForSession } from "~/sessions/template-data.server";
import { problemsOutcome, refusedOutcome, type UploadOutcome } from "~/utils/import-outcome.server";
import { JURY_ROLE_LABELS } from "~/utils/format";
import { db, env } from "~/utils/db.server";
import { flashHeader } from "~/utils/flash.server";
import { requireSession, requireViewer, SESSION_CLOSED_MESSAGE } from "~/utils/scope.server";
import { useSessionLayout } from "~/sessions/layout";
import { readForm } from "~/utils/read-form.server";
import { parseWithZod } from "~/utils/form-schemas.server";
import { ApplySchema } from "./forms.server";
import { AuthenticityTokenInput } from "~/components/AuthenticityTokenInput";

export const meta: MetaFunction = () => [{ title: "Mettre à jour depuis Excel – Sessions" }];

/** How long a checked file waits for its confirmation. */
const CONFIRM_TTL_SECONDS = 60 * 60;

/** What the confirmation carries from the check to the writes (signed: see docs/decisions/009-excel-import.md). */
interface UpdatePayload {
  userId: number;
  sessionId: number;
  fileName: string;
  seen: { version: number; updatedAt: string };
  target: SessionState;
}

type ActionData =
  | UploadOutcome
  | {
      kind: "preview";
      fileName: string;
      changes: SessionChanges;
      count: number;
      payload: string;
      staleExport: boolean;
    };

async function writableSession(request: Request, id: string | undefined) {
  const viewer = await requireViewer(request);
  try {
    return { viewer, access: await requireSession(viewer, id, { write: true }) };
  } catch (response) {
    await discardBody(request);
    throw response;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access } = await writableSession(request, params.id);
  const spec = await templateForSession(db, access.id);
  return json({ template: { name: spec.name, href: templateUrl(spec) } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, access } = await writableSession(request, params.id);
  if (!isMultipart(request)) return confirm(request, viewer.user.id, access.id);

  const upload = await readUploadForm(request);
  if (!upload.ok) return json<ActionData>({ kind: "error", message: upload.message }, { status: upload.status });
  const file = uploadedFile(upload.form, "file");
  if (!file)
    return json<ActionData>(
      { kind: "error", message: "Choisissez le fichier du bordereau rempli (.xlsx)." },
      { status: 400 },
    );
  const fileName = cleanFileName(file.name);

  const stored = await loadSessionState(db, access.id);
  if (!stored) throw json({ message: "Page introuvable" }, { status: 404 });
  const spec = await templateForCertification(db, stored.state.certificationCode);
  const analysis = await analyseUpload(db, new Uint8Array(await file.arrayBuffer()), {
    organiserId: stored.organiserId,
    target: { kind: "update", gridId: stored.gridId },
    expected: spec ?? undefined,
    sessionId: access.id,
  });
  if (analysis.status === "refused")
    return json<ActionData>(refusedOutcome(fileName, analysis.refusal), { status: 422 });
  if (analysis.status === "problems") {
    return json<ActionData>(problemsOutcome(viewer.user.id, fileName, analysis.problems), { status: 422 });
  }
  const target = stateFromFile(analysis.file, analysis.licensees);
  const changes = diffSession(stored.state, target, analysis.file.resolved.grid?.tests ?? []);
  const payload = seal(
    env.sessionSecret,
    "session-update",
    {
      userId: viewer.user.id,
      sessionId: access.id,
      fileName,
      seen: { version: stored.version, updatedAt: stored.updatedAt },
      target,
    } satisfies UpdatePayload,
    CONFIRM_TTL_SECONDS,
  );
  const exported = analysis.file.marker.session;
  return json<ActionData>({
    kind: "preview",
    fileName,
    changes,
    count: countChanges(changes),
    payload,
    staleExport: exported !== null && exported.revision !== stored.version,
  });
}

/** The second step: apply the changes the signed payload describes, if the session has not moved since. */
async function confirm(request: Request, userId: number, sessionId: number) {
  const submission = parseWithZod(await readForm(request), { schema: ApplySchema });
  const payload =
    submission.status === "success"
      ? unseal<UpdatePayload>(env.sessionSecret, "session-update", submission.value.payload)
      : null;
  if (!payload || payload.userId !== userId || payload.sessionId !== sessionId) {
    return json<ActionData>({ kind: "error", message: EXPIRED_MESSAGE }, { status: 400 });
  }
  const result = await applySessionUpdate(db, {
    sessionId,
    userId,
    fileName: payload.fileName,
    target: payload.target,
    seen: payload.seen,
  });
  if (!result.ok) {
    if (result.message === SESSION_CLOSED_MESSAGE) throw json({ message: SESSION_CLOSED_MESSAGE }, { status: 409 });
    return json<ActionData>({ kind: "error", message: result.message }, { status: result.status });
  }
  const message = `Session mise à jour depuis ${payload.fileName} : ${describeChanges(result.changes)}.`;
  return redirect(`/sessions/${sessionId}`, {
    headers: { "Set-Cookie": await flashHeader(request, "success", [message]) },
  });
}

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

function Preview({ data, sessionId }: { data: Extract<ActionData, { kind: "preview" }>; sessionId: number }) {
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

export default function UpdateFromExcel() {
  const { template } = useLoaderData<typeof loader>();
  const layout = useSessionLayout();
  const session = layout!.session;
  const data = useActionData<typeof action>() as ActionData | undefined;
  return (
    <section aria-labelledby="mise-a-jour-titre" className="max-w-3xl">
      <h2 id="mise-a-jour-titre" className="text-lg font-semibold">
        Mettre à jour depuis Excel
      </h2>
      <p className="mt-1 text-slate-700">
        Importez le bordereau de cette session, complété ou modifié hors ligne : par exemple le fichier que donne{" "}
        <a href={`/sessions/${session.id}/excel.xlsx`} className="text-brand-700 underline">
          l'export vers Excel
        </a>
        {template ? (
          <>
            , ou un bordereau{" "}
            <a href={template.href} className="text-brand-700 underline">
              {template.name}
            </a>{" "}
            rempli
          </>
        ) : null}
        . Les changements sont affichés avant d'être appliqués ; le contenu du fichier remplace alors celui de la
        session (informations, jury, candidats, équivalences et notes). L'intitulé ne change pas.
      </p>
      {data?.kind !== "preview" ? (
        <>
          <Form method="post" encType="multipart/form-data" className="mt-4 space-y-4 rounded bg-white p-5 shadow">
            <AuthenticityTokenInput />
            <div>
              <label htmlFor="update-file" className="block font-medium">
                Fichier
              </label>
              <input
                id="update-file"
                name="file"
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
              />
            </div>
            <div className="flex flex-wrap items-center gap-4">
              <Button name="intent" value="preview">
                Voir les changements
              </Button>
              <Link to={`/sessions/${session.id}`} className="text-brand-700 underline">
                Annuler
              </Link>
            </div>
          </Form>
          <UploadProgress labels={{ preview: "Lecture de" }} />
        </>
      ) : null}
      {data?.kind === "preview" ? (
        <Preview data={data} sessionId={session.id} />
      ) : data ? (
        <OutcomeView outcome={data} />
      ) : null}
    </section>
  );
}
