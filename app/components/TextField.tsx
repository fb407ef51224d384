import type { ReactNode } from "react";
import { fieldProps, type FieldState } from "~/utils/form-feedback";
import { FieldError } from "./FieldError";

export const inputClass = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

/**
 * A labelled input of a form checked by its action: its label, the input (with `aria-invalid` and
 * `aria-describedby`), an optional hint under it, and its error message.
 */
export function TextField({
  field,
  label,
  type = "text",
  autoComplete,
  placeholder,
  hint,
}: {
  field: FieldState;
  label: ReactNode;
  type?: "text" | "email" | "password" | "date" | "search";
  autoComplete?: string;
  placeholder?: string;
  hint?: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={field.id} className="block font-medium">
        {label}
      </label>
      <input
        {...fieldProps(field)}
        type={type}
        autoComplete={autoComplete}
        placeholder={placeholder}
        className={inputClass}
      />
      {hint ? <p className="mt-1 text-sm text-slate-600">{hint}</p> : null}
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}
