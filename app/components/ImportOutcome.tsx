/**
 * What both import screens show about a file: why it was refused, every problem found in it
 * with its place, the error report to download, and the progress of an upload (with JS).
 */
import { Form, useNavigation } from "@remix-run/react";
import { Button, AuthenticityTokenInput, Notice } from "~/components/FormParts";
import type { ImportProblem } from "~/excel/read";
import type { UploadOutcome } from "~/utils/import-outcome.server";
import { formatCount, plural } from "~/utils/format";

/** `Candidats, ligne 12, colonne « Prénom » (valeur « Hélèna »)`. */
export function problemPlace(problem: ImportProblem): string {
  const parts: string[] = [];
  if (problem.sheet) parts.push(`Onglet « ${problem.sheet} »`);
  if (problem.row !== null) parts.push(`ligne ${problem.row}`);
  if (problem.column) parts.push(`colonne « ${problem.column} »`);
  const place = parts.join(", ");
  return problem.value ? `${place} (valeur « ${problem.value} »)` : place;
}

export function OutcomeView({ outcome }: { outcome: UploadOutcome }) {
  if (outcome.kind === "error") {
    return (
      <Notice tone="error" className="mt-4">
        <p>{outcome.message}</p>
      </Notice>
    );
  }
  if (outcome.kind === "refused") {
    return (
      <Notice tone="error" className="mt-4">
        <p className="font-semibold">Fichier « {outcome.fileName} » refusé : rien n'a été enregistré.</p>
        <p className="mt-1">{outcome.message}</p>
        {outcome.link ? (
          <p className="mt-1">
            {/* A plain link: the template downloads with or without JavaScript. */}
            <a href={outcome.link.href} className="font-medium text-brand-700 underline">
              {outcome.link.label}
            </a>
          </p>
        ) : null}
      </Notice>
    );
  }
  return (
    <section aria-labelledby="erreurs-titre" className="mt-4 rounded border border-red-300 bg-white p-4 shadow">
      <h2 id="erreurs-titre" className="text-lg font-semibold text-red-900">
        {plural(outcome.total, "erreur", "erreurs")} dans « {outcome.fileName} » : rien n'a été enregistré
      </h2>
      <p className="mt-1 text-slate-700">Corrigez le fichier puis importez-le de nouveau.</p>
      <ol aria-label="Erreurs du fichier" className="mt-3 list-decimal space-y-1 pl-6">
        {outcome.problems.map((problem, index) => (
          <li key={index}>
            <span className="font-medium">{problemPlace(problem)}</span> : {problem.message}
          </li>
        ))}
      </ol>
      {outcome.total > outcome.problems.length ? (
        <p className="mt-2 text-slate-700">
          … et {formatCount(outcome.total - outcome.problems.length)} autres erreurs
          {outcome.reported === outcome.total
            ? ", toutes dans le rapport ci-dessous."
            : ` ; le rapport ci-dessous contient les ${formatCount(outcome.reported)} premières.`}
        </p>
      ) : null}
      {/* A native form post: the browser downloads the file, with or without JavaScript. */}
      <Form method="post" action="/sessions/importer/rapport.xlsx" reloadDocument className="mt-3">
        <AuthenticityTokenInput />
        <input type="hidden" name="rapport" value={outcome.report} />
        <Button variant="secondary" size="md">
          Télécharger le rapport d'erreurs (.xlsx)
        </Button>
      </Form>
    </section>
  );
}

/**
 * While a file is being sent and read (JavaScript only: without it the browser shows its own
 * progress); or, when no file is chosen, while the file checked before (`checkedFileName`) is
 * read again from its signed field.
 */
export function UploadProgress({
  labels,
  checkedFileName,
}: {
  labels: Record<string, string>;
  checkedFileName?: string;
}) {
  const navigation = useNavigation();
  if (navigation.state !== "submitting" || !navigation.formData) return null;
  const value = navigation.formData.get("file");
  const intent = String(navigation.formData.get("intent") ?? "");
  const file = value && typeof value !== "string" && value.name ? value : null;
  if (!file && checkedFileName && navigation.formData.get("checked")) {
    return (
      <div role="status" className="mt-4 rounded border border-brand-600 bg-brand-50 px-3 py-2">
        <p>
          {labels[intent] ?? "Lecture de"} « {checkedFileName} » (le fichier vérifié)…
        </p>
        <progress className="mt-2 w-full" aria-label="Lecture du fichier vérifié" />
      </div>
    );
  }
  if (!file) return null;
  const size =
    file.size >= 1024 * 1024
      ? `${(file.size / (1024 * 1024)).toFixed(1).replace(".", ",")} Mo`
      : `${Math.max(1, Math.round(file.size / 1024))} Ko`;
  return (
    <div role="status" className="mt-4 rounded border border-brand-600 bg-brand-50 px-3 py-2">
      <p>
        {labels[intent] ?? "Envoi du fichier"} « {file.name} » ({size}) : envoi puis lecture du fichier…
      </p>
      <progress className="mt-2 w-full" aria-label="Envoi et lecture du fichier" />
    </div>
  );
}
