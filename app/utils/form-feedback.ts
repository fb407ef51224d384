import { useEffect, useRef } from "react";

// A form checked by its action only (docs/decisions/023-javascript-budget.md): the action parses
// the fields with `parseWithZod` and answers `submission.reply()`; the page reads that answer here,
// without Conform or zod in the browser's scripts. Ids follow Conform's (`form-field`,
// `form-field-error`), so labels, `aria-describedby` and error messages stay linked as before.

/** What an action answers for a submitted form (Conform's `SubmissionResult`, as JSON). */
export type FormReply = {
  status?: "error" | "success";
  initialValue?: Record<string, unknown> | null;
  error?: Record<string, string[] | null> | null;
};

/** One field of the form: what its label, input and error message need. */
export type FieldState = {
  id: string;
  name: string;
  errorId: string;
  errors?: string[];
  /** The value to show: what the user sent (after a refusal), else the form's default. */
  initialValue?: string | string[];
  required?: boolean;
};

export type FormState = { id: string; errorId: string; errors?: string[]; noValidate: true };

/**
 * The state of a form checked on the server: its id and form-level errors, and for each name its
 * field's id, error id, errors and value. After a refusal (JS on), focus goes to the first field in
 * error, or to the form's errors.
 */
export function useFormFeedback<Name extends string>(
  id: string,
  lastResult: FormReply | null | undefined,
  options: { names: readonly Name[]; required?: readonly Name[]; defaultValue?: Partial<Record<Name, string>> },
): [FormState, Record<Name, FieldState>] {
  const error = lastResult?.error ?? undefined;
  const values = lastResult?.initialValue ?? options.defaultValue ?? {};
  const form: FormState = { id, errorId: `${id}-error`, errors: messages(error?.[""]), noValidate: true };
  const fields = {} as Record<Name, FieldState>;
  for (const name of options.names) {
    const value = (values as Record<string, unknown>)[name];
    fields[name] = {
      id: `${id}-${name}`,
      name,
      errorId: `${id}-${name}-error`,
      errors: messages(error?.[name]),
      initialValue: typeof value === "string" || Array.isArray(value) ? (value as string | string[]) : undefined,
      required: options.required?.includes(name) || undefined,
    };
  }
  useFocusFirstError(id, lastResult);
  return [form, fields];
}

function messages(list: string[] | null | undefined): string[] | undefined {
  return list?.length ? list : undefined;
}

/** The props of an input, select or textarea for a field: id, name, value, required and ARIA links. */
export function fieldProps(field: FieldState, describedBy?: string) {
  const invalid = Boolean(field.errors);
  const described = [invalid ? field.errorId : "", describedBy ?? ""].join(" ").trim();
  const value = Array.isArray(field.initialValue) ? field.initialValue[0] : field.initialValue;
  return {
    id: field.id,
    name: field.name,
    defaultValue: value,
    required: field.required,
    "aria-invalid": invalid || undefined,
    "aria-describedby": described || undefined,
  };
}

function useFocusFirstError(id: string, lastResult: FormReply | null | undefined) {
  const seen = useRef(lastResult);
  useEffect(() => {
    if (!lastResult || lastResult === seen.current) return;
    seen.current = lastResult;
    const form = document.getElementById(id);
    const target = form?.querySelector<HTMLElement>("[aria-invalid='true']") ?? document.getElementById(`${id}-error`);
    target?.focus();
  }, [id, lastResult]);
}
