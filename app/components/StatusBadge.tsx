import { STATUS_LABELS } from "~/utils/format";

export function StatusBadge({ status }: { status: "draft" | "closed" }) {
  const colours =
    status === "closed" ? "bg-slate-200 text-slate-800 ring-slate-400" : "bg-amber-100 text-amber-900 ring-amber-400";
  return (
    <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${colours}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}
