import { Form, Link } from "@remix-run/react";
import { createContext, forwardRef, useContext, type FormEventHandler, type ReactNode } from "react";
import { Button, buttonClass } from "./FormParts";

/**
 * The pieces of a list page (sessions, journal): its filter form (a GET form: the URL is the
 * state), the export of what it shows, and what it says above its rows.
 */

/** What the ids of a filter form's fields begin with: a field named `brevet` in the form `f` is `f-brevet`. */
const IdPrefix = createContext("f");

function useFieldId(name: string): string {
  return `${useContext(IdPrefix)}-${name}`;
}

/**
 * The filter form: its fields (`children`) in a grid, then « Filtrer » and « Réinitialiser »
 * (the list with no filter) across the whole form, followed by `status`. Its fields' ids are
 * `idPrefix` and their names (`f-brevet`).
 */
export const FilterForm = forwardRef<
  HTMLFormElement,
  {
    label: string;
    idPrefix: string;
    role?: "search";
    onChange?: FormEventHandler<HTMLFormElement>;
    resetTo: string;
    onReset?: () => void;
    /** How the buttons line up with the fields. */
    actionsClassName: string;
    status?: ReactNode;
    children: ReactNode;
  }
>(function FilterForm({ label, idPrefix, role, onChange, resetTo, onReset, actionsClassName, status, children }, ref) {
  return (
    <Form
      ref={ref}
      method="get"
      role={role}
      aria-label={label}
      onChange={onChange}
      className="mt-4 grid gap-3 rounded bg-white p-4 shadow sm:grid-cols-2 lg:grid-cols-4"
    >
      <IdPrefix.Provider value={idPrefix}>{children}</IdPrefix.Provider>
      <div className={`flex gap-3 sm:col-span-2 lg:col-span-4 ${actionsClassName}`}>
        <Button>Filtrer</Button>
        <Link to={resetTo} onClick={onReset} className="px-2 py-2 text-brand-700 underline">
          Réinitialiser
        </Link>
        {status}
      </div>
    </Form>
  );
});

/** « Exporter »: the list as it is filtered, as a workbook. */
export function ExportLink({ href }: { href: string }) {
  return (
    <a href={href} className={buttonClass("plain", "md")} download>
      Exporter
    </a>
  );
}

/** The class of a filter's text box or list. */
export const FILTER_INPUT = "mt-1 w-full rounded border border-slate-400 px-2 py-1.5";

/** One filter: its label above its control (`children`, whose id is `id`). */
export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A filter typed in; `help`, when given, is said under the box and tied to it. */
export function TextFilter({
  name,
  label,
  value,
  maxLength,
  placeholder,
  inputMode,
  help,
}: {
  name: string;
  label: string;
  value: string;
  maxLength?: number;
  placeholder?: string;
  inputMode?: "email" | "text";
  help?: string;
}) {
  const id = useFieldId(name);
  return (
    <FilterField id={id} label={label}>
      <input
        id={id}
        name={name}
        type="text"
        inputMode={inputMode}
        placeholder={placeholder}
        defaultValue={value}
        maxLength={maxLength}
        aria-describedby={help ? `${id}-aide` : undefined}
        className={FILTER_INPUT}
      />
      {help ? (
        <p id={`${id}-aide`} className="mt-0.5 text-xs text-slate-600">
          {help}
        </p>
      ) : null}
    </FilterField>
  );
}

/** A filter chosen from a list: the first option (an empty value) for all, then `options`. */
export function SelectFilter({
  name,
  label,
  value,
  all,
  options,
}: {
  name: string;
  label: string;
  value: string;
  /** The option that filters nothing out (« Tous »); none when the filter always has a value (a sort). */
  all?: string;
  options: { value: string; label: string }[];
}) {
  const id = useFieldId(name);
  return (
    <FilterField id={id} label={label}>
      <select id={id} name={name} defaultValue={value} className={FILTER_INPUT}>
        {all !== undefined ? <option value="">{all}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

/** « Du » and « Au »: the dates a period filter reads. */
export function PeriodFilters({ du, au }: { du: string | null; au: string | null }) {
  return (
    <>
      <DateFilter name="du" label="Du" value={du} />
      <DateFilter name="au" label="Au" value={au} />
    </>
  );
}

function DateFilter({ name, label, value }: { name: string; label: string; value: string | null }) {
  const id = useFieldId(name);
  return (
    <FilterField id={id} label={label}>
      <input id={id} name={name} type="date" defaultValue={value ?? ""} className={FILTER_INPUT} />
    </FilterField>
  );
}

/** What the list says of the filters it corrected (a page past the end, a date it could not read). */
export function ListNotices({ notices }: { notices: string[] }) {
  return (
    <>
      {notices.map((notice) => (
        <p key={notice} role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2">
          {notice}
        </p>
      ))}
    </>
  );
}

/** In place of an empty list: why it is empty, and what to do. */
export function EmptyList({ children }: { children: ReactNode }) {
  return <div className="mt-6 rounded bg-white p-6 shadow">{children}</div>;
}
