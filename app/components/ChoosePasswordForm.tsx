import { TextField } from "~/components/TextField";
import { AuthenticityTokenInput, Button, Notice } from "~/components/FormParts";
import { Form, useNavigation } from "@remix-run/react";
import { useFormFeedback, type FormReply } from "~/utils/form-feedback";
import { FormErrors } from "./FieldError";

/**
 * Password (and confirmation) fields, with the current password first when `withCurrent`:
 * « Choisir un mot de passe » (invitation, reset) and « Changer le mot de passe » (/compte).
 */
export function ChoosePasswordForm({
  id,
  lastResult,
  withCurrent = false,
  submitLabel,
  email,
  intent,
}: {
  id: string;
  lastResult: FormReply | undefined;
  withCurrent?: boolean;
  submitLabel: string;
  email: string;
  /** The `intent` posted with the form, when the page has several. */
  intent?: string;
}) {
  const navigation = useNavigation();
  // Checked by the server only: it alone knows the common-password list and the account.
  const [form, fields] = useFormFeedback(id, lastResult, {
    names: ["current", "password", "confirmation"],
    required: withCurrent ? ["current", "password", "confirmation"] : ["password", "confirmation"],
  });
  return (
    <Form method="post" id={form.id} noValidate className="mt-6 space-y-4 rounded-lg bg-white p-6 shadow">
      <AuthenticityTokenInput />
      <FormErrors id={form.errorId} errors={form.errors} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {/* For password managers: the account the password belongs to. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      {withCurrent ? (
        <TextField field={fields.current} label="Mot de passe actuel" type="password" autoComplete="current-password" />
      ) : null}
      <TextField
        field={fields.password}
        label="Nouveau mot de passe"
        type="password"
        autoComplete="new-password"
        hint="12 caractères au moins ; ni votre adresse e-mail, ni un mot de passe courant."
      />
      <TextField
        field={fields.confirmation}
        label="Confirmation du mot de passe"
        type="password"
        autoComplete="new-password"
      />
      <Button className="w-full" disabled={navigation.state === "submitting"}>
        {submitLabel}
      </Button>
    </Form>
  );
}

/**
 * The page a single-use link opens (/invitation/<token>, /reinitialiser/<token>): the link's
 * refusal when it is expired, used or unknown, else « Choisir un mot de passe » under `intro`.
 */
export function PasswordLinkPage({
  link,
  result,
  intro,
}: {
  link: { valid: boolean; message: string | null; email: string; name: string };
  result: { valid: boolean; message: string | null; reply: FormReply | null } | undefined;
  intro: (link: { email: string; name: string }) => string;
}) {
  const message = !link.valid ? link.message : result && !result.valid ? result.message : null;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Choisir un mot de passe</h1>
      {message ? (
        <Notice tone="error" className="mt-4">
          {message}
        </Notice>
      ) : (
        <>
          <p className="mt-2 text-slate-600">{intro(link)}</p>
          <ChoosePasswordForm
            id="choisir-mot-de-passe"
            lastResult={result?.reply ?? undefined}
            submitLabel="Enregistrer le mot de passe"
            email={link.email}
          />
        </>
      )}
    </div>
  );
}
