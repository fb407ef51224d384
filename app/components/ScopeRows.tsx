import type { ReactNode } from "react";

export function ScopeRows({
  organisers,
  rows,
  count,
}: {
  organisers: { id: number; name: string; code: string }[];
  rows: { organiserId: number; role: "gestionnaire" | "lecteur" }[];
  count: number;
}) {
  const all = [...rows, ...Array.from({ length: Math.max(0, count - rows.length) }, () => null)];
  return (
    <div className="space-y-2">
      {all.map((row, i) => (
        <div key={i} className="flex flex-wrap gap-2">
          <HiddenLabelSelect
            id={`scope-${i}`}
            label={`Portée ${i + 1}`}
            name={`scopes[${i}].organiser`}
            defaultValue={row?.organiserId ?? ""}
            className="min-w-0 flex-1 rounded border border-slate-400 px-2 py-1"
          >
            <option value="">— aucune —</option>
            {organisers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.code})
              </option>
            ))}
          </HiddenLabelSelect>
          <HiddenLabelSelect
            id={`role-${i}`}
            label={`Rôle ${i + 1}`}
            name={`scopes[${i}].role`}
            defaultValue={row?.role ?? "lecteur"}
            className="rounded border border-slate-400 px-2 py-1"
          >
            <option value="gestionnaire">gestionnaire</option>
            <option value="lecteur">lecteur</option>
          </HiddenLabelSelect>
        </div>
      ))}
    </div>
  );
}

/** A select whose label is read by screen readers only (the row's columns say what it is). */
function HiddenLabelSelect({
  id,
  label,
  name,
  defaultValue,
  className,
  children,
}: {
  id: string;
  label: string;
  name: string;
  defaultValue: string | number;
  className: string;
  children: ReactNode;
}) {
  return (
    <>
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className={className}>
        {children}
      </select>
    </>
  );
}
