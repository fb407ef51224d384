import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { AuthenticityTokenInput } from "~/components/AuthenticityTokenInput";
import { getZodConstraint } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { choosePasswordSchema } from "~/accounts/password-form";
import { FieldError, FormErrors } from "./FieldError";

const inputClass = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

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
  lastResult: SubmissionResult<string[]> | undefined;
  withCurrent?: boolean;
  submitLabel: string;
  email: string;
  /** The `intent` posted with the form, when the page has several. */
  intent?: string;
}) {
  const navigation = useNavigation();
  const schema = choosePasswordSchema(undefined, withCurrent);
  const [form, fields] = useForm({
    id,
    lastResult,
    // Checked by the server only: it alone knows the common-password list and the account.
    constraint: getZodConstraint(schema),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg bg-white p-6 shadow">
      <AuthenticityTokenInput />
      <FormErrors id={form.errorId} errors={form.errors} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {/* For password managers: the account the password belongs to. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      {withCurrent ? (
        <div>
          <label htmlFor={fields.current.id} className="block font-medium">
            Mot de passe actuel
          </label>
          <input
            {...getInputProps(fields.current, { type: "password" })}
            autoComplete="current-password"
            className={inputClass}
          />
          <FieldError id={fields.current.errorId} errors={fields.current.errors} />
        </div>
      ) : null}
      <div>
        <label htmlFor={fields.password.id} className="block font-medium">
          Nouveau mot de passe
        </label>
        <input
          {...getInputProps(fields.password, { type: "password" })}
          autoComplete="new-password"
          className={inputClass}
        />
        <p className="mt-1 text-sm text-slate-600">
          12 caractères au moins ; ni votre adresse e-mail, ni un mot de passe courant.
        </p>
        <FieldError id={fields.password.errorId} errors={fields.password.errors} />
      </div>
      <div>
        <label htmlFor={fields.confirmation.id} className="block font-medium">
          Confirmation du mot de passe
        </label>
        <input
          {...getInputProps(fields.confirmation, { type: "password" })}
          autoComplete="new-password"
          className={inputClass}
        />
        <FieldError id={fields.confirmation.errorId} errors={fields.confirmation.errors} />
      </div>
      <button
        type="submit"
        className="w-full rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60"
        disabled={navigation.state === "submitting"}
      >
        {submitLabel}
      </button>
    </Form>
  );
}
