import type { ReactNode } from "react";
import { DataTable } from "./DataTable";
import { Pagination } from "./Pagination";

/** What a search below a list gives back: its text, a refusal (too short…), the page shown. */
export interface SearchPage {
  query: string;
  problem: string | null;
  total: number;
  page: number;
  pageCount: number;
}

/**
 * A search's results under its form: the refusal, « Aucun … ne correspond », or the count, a
 * table of one page and the links to the other pages (plain links: the URL keeps the page).
 * `frame` wraps the results (the form that posts the ticked rows, or a plain block).
 */
export function SearchResults({
  search,
  noMatch,
  found,
  caption,
  head,
  children,
  after,
  pageLink,
  frame,
}: {
  search: SearchPage;
  /** The sentence for no match, before « « query » ». */
  noMatch: string;
  /** How many were found, before « — page n sur m ». */
  found: string;
  caption: string;
  /** The table's header cells. */
  head: ReactNode;
  /** The table's rows. */
  children: ReactNode;
  /** Shown between the table and the page links (the submit button). */
  after?: ReactNode;
  pageLink: (page: number) => string;
  frame: (results: ReactNode) => ReactNode;
}) {
  if (search.problem) return <p className="mt-3 text-amber-900">{search.problem}</p>;
  if (!search.query) return null;
  if (search.total === 0) {
    return (
      <p className="mt-3" role="status">
        {noMatch} « {search.query} ».
      </p>
    );
  }
  return frame(
    <>
      <p role="status">
        {found}
        {search.pageCount > 1 ? ` — page ${search.page} sur ${search.pageCount}` : ""}
      </p>
      <DataTable className="mt-2 rounded bg-white" caption={caption}>
        <thead className="bg-slate-100">
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </DataTable>
      {after}
      <Pagination
        label="Pages de résultats"
        page={search.page}
        pageCount={search.pageCount}
        href={pageLink}
        wording="results"
        preventScrollReset
        className="mt-3 flex flex-wrap gap-4 text-sm"
      />
    </>,
  );
}
