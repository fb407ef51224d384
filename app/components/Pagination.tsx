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
  const link = (to: number, text: string) => (
    <Link to={href(to)} preventScrollReset={preventScrollReset} className={LINK}>
      {text}
    </Link>
  );
  return (
    <nav aria-label={label} className={className}>
      {page > 1 ? (
        <>
          {edges ? link(1, "Première page") : null}
          {link(page - 1, words.previous)}
        </>
      ) : null}
      <span>{pageLabel ?? (pageCount === null ? `Page ${page}` : `Page ${page} sur ${pageCount}`)}</span>
      {next ? (
        <>
          {link(page + 1, words.next)}
          {edges && pageCount !== null ? link(pageCount, "Dernière page") : null}
        </>
      ) : null}
    </nav>
  );
}
