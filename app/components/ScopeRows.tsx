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
          <label className="sr-only" htmlFor={`scope-${i}`}>
            Portée {i + 1}
          </label>
          <select
            id={`scope-${i}`}
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
          </select>
          <label className="sr-only" htmlFor={`role-${i}`}>
            Rôle {i + 1}
          </label>
          <select
            id={`role-${i}`}
            name={`scopes[${i}].role`}
            defaultValue={row?.role ?? "lecteur"}
            className="rounded border border-slate-400 px-2 py-1"
          >
            <option value="gestionnaire">gestionnaire</option>
            <option value="lecteur">lecteur</option>
          </select>
        </div>
      ))}
    </div>
  );
}
