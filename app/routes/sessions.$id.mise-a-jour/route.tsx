import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, AuthenticityTokenInput } from "~/components/FormParts";
import { countChanges, describeChanges, diffSession, type SessionState } from "~/excel/import-diff";
import {
  seal,
  unseal,
  cleanFileName,
  discardBody,
  isMultipart,
  readUploadForm,
  uploadedFile,
  analyseUpload,
  EXPIRED_MESSAGE,
  applySessionUpdate,
  loadSessionState,
  stateFromFile,
  templateForCertification,
  templateForSession,
  problemsOutcome,
  refusedOutcome,
  type UploadOutcome,
  db,
  env,
  flashHeader,
  requireViewerAndSession,
  SESSION_CLOSED_MESSAGE,
  readForm,
  parseWithZod,
  ApplySchema,
  json,
  redirect,
} from "./route.server";
import { templateUrl } from "~/excel/templates";
import { OutcomeView, UploadProgress } from "~/components/ImportOutcome";
import { Preview, type PreviewData } from "./preview";
import { useSessionLayout } from "~/sessions/layout";

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

type ActionData = UploadOutcome | PreviewData;

async function writableSession(request: Request, id: string | undefined) {
  try {
    return await requireViewerAndSession(request, id, { write: true });
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
