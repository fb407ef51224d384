import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  ImportSchema,
  parseWithZod,
  analyseUpload,
  type ImportAnalysis,
  type ImportSummary,
  AlreadyImported,
  createImportedSession,
  confirmationKey,
  importedBy,
  openCheckedImport,
  recheckImport,
  sealCheckedImport,
  type PriorImport,
  cleanFileName,
  discardBody,
  readUploadForm,
  uploadedFile,
  db,
  env,
  flashHeader,
  requireNewSessionScope,
  requireViewer,
  type Viewer,
  problemsOutcome,
  refusedOutcome,
  type UploadOutcome,
  json,
  redirect,
} from "./route.server";
import { useFormFeedback, type FormReply } from "~/utils/form-feedback";
import { FieldError, FormErrors } from "~/components/FieldError";
import { OutcomeView, UploadProgress } from "~/components/ImportOutcome";
import { TextField } from "~/components/TextField";
import { BackLink, Button, AuthenticityTokenInput } from "~/components/FormParts";
import { IMPORT_LIMITS, megabytes, thousands } from "~/excel/import-limits";
import { TEMPLATES, templateUrl } from "~/excel/templates";
import { formatDateRange, plural } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Importer une session – Sessions" }];

const NO_SCOPE_MESSAGE =
  "Choisissez d'abord, en haut de la page, la portée (club ou commission) pour laquelle importer la session.";
const NO_FILE_MESSAGE = "Choisissez le fichier du bordereau rempli (.xlsx).";
const LECTEUR_MESSAGE = "Votre rôle de lecteur ne permet pas d'importer une session.";

/** The scope a session is imported into: the current one, held as gestionnaire (null: the administrator has none chosen). */
const importScope = (viewer: Viewer) => requireNewSessionScope(viewer, LECTEUR_MESSAGE);

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = importScope(await requireViewer(request));
  return json({
    scope,
    templates: TEMPLATES.map((t) => ({ slug: t.slug, name: t.name, href: templateUrl(t) })),
    limits: {
      size: megabytes(IMPORT_LIMITS.maxFileBytes),
      rows: thousands(IMPORT_LIMITS.maxRows),
      columns: IMPORT_LIMITS.maxColumns,
    },
  });
}

/** A file without error: what it holds, and the signed field that lets "Lancer l'import" create it without choosing it again. */
type CheckedOutcome = { kind: "checked"; fileName: string; summary: ImportSummary; checked: string };

type ActionData = {
  /** Conform's reply (absent when the form itself could not be read). */
  reply?: FormReply;
  outcome: UploadOutcome | CheckedOutcome | null;
};

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  let scope: ReturnType<typeof importScope>;
  try {
    scope = importScope(viewer);
  } catch (response) {
    await discardBody(request);
    throw response;
  }
  const upload = await readUploadForm(request);
  const answer = (data: ActionData, status: number) => json(data, { status });
  if (!upload.ok) return answer({ outcome: { kind: "error", message: upload.message } }, upload.status);
  const form = upload.form;
  const submission = parseWithZod(form, { schema: ImportSchema });
  if (!scope) return answer({ reply: submission.reply({ formErrors: [NO_SCOPE_MESSAGE] }), outcome: null }, 400);
  const who = { userId: viewer.user.id, organiserId: scope.organiserId };
  // A file chosen now always wins; without one, the file checked before (its signed field), if any.
  const file = uploadedFile(form, "file");
  const checked = form.get("checked");
  /** The key of the checked file imported, when it is one: it creates one session only. */
  let confirmation: string | undefined;
  /** A checked file imported already: to its session, or the expired message when it was deleted since. */
  const importedAlready = async (prior: PriorImport) => {
    if (prior.sessionId === null)
      return answer({ reply: submission.reply(), outcome: { kind: "error", message: prior.message } }, prior.status);
    return redirect(`/sessions/${prior.sessionId}`, {
      headers: { "Set-Cookie": await flashHeader(request, "success", [prior.message]) },
    });
  };
  let fileName: string;
  let analysis: ImportAnalysis;
  if (file) {
    if (submission.status !== "success") return answer({ reply: submission.reply(), outcome: null }, 400);
    fileName = cleanFileName(file.name);
    analysis = await analyseUpload(db, new Uint8Array(await file.arrayBuffer()), {
      organiserId: scope.organiserId,
      target: { kind: "new" },
    });
  } else if (typeof checked === "string" && checked !== "") {
    const opened = openCheckedImport(env.sessionSecret, checked, who);
    if (!opened.ok)
      return answer({ reply: submission.reply(), outcome: { kind: "error", message: opened.message } }, opened.status);
    fileName = opened.fileName;
    if (submission.status === "success" && submission.value.intent === "import") {
      confirmation = confirmationKey(checked);
      const prior = await importedBy(db, confirmation, scope.organiserId);
      if (prior) return importedAlready(prior);
    }
    // Nothing but the file's content is taken from the field: the database is asked again.
    analysis = await recheckImport(db, opened.content, scope.organiserId);
  } else {
    return answer({ reply: submission.reply({ fieldErrors: { file: [NO_FILE_MESSAGE] } }), outcome: null }, 400);
  }

  if (analysis.status === "refused") {
    return answer({ reply: submission.reply(), outcome: refusedOutcome(fileName, analysis.refusal) }, 422);
  }
  if (analysis.status === "problems") {
    return answer(
      { reply: submission.reply(), outcome: problemsOutcome(viewer.user.id, fileName, analysis.problems) },
      422,
    );
  }
  const outcome: CheckedOutcome = {
    kind: "checked",
    fileName,
    summary: analysis.summary,
    checked: sealCheckedImport(env.sessionSecret, who, fileName, analysis.file),
  };
  // A checked file stays at hand when the intitulé is missing (only possible without a new file).
  if (submission.status !== "success") return answer({ reply: submission.reply(), outcome }, 400);
  if (submission.value.intent === "check") return answer({ reply: submission.reply(), outcome }, 200);
  let id: number;
  try {
    id = await createImportedSession(db, {
      userId: viewer.user.id,
      organiserId: scope.organiserId,
      title: submission.value.title,
      fileName,
      file: analysis.file,
      licensees: analysis.licensees,
      confirmation,
    });
  } catch (error) {
    // Another post of the same field created the session in the meantime.
    if (error instanceof AlreadyImported && confirmation) {
      const prior = await importedBy(db, confirmation, scope.organiserId);
      if (prior) return importedAlready(prior);
    }
    throw error;
  }
  const { summary } = analysis;
  const message =
    `La session « ${submission.value.title} » a été importée depuis ${fileName} : ` +
    `${plural(summary.candidates, "candidat", "candidats")}, ` +
    `${plural(summary.jury, "membre", "membres")} du jury.`;
  return redirect(`/sessions/${id}`, { headers: { "Set-Cookie": await flashHeader(request, "success", [message]) } });
}

function CheckedSummary({ fileName, summary }: { fileName: string; summary: ImportSummary }) {
  return (
    <section
      role="status"
      aria-labelledby="verification-titre"
      className="mt-4 rounded border border-green-300 bg-green-50 p-4 text-green-950"
    >
      <h2 id="verification-titre" className="text-lg font-semibold">
        Aucune erreur : « {fileName} » peut être importé
      </h2>
      <p className="mt-1">
        Rien n'a été enregistré. Pour créer la session, appuyez sur « Lancer l'import » sans choisir de nouveau le
        fichier : c'est ce fichier vérifié qui sera importé (dans l'heure ; au-delà, choisissez-le de nouveau).
      </p>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">Bordereau</dt>
        <dd>{summary.template}</dd>
        <dt className="font-medium">Brevet</dt>
        <dd>
          {summary.certificationName} ({summary.certificationCode})
        </dd>
        <dt className="font-medium">Dates</dt>
        <dd>{formatDateRange(summary.startDate, summary.endDate)}</dd>
        <dt className="font-medium">Lieu</dt>
        <dd>{summary.place || "—"}</dd>
        <dt className="font-medium">Jury</dt>
        <dd>{summary.jury}</dd>
        <dt className="font-medium">Candidats</dt>
        <dd>{summary.candidates}</dd>
        <dt className="font-medium">Notes</dt>
        <dd>{summary.marks}</dd>
      </dl>
    </section>
  );
}

export default function ImportSession() {
  const { scope, templates, limits } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [form, fields] = useFormFeedback("import-session", data?.reply, {
    names: ["title", "file"],
    required: ["title"],
  });
  const outcome = data?.outcome ?? null;
  const checked = outcome?.kind === "checked" ? outcome : null;
  return (
    <div className="max-w-3xl">
      <BackLink to="/sessions">Toutes les sessions</BackLink>
      <h1 className="mt-2 text-2xl font-semibold">Importer une session</h1>
      <p className="mt-2 text-slate-700">
        Importez un bordereau Excel rempli (
        {templates.map((t, index) => (
          <span key={t.slug}>
            {index > 0 ? ", " : ""}
            <a href={t.href} className="text-brand-700 underline">
              {t.name}
            </a>
          </span>
        ))}
        ) : la session est créée « En création », avec son jury, ses candidats, leurs équivalences et leurs notes. Seuls
        les numéros de licence (avec les noms et prénoms) et le format des cellules sont vérifiés ici ; les autres
        vérifications ont lieu à la clôture. Les sessions ANTEOR ne peuvent être créées que de cette façon.
      </p>
      {!scope ? (
        <p role="alert" className="mt-4 rounded border border-amber-300 bg-amber-50 px-3 py-2">
          {NO_SCOPE_MESSAGE}
        </p>
      ) : (
        <>
          <p className="mt-2 text-slate-700">
            Organisateur : <strong>{scope.name}</strong>
          </p>
          <Form
            method="post"
            encType="multipart/form-data"
            id={form.id}
            noValidate
            className="mt-4 space-y-4 rounded bg-white p-5 shadow"
          >
            <AuthenticityTokenInput />
            <FormErrors id={form.errorId} errors={form.errors} />
            <div>
              <label htmlFor="import-file" className="block font-medium">
                Fichier
              </label>
              {/* Emptied after each successful check (a new key), with JavaScript as without: the checked file travels in `checked`. */}
              <input
                key={checked?.checked ?? "aucun"}
                id="import-file"
                name="file"
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={checked ? "import-file-aide import-file-verifie" : "import-file-aide"}
                className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
              />
              <p id="import-file-aide" className="mt-0.5 text-sm text-slate-600">
                Bordereau .xlsx de {limits.size} au plus ({limits.rows} lignes et {limits.columns} colonnes au plus par
                onglet).
              </p>
              {checked ? (
                <>
                  <input type="hidden" name="checked" value={checked.checked} />
                  <p id="import-file-verifie" className="mt-1 rounded bg-green-50 px-2 py-1 text-sm text-green-950">
                    Fichier vérifié : « {checked.fileName} ». Il sera importé si vous ne choisissez pas d'autre fichier.
                  </p>
                </>
              ) : null}
              <FieldError id="import-file-erreur" errors={fields.file.errors} />
            </div>
            <TextField
              field={fields.title}
              label="Intitulé"
              hint="L'intitulé de la session créée (il ne figure pas dans le bordereau)."
            />
            <div className="flex flex-wrap gap-3">
              <Button variant="secondary" className="font-semibold" name="intent" value="check">
                Vérifier le fichier
              </Button>
              <Button name="intent" value="import">
                Lancer l'import
              </Button>
            </div>
            <p className="text-sm text-slate-600">
              « Vérifier le fichier » signale toutes les erreurs sans rien enregistrer.
            </p>
          </Form>
          <UploadProgress
            labels={{ check: "Vérification de", import: "Import de" }}
            checkedFileName={checked?.fileName}
          />
        </>
      )}
      {checked ? <CheckedSummary fileName={checked.fileName} summary={checked.summary} /> : null}
      {outcome && outcome.kind !== "checked" ? <OutcomeView outcome={outcome} /> : null}
    </div>
  );
}
