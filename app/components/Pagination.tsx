import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

const LINK = "text-brand-700 underline";

/**
 * Links to the neighbouring pages of a list, as plain links (they work without JavaScript and
 * the URL keeps the page). `pageCount` null: the total is not known, `hasNext` says whether a
 * next page exists. `edges` adds "Première page" / "Dernière page"; `wording` "results" names
 * the links "Résultats précédents" / "Résultats suivants" (a search's results).
 */
export function Pagination({
  label,
  page,
  pageCount,
  hasNext,
  pageLabel,
  href,
  edges = false,
  wording = "pages",
  preventScrollReset,
  className = "mt-4 flex flex-wrap items-center gap-4",
}: {
  label: string;
  page: number;
  pageCount: number | null;
  hasNext?: boolean;
  pageLabel?: ReactNode;
  href: (page: number) => string;
  edges?: boolean;
  wording?: "pages" | "results";
  preventScrollReset?: boolean;
  className?: string;
}) {
  if (pageCount !== null && pageCount <= 1) return null;
  const next = pageCount === null ? Boolean(hasNext) : page < pageCount;
  const words =
    wording === "results"
      ? { previous: "Résultats précédents", next: "Résultats suivants" }
      : { previous: "Page précédente", next: "Page suivante" };
  const link = (to: number, text: string, name?: string) => (
    <Link
      to={href(to)}
      preventScrollReset={preventScrollReset}
      className={`${LINK} inline-flex min-h-6 min-w-6 items-center justify-center`}
      aria-label={name}
    >
      {text}
    </Link>
  );
  const numbers = pageCount !== null && wording === "pages" ? pageNumbers(page, pageCount) : null;
  return (
    <nav aria-label={label} className={className}>
      {page > 1 ? (
        <>
          {edges && !numbers ? link(1, "Première page") : null}
          {link(page - 1, words.previous)}
        </>
      ) : null}
      {numbers ? (
        <ol className="flex flex-wrap items-center gap-x-1">
          {numbers.map((n, i) =>
            n === null ? (
              <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-600">
                …
              </li>
            ) : (
              <li key={n}>
                {n === page ? (
                  <span
                    aria-current="page"
                    className="inline-flex min-h-6 min-w-6 items-center justify-center rounded bg-brand-700 px-1 font-semibold text-white"
                  >
                    {n}
                  </span>
                ) : (
                  link(n, String(n), `Page ${n}`)
                )}
              </li>
            ),
          )}
        </ol>
      ) : null}
      <span>{pageLabel ?? (pageCount === null ? `Page ${page}` : `Page ${page} sur ${pageCount}`)}</span>
      {next ? (
        <>
          {link(page + 1, words.next)}
          {edges && pageCount !== null && !numbers ? link(pageCount, "Dernière page") : null}
        </>
      ) : null}
    </nav>
  );
}

/**
 * The page numbers to offer, null for a gap: the first, the last, and the current one with its
 * neighbours (« 1 … 4 5 6 … 548 »). A gap of a single page shows that page instead.
 */
export function pageNumbers(page: number, pageCount: number): (number | null)[] {
  const shown = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const previous = out.length ? out[out.length - 1] : null;
    if (previous !== null && n - previous === 2) out.push(n - 1);
    else if (previous !== null && n - previous > 2) out.push(null);
    out.push(n);
  }
  return out;
}
