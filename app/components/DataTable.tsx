import type { ReactNode } from "react";

/**
 * A column header: its text, or its text with the classes of its cell (alignment, width), its
 * sort, or `hidden` for a header read by screen readers only (a column of buttons).
 */
export type Column =
  | ReactNode
  | { label: ReactNode; className?: string; sort?: "ascending" | "descending" | "none"; hidden?: boolean };

/**
 * A table that scrolls sideways inside its own box when it is wider than the screen, so the
 * page itself never scrolls horizontally. `caption` names the table for screen readers;
 * `columns`, when given, writes the header row (otherwise `children` carries its own thead). The
 * box is positioned: text hidden for screen readers (`sr-only`, absolutely positioned) in a cell
 * far to the right stays inside it instead of widening the page.
 */
export function DataTable({
  caption,
  columns,
  className = "",
  tableClassName = "",
  children,
}: {
  caption?: string;
  columns?: Column[];
  /** Classes of the scrolling box (margins, background, shadow). */
  className?: string;
  /** Classes added to the table itself. */
  tableClassName?: string;
  children: ReactNode;
}) {
  return (
    <div className={`relative max-w-full overflow-x-auto ${className}`}>
      <table className={`min-w-full text-left text-sm ${tableClassName}`}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {columns ? (
          <thead className="bg-slate-100">
            <tr>
              {columns.map((column, index) => {
                const {
                  label,
                  className: cellClass = "",
                  sort,
                  hidden,
                } = isDescribed(column) ? column : { label: column };
                return (
                  <th key={index} scope="col" className={`px-3 py-2 ${cellClass}`} aria-sort={sort}>
                    {hidden ? <span className="sr-only">{label}</span> : label}
                  </th>
                );
              })}
            </tr>
          </thead>
        ) : null}
        {children}
      </table>
    </div>
  );
}

function isDescribed(column: Column): column is Exclude<Column, ReactNode> {
  return typeof column === "object" && column !== null && "label" in column;
}
