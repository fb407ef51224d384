import type { ReactNode } from "react";

/**
 * A titled white panel of a page (a record's licences, its brevets, a session's history):
 * `children`, or — when `empty` is given — that one line instead (the list has nothing to show).
 */
export function Panel({
  id,
  title,
  intro,
  empty,
  emptyClassName = "mt-2 text-slate-600",
  className = "",
  children,
}: {
  /** The heading's id, which names the section. */
  id: string;
  title: ReactNode;
  /** A line under the title, shown in any case. */
  intro?: ReactNode;
  empty?: string | false;
  emptyClassName?: string;
  /** Classes added to the panel (margins, grid placement). */
  className?: string;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={`rounded bg-white p-5 shadow ${className}`}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {intro ? <p className="text-sm text-slate-600">{intro}</p> : null}
      {empty ? <p className={emptyClassName}>{empty}</p> : children}
    </section>
  );
}
