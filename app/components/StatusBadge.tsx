import { STATUS_LABELS } from "~/utils/format";

/** "En création" / "Clôturée" (classes `badge-*` in app/tailwind.css: a list shows 50 of them). */
export function StatusBadge({ status }: { status: "draft" | "closed" }) {
  return <span className={status === "closed" ? "badge-closed" : "badge-draft"}>{STATUS_LABELS[status]}</span>;
}
