import type { ReactNode } from "react";

/**
 * A table that scrolls sideways inside its own box when it is wider than the screen, so the
 * page itself never scrolls horizontally. `caption` names the table for screen readers.
 */
export function DataTable({
  caption,
  className = "",
  tableClassName = "",
  children,
}: {
  caption?: string;
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
        {children}
      </table>
    </div>
  );
}
