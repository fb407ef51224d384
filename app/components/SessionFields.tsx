import { fieldProps, type FieldState } from "~/utils/form-feedback";
import { TextField } from "~/components/TextField";
import { FieldError } from "./FieldError";

type Field = FieldState;

/**
 * The brevet of a session: chosen from a list when the session is created, then fixed
 * (shown as text, not sent with the form).
 */
export type CertificationChoice =
  | { kind: "choice"; field: Field; options: readonly { code: string; name: string }[] }
  | { kind: "fixed"; name: string; code: string };

/**
 * A session's "Informations" fields — Intitulé, Brevet, Lieu, Date de début, Date de fin —
 * as laid out on the creation form and on the session's own page. The route keeps the
 * `<Form>`, its hidden fields and its submit button.
 */
export function SessionFields({
  fields,
  certification,
  titleHint,
}: {
  fields: { title: Field; place: Field; startDate: Field; endDate: Field };
  certification: CertificationChoice;
  titleHint?: string;
}) {
  return (
    <>
      <TextField field={fields.title} label="Intitulé" hint={titleHint} />
      {certification.kind === "choice" ? (
        <div>
          <label htmlFor={certification.field.id} className="block font-medium">
            Brevet
          </label>
          <select
            {...fieldProps(certification.field)}
            className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
          >
            <option value="">Choisissez le brevet</option>
            {certification.options.map((b) => (
              <option key={b.code} value={b.code}>
                {b.name}
              </option>
            ))}
          </select>
          <FieldError id={certification.field.errorId} errors={certification.field.errors} />
        </div>
      ) : (
        <div>
          <p className="font-medium">Brevet</p>
          <p className="mt-1">
            {certification.name} ({certification.code})
          </p>
        </div>
      )}
      <TextField field={fields.place} label="Lieu" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields.startDate} label="Date de début" type="date" />
        <TextField field={fields.endDate} label="Date de fin" type="date" />
      </div>
    </>
  );
}
